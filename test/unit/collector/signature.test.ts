import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../../src/collector/signature.js';

describe('verifySignature', () => {
  const body = Buffer.from('{"a":"مرحبا"}', 'utf8');
  // Computed independently of signBody, straight from node:crypto.
  const hex = createHmac('sha256', 'k3y-k3y-k3y').update(body).digest('hex');

  it('accepts the HMAC of the raw bytes, in either hex case', () => {
    expect(verifySignature(body, `sha256=${hex}`, 'k3y-k3y-k3y')).toEqual({ kind: 'valid' });
    expect(verifySignature(body, `sha256=${hex.toUpperCase()}`, 'k3y-k3y-k3y')).toEqual({ kind: 'valid' });
    expect(signBody(body, 'k3y-k3y-k3y')).toBe(`sha256=${hex}`);
  });

  it('tells missing, malformed and mismatching headers apart', () => {
    expect(verifySignature(body, undefined, 'k3y-k3y-k3y').kind).toBe('missing');
    expect(verifySignature(body, hex, 'k3y-k3y-k3y').kind).toBe('malformed');
    expect(verifySignature(body, `sha256=${hex.slice(0, 63)}`, 'k3y-k3y-k3y').kind).toBe('malformed');
    expect(verifySignature(body, `sha256=${hex}`, 'other-key').kind).toBe('mismatch');
  });
});
