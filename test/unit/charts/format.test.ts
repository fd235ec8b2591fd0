import { describe, expect, it } from 'vitest';
import { formatPeriod, humaniseDuration } from '../../../src/charts/index.js';
import { formatCompact, formatDayLabel, formatRate } from '../../../src/charts/format.js';

describe('humaniseDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [252, '4m 12s'],
    [3600, '1h'],
    [7500, '2h 5m'],
    [86_400 + 4 * 3600, '1d 4h'],
  ])('%i s → %s', (seconds, text) => {
    expect(humaniseDuration(seconds)).toBe(text);
  });
});

describe('formatPeriod', () => {
  it('prints whole days with the inclusive last day and the zone', () => {
    // [Mon 7 Jul 00:00, Mon 14 Jul 00:00) in Riyadh (UTC+3).
    const period = { from: new Date('2025-07-06T21:00:00Z'), to: new Date('2025-07-13T21:00:00Z'), timeZone: 'Asia/Riyadh' };
    expect(formatPeriod(period)).toBe('7 Jul – 13 Jul 2025 · Asia/Riyadh');
  });

  it('prints one day once, also on a 23-hour DST day', () => {
    // Berlin springs forward on 30 Mar 2025: the day runs 22:00Z (UTC+1) to 22:00Z (UTC+2).
    const period = { from: new Date('2025-03-29T23:00:00Z'), to: new Date('2025-03-30T22:00:00Z'), timeZone: 'Europe/Berlin' };
    expect(formatPeriod(period)).toBe('30 Mar 2025 · Europe/Berlin');
  });

  it('names both years across new year', () => {
    const period = { from: new Date('2024-12-30T00:00:00Z'), to: new Date('2025-01-02T00:00:00Z'), timeZone: 'UTC' };
    expect(formatPeriod(period)).toBe('30 Dec 2024 – 1 Jan 2025 · UTC');
  });

  it('prints both instants for windows that are not whole days', () => {
    const period = { from: new Date('2025-07-07T06:00:00Z'), to: new Date('2025-07-07T15:00:00Z'), timeZone: 'Asia/Riyadh' };
    expect(formatPeriod(period)).toBe('7 Jul 2025, 09:00 – 7 Jul 2025, 18:00 · Asia/Riyadh');
  });
});

describe('small formats', () => {
  it('shows n/a for a zero denominator and one decimal otherwise', () => {
    expect(formatRate({ numerator: 0, denominator: 0 })).toBe('n/a');
    expect(formatRate({ numerator: 1, denominator: 3 })).toBe('33.3%');
  });

  it('compacts counts for heatmap cells', () => {
    expect([formatCompact(999), formatCompact(1000), formatCompact(1250), formatCompact(12_400)]).toEqual([
      '999',
      '1k',
      '1.3k',
      '12k',
    ]);
  });

  it('labels a calendar day on two lines', () => {
    expect(formatDayLabel('2025-07-07')).toEqual(['Mon', '7 Jul']);
  });
});
