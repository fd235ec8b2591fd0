import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText } from '../../../../src/slack/mask/index.js';

describe('maskPhone', () => {
  it.each([
    // 12 digits: 9 may show → 5 in front, 4 at the end, 3 hidden (SPEC's example)
    ['+971501234567', '+97150•••4567'],
    ['971501234567', '+97150•••4567'],
    ['+971 50 123 4567', '+97150•••4567'],
    // 13 digits: still 5 + 4, now 4 hidden
    ['+9665012345678', '+96650•••5678'],
    // 11 digits (US): 8 may show → 4 + 4
    ['15550783881', '+1555•••3881'],
    ['+1 555-078-3881', '+1555•••3881'],
    // 10 digits: 7 may show → 3 in front, 4 at the end
    ['4915123456', '+491•••3456'],
    // 9 → 3 + 3; 8 → 2 + 3
    ['123456789', '+123•••789'],
    ['12345678', '+12•••678'],
    // 4 digits: only 1 may show, at the end; 3 or fewer: all hidden
    ['1234', '+•••4'],
    ['123', '+•••'],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('always hides at least 3 digits', () => {
    for (let n = 1; n <= 15; n++) {
      const number = '9'.repeat(n);
      const shown = maskPhone(number).replace(/\D/g, '').length;
      expect(n - shown).toBeGreaterThanOrEqual(Math.min(3, n));
    }
  });

  it('leaves text without digits, and an already masked number, as they are', () => {
    expect(maskPhone('Layla')).toBe('Layla');
    expect(maskPhone('+97150•••4567')).toBe('+97150•••4567');
  });
});

describe('maskPhonesInText', () => {
  it('masks numbers inside free text and keeps the rest', () => {
    expect(maskPhonesInText('call me on +971 50 123 4567 please')).toBe('call me on +97150•••4567 please');
    expect(maskPhonesInText('0501234567 or 0559876543')).toBe('+050•••4567 or +055•••6543');
  });

  it('leaves short numbers, dates and times alone', () => {
    expect(maskPhonesInText('order 1234, at 10:30 on 2026-11-01')).toBe('order 1234, at 10:30 on 2026-11-01');
  });

  it('is harmless twice', () => {
    const once = maskPhonesInText('+971501234567');
    expect(maskPhonesInText(once)).toBe(once);
  });
});
