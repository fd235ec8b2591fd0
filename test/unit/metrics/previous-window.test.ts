import { describe, expect, it } from 'vitest';
import { previousWindow, type ReportWindow } from '../../../src/metrics/window.js';

const iso = (w: ReportWindow) => [w.from.toISOString(), w.to.toISOString()];
const win = (from: string, to: string, tz: string, calendar?: ReportWindow['calendar']): ReportWindow => ({
  from: new Date(from), to: new Date(to), tz, ...(calendar ? { calendar } : {}),
});

describe('previousWindow', () => {
  it('compares a window in the past with the equal window just before', () => {
    const w = win('2026-11-09T00:00:00Z', '2026-11-16T00:00:00Z', 'UTC');
    expect(iso(previousWindow(w))).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
    // a `now` after the window changes nothing
    expect(iso(previousWindow(w, new Date('2026-11-20T00:00:00Z')))).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']);
  });

  it('this-week on Monday 09:00 → last Monday 00:00–09:00', () => {
    // Dubai is UTC+4 all year. this-week = Mon 23 Nov 2026 00:00 +04 (22 Nov 20:00Z) → Mon 30 Nov 00:00 +04.
    // now Mon 23 Nov 09:00 +04 = 05:00Z: 9 h elapsed → Mon 16 Nov 00:00 +04 (15 Nov 20:00Z) → 09:00 +04 (05:00Z).
    const w = win('2026-11-22T20:00:00Z', '2026-11-29T20:00:00Z', 'Asia/Dubai');
    expect(iso(previousWindow(w, new Date('2026-11-23T05:00:00Z')))).toEqual(['2026-11-15T20:00:00.000Z', '2026-11-16T05:00:00.000Z']);
  });

  it('today at 14:30 → yesterday 00:00–14:30', () => {
    // today = 24 Nov 2026 in Dubai: 23 Nov 20:00Z → 24 Nov 20:00Z; now 14:30 +04 = 10:30Z
    const w = win('2026-11-23T20:00:00Z', '2026-11-24T20:00:00Z', 'Asia/Dubai');
    expect(iso(previousWindow(w, new Date('2026-11-24T10:30:00Z')))).toEqual(['2026-11-22T20:00:00.000Z', '2026-11-23T10:30:00.000Z']);
  });

  it('this-month on 31 March compares with all of February (the span is clamped to its end)', () => {
    // March in Dubai: 1 Mar 00:00 +04 (28 Feb 20:00Z) → 1 Apr 00:00 +04 (31 Mar 20:00Z).
    const march = win('2026-02-28T20:00:00Z', '2026-03-31T20:00:00Z', 'Asia/Dubai');
    // now 31 Mar 09:00 +04: 30 days 9 h into March; 1 Feb + 30 d 9 h = 3 Mar 09:00, past February's
    // end → clamped to 1 Mar 00:00 +04. February = 1 Feb 00:00 +04 (31 Jan 20:00Z) → 28 Feb 20:00Z.
    expect(iso(previousWindow(march, new Date('2026-03-31T05:00:00Z')))).toEqual(['2026-01-31T20:00:00.000Z', '2026-02-28T20:00:00.000Z']);
    // now 15 Mar 10:00 +04: 14 d 10 h in → 15 Feb 10:00 +04 = 06:00Z
    expect(iso(previousWindow(march, new Date('2026-03-15T06:00:00Z')))).toEqual(['2026-01-31T20:00:00.000Z', '2026-02-15T06:00:00.000Z']);
  });

  it('measures the span in local wall-clock time across a DST change', () => {
    // London moves to BST (UTC+1) on Sun 29 Mar 2026 at 01:00 GMT.
    // this-week = Mon 23 Mar 00:00 GMT (00:00Z) → Mon 30 Mar 00:00 BST (29 Mar 23:00Z).
    const dstWeek = win('2026-03-23T00:00:00Z', '2026-03-29T23:00:00Z', 'Europe/London');
    // now Sun 29 Mar 12:00 BST = 11:00Z: 6 days 12 h of wall clock (6 d 11 h of real time) →
    // Mon 16 Mar 00:00 GMT → Sun 22 Mar 12:00 GMT, both UTC.
    expect(iso(previousWindow(dstWeek, new Date('2026-03-29T11:00:00Z')))).toEqual(['2026-03-16T00:00:00.000Z', '2026-03-22T12:00:00.000Z']);
    // The week after: Mon 30 Mar 00:00 BST (29 Mar 23:00Z) → Mon 6 Apr 00:00 BST (5 Apr 23:00Z);
    // now Mon 30 Mar 09:00 BST (08:00Z) → Mon 23 Mar 00:00–09:00 GMT, i.e. 00:00Z–09:00Z
    // (the equal-length rule would have said Sun 22 Mar 23:00Z onwards).
    const after = win('2026-03-29T23:00:00Z', '2026-04-05T23:00:00Z', 'Europe/London');
    expect(iso(previousWindow(after, new Date('2026-03-30T08:00:00Z')))).toEqual(['2026-03-23T00:00:00.000Z', '2026-03-23T09:00:00.000Z']);
  });

  it('a running window of N whole days goes back N days, for the same elapsed span', () => {
    // 7d in UTC on Wed 25 Nov 2026 06:00: 19 Nov 00:00 → 26 Nov 00:00; 6 d 6 h elapsed →
    // 12 Nov 00:00 → 18 Nov 06:00
    const w = win('2026-11-19T00:00:00Z', '2026-11-26T00:00:00Z', 'UTC');
    expect(iso(previousWindow(w, new Date('2026-11-25T06:00:00Z')))).toEqual(['2026-11-12T00:00:00.000Z', '2026-11-18T06:00:00.000Z']);
  });

  it('a window that ends at now is period-to-date only when it says which period it is', () => {
    // Mon 23 Nov 00:00 +04 → now (Mon 09:00 +04): 9 h
    const now = new Date('2026-11-23T05:00:00Z');
    const flagged = win('2026-11-22T20:00:00Z', '2026-11-23T05:00:00Z', 'Asia/Dubai', 'week');
    expect(iso(previousWindow(flagged, now))).toEqual(['2026-11-15T20:00:00.000Z', '2026-11-16T05:00:00.000Z']);
    // the same instants without the flag (an explicit --from/--to): the 9 h just before
    const explicit = win('2026-11-22T20:00:00Z', '2026-11-23T05:00:00Z', 'Asia/Dubai');
    expect(iso(previousWindow(explicit, now))).toEqual(['2026-11-22T11:00:00.000Z', '2026-11-22T20:00:00.000Z']);
    // flagged this-month on 31 Mar at 09:00 +04 ending at now: all of February, as above
    const month = win('2026-02-28T20:00:00Z', '2026-03-31T05:00:00Z', 'Asia/Dubai', 'month');
    expect(iso(previousWindow(month, new Date('2026-03-31T05:00:00Z')))).toEqual(['2026-01-31T20:00:00.000Z', '2026-02-28T20:00:00.000Z']);
  });

  it('a running window of odd hours goes back by its length', () => {
    // 10:00Z → 22:00Z (12 h), now 13:00Z (3 h in) → previous 22:00Z the day before → 01:00Z
    const w = win('2026-11-24T10:00:00Z', '2026-11-24T22:00:00Z', 'UTC');
    expect(iso(previousWindow(w, new Date('2026-11-24T13:00:00Z')))).toEqual(['2026-11-23T22:00:00.000Z', '2026-11-24T01:00:00.000Z']);
  });
});
