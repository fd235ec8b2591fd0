import { describe, expect, it } from 'vitest';
import { describeInstant, describeWindow } from '../../../src/cli/format/window-text.js';

describe('describeWindow', () => {
  it('names whole local days, both included, with the count and zone', () => {
    // Dubai is UTC+4: 22 Nov 20:00 UTC is Mon 23 Nov 00:00 there; 29 Nov 20:00 UTC is Mon 30 Nov
    // 00:00, so the last day included is Sun 29 Nov, 7 days.
    const w = { from: new Date('2026-11-22T20:00:00Z'), to: new Date('2026-11-29T20:00:00Z'), tz: 'Asia/Dubai' };
    expect(describeWindow(w)).toBe('window: Mon 23 Nov 2026 – Sun 29 Nov 2026 (7 days, Asia/Dubai)');
  });
  it('counts calendar days across a DST change (London, 25 Oct 2026 has 25 hours)', () => {
    const w = { from: new Date('2026-10-24T23:00:00Z'), to: new Date('2026-10-26T00:00:00Z'), tz: 'Europe/London' };
    expect(describeWindow(w)).toBe('window: Sun 25 Oct 2026 (1 day, Europe/London)');
  });
  it('shows times, end excluded, for windows that are not whole days', () => {
    // 09:00Z and 17:30Z are 13:00 and 21:30 in Dubai.
    const w = { from: new Date('2026-09-01T09:00:00Z'), to: new Date('2026-09-01T17:30:00Z'), tz: 'Asia/Dubai' };
    expect(describeWindow(w)).toBe('window: Tue 1 Sep 2026 13:00 → Tue 1 Sep 2026 21:30, end excluded (Asia/Dubai)');
    expect(describeInstant(new Date('2026-09-01T20:05:00Z'), 'Asia/Dubai')).toBe('as of Wed 2 Sep 2026 00:05 (Asia/Dubai)');
  });
});
