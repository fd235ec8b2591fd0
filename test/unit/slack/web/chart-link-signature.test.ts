import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chartLinkKey, signChartLink, verifyChartLink } from '../../../../src/slack/chart-links/index.js';

describe('chart link signatures', () => {
  const key = chartLinkKey('signing-secret');

  it('derives the key as HMAC-SHA256(signingSecret, "wapulse chart links") and signs "<id>:<exp>"', () => {
    // Spelled out independently of the module: two HMACs, the second keyed by the first.
    const derived = createHmac('sha256', 'signing-secret').update('wapulse chart links').digest();
    expect(key.equals(derived)).toBe(true);
    const expected = createHmac('sha256', derived).update('abc123:1767225600').digest('hex');
    expect(signChartLink(key, 'abc123', 1767225600)).toBe(expected);
  });

  it('accepts its own signature and refuses any change to id, expiry, signature or key', () => {
    const sig = signChartLink(key, 'abc123', 1767225600);
    expect(verifyChartLink(key, 'abc123', 1767225600, sig)).toBe(true);
    expect(verifyChartLink(key, 'abc124', 1767225600, sig)).toBe(false);
    expect(verifyChartLink(key, 'abc123', 1767225601, sig)).toBe(false);
    const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    expect(verifyChartLink(key, 'abc123', 1767225600, flipped)).toBe(false);
    expect(verifyChartLink(chartLinkKey('other-secret'), 'abc123', 1767225600, sig)).toBe(false);
  });

  it('refuses malformed signatures without throwing', () => {
    for (const bad of ['', 'zz', 'A'.repeat(64), '0'.repeat(63), '0'.repeat(128)]) {
      expect(verifyChartLink(key, 'abc123', 1767225600, bad)).toBe(false);
    }
  });
});
