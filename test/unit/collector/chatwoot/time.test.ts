import { describe, expect, it } from 'vitest';
import { parseChatwootTime } from '../../../../src/collector/chatwoot/index.js';
import { unixKey } from '../../../../src/collector/chatwoot/time.js';

// 1763976300 = 2025-11-24T09:25:00Z (20 416 days × 86 400 s = 1 763 942 400, + 9 h 25 min = 33 900 s)
const T = new Date('2025-11-24T09:25:00Z');

describe('parseChatwootTime', () => {
  it.each([
    ['integer Unix seconds', 1763976300, T],
    ['Unix seconds as a string', '1763976300', T],
    ['float seconds (updated_at.to_f), microseconds truncated to ms', 1763976300.123456, new Date('2025-11-24T09:25:00.123Z')],
    ['float whose binary form sits just below .123', 1763976300.123, new Date('2025-11-24T09:25:00.123Z')],
    ['ISO with Z (Rails JSON)', '2025-11-24T09:25:00.000Z', T],
    ['ISO with an offset', '2025-11-24T13:25:00+04:00', T],
    ["Rails' to_s form", '2025-11-24 09:25:00 UTC', T],
  ])('%s', (_label, value, expected) => {
    expect(parseChatwootTime(value)).toEqual(expected);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['a time without a zone', '2025-11-24T09:25:00'],
    ['words', 'yesterday'],
    ['negative', -1],
    ['not finite', Number.NaN],
  ])('%s → null (never "now")', (_label, value) => {
    expect(parseChatwootTime(value)).toBeNull();
  });
});

describe('unixKey', () => {
  it('is whole seconds, with milliseconds only when there are some', () => {
    expect(unixKey(T)).toBe('1763976300');
    expect(unixKey(new Date('2025-11-24T09:25:00.250Z'))).toBe('1763976300.250');
  });
});
