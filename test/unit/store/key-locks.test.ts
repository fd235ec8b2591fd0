import { describe, expect, it } from 'vitest';
import { byKey } from '../../../src/store/chunks.js';
import { contactLockKeys, keyHash, pairLockKey } from '../../../src/store/key-locks.js';

describe('keyHash', () => {
  // FNV-1a 32-bit reference values (the published test vectors), read as signed int4:
  // "" → 0x811c9dc5 = 2166136261 − 2^32; "a" → 0xe40c292c = 3826002220 − 2^32; "foobar" → 0xbf9cf968 = 3214735720 − 2^32.
  it('is FNV-1a as a signed int4', () => {
    expect(keyHash('')).toBe(-2128831035);
    expect(keyHash('a')).toBe(-468965076);
    expect(keyHash('foobar')).toBe(-1080231576);
  });
});

describe('lock keys', () => {
  it('locks a contact under each key it has', () => {
    expect(contactLockKeys({ userId: 'AE.1', waId: '9715' })).toEqual(['u:AE.1', 'w:9715']);
    expect(contactLockKeys({ waId: '9715' })).toEqual(['w:9715']);
    expect(pairLockKey(12, '1065')).toBe('12:1065');
  });
});

describe('byKey', () => {
  it('orders rows by code unit, the same on every process', () => {
    expect(byKey(['wamid.b', 'wamid.B', 'wamid.a', 'wamid.aa'], (s) => s)).toEqual(['wamid.B', 'wamid.a', 'wamid.aa', 'wamid.b']);
  });
});
