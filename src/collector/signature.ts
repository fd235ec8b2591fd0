import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck =
  | { kind: 'valid' }
  | { kind: 'missing' }
  | { kind: 'malformed' }
  | { kind: 'mismatch' };

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/**
 * Verifies a `sha256=<hex>` HMAC-SHA256 header over the raw request bytes (never over
 * re-serialised JSON: any whitespace or escaping difference would break the signature),
 * comparing in constant time. Used for Meta's X-Hub-Signature-256 and our X-Wapulse-Signature.
 */
export function verifySignature(rawBody: Uint8Array, header: string | undefined, secret: string): SignatureCheck {
  if (!header) return { kind: 'missing' };
  const match = HEADER_FORMAT.exec(header.trim());
  if (!match) return { kind: 'malformed' };
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? { kind: 'valid' } : { kind: 'mismatch' };
}

/** The header value a sender computes: `sha256=<hex HMAC-SHA256(secret, body)>`. */
export function signBody(rawBody: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
