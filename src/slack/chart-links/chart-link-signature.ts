import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key of chart links, derived from the Slack signing secret so no extra setting is needed:
 * HMAC-SHA256(signingSecret, 'wapulse chart links'). Deriving (rather than reusing the secret)
 * keeps a chart signature from ever being usable as a Slack request signature, or the reverse.
 */
export function chartLinkKey(signingSecret: string): Buffer {
  return createHmac('sha256', signingSecret).update('wapulse chart links').digest();
}

/** Hex HMAC-SHA256 over `<id>:<exp>`, exp in Unix seconds: the id and the expiry cannot be swapped. */
export function signChartLink(key: Buffer, id: string, expUnix: number): string {
  return createHmac('sha256', key).update(`${id}:${expUnix}`).digest('hex');
}

/** Constant-time check of a link's signature; false for anything malformed. */
export function verifyChartLink(key: Buffer, id: string, expUnix: number, sig: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(sig)) return false;
  const expected = Buffer.from(signChartLink(key, id, expUnix), 'hex');
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
}
