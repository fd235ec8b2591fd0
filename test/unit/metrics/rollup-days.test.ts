import { describe, expect, it } from 'vitest';
import { dayReads, monthsWithin } from '../../../src/metrics/rollup-days.js';

const t = (iso: string) => Date.parse(iso);
const span = (lo: string, hi: string) => ({ lo: t(lo), hi: t(hi) });

describe('dayReads: a window as whole UTC days from the rollups plus its partial days', () => {
  it('reads whole days only when the window starts and ends at midnight UTC', () => {
    expect(dayReads(t('2026-11-02T00:00:00Z'), t('2026-11-05T00:00:00Z'))).toEqual({
      days: [span('2026-11-02T00:00:00Z', '2026-11-05T00:00:00Z')], add: [], subtract: [],
    });
  });

  it('adds an edge of at most half a day as it is', () => {
    // Dubai days: 20:00 UTC to 20:00 UTC. Left edge [2 Nov 20:00, 3 Nov 00:00) is 4 h: added.
    // Right edge [5 Nov 00:00, 5 Nov 20:00) is 20 h: its day 5 Nov, minus [20:00, 6 Nov 00:00).
    expect(dayReads(t('2026-11-02T20:00:00Z'), t('2026-11-05T20:00:00Z'))).toEqual({
      days: [span('2026-11-03T00:00:00Z', '2026-11-05T00:00:00Z'), span('2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z')],
      add: [span('2026-11-02T20:00:00Z', '2026-11-03T00:00:00Z')],
      subtract: [span('2026-11-05T20:00:00Z', '2026-11-06T00:00:00Z')],
    });
  });

  it('takes exactly half a day as it is, and one second more from the other side', () => {
    // [4 Nov 12:00, 5 Nov 00:00) is 12 h: added. [4 Nov 11:59:59, 5 Nov) is 12 h 1 s: the day
    // 4 Nov minus [00:00, 11:59:59).
    expect(dayReads(t('2026-11-04T12:00:00Z'), t('2026-11-05T00:00:00Z'))).toEqual({
      days: [], add: [span('2026-11-04T12:00:00Z', '2026-11-05T00:00:00Z')], subtract: [],
    });
    expect(dayReads(t('2026-11-04T11:59:59Z'), t('2026-11-05T00:00:00Z'))).toEqual({
      days: [span('2026-11-04T00:00:00Z', '2026-11-05T00:00:00Z')], add: [], subtract: [span('2026-11-04T00:00:00Z', '2026-11-04T11:59:59Z')],
    });
  });

  it('subtracts both ends of one day for most of it, and adds a short window inside one day', () => {
    // [3 Nov 01:00, 23:00) is 22 h: the day minus its first and last hour
    expect(dayReads(t('2026-11-03T01:00:00Z'), t('2026-11-03T23:00:00Z'))).toEqual({
      days: [span('2026-11-03T00:00:00Z', '2026-11-04T00:00:00Z')],
      add: [],
      subtract: [span('2026-11-03T00:00:00Z', '2026-11-03T01:00:00Z'), span('2026-11-03T23:00:00Z', '2026-11-04T00:00:00Z')],
    });
    expect(dayReads(t('2026-11-03T09:00:00Z'), t('2026-11-03T11:00:00Z'))).toEqual({
      days: [], add: [span('2026-11-03T09:00:00Z', '2026-11-03T11:00:00Z')], subtract: [],
    });
  });

  it('splits a window across one midnight into its two partial days', () => {
    // [4 Nov 20:00, 5 Nov 07:00): 4 h before midnight, 7 h after, both added
    expect(dayReads(t('2026-11-04T20:00:00Z'), t('2026-11-05T07:00:00Z'))).toEqual({
      days: [], add: [span('2026-11-04T20:00:00Z', '2026-11-05T00:00:00Z'), span('2026-11-05T00:00:00Z', '2026-11-05T07:00:00Z')], subtract: [],
    });
  });

  it('reads every day before `to` for an open start, and nothing for an empty window', () => {
    // before 5 Nov 18:00: every day before 5 Nov, then 5 Nov (18 h) minus [18:00, 6 Nov)
    expect(dayReads(null, t('2026-11-05T18:00:00Z'))).toEqual({
      days: [{ lo: null, hi: t('2026-11-05T00:00:00Z') }, span('2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z')],
      add: [],
      subtract: [span('2026-11-05T18:00:00Z', '2026-11-06T00:00:00Z')],
    });
    expect(dayReads(t('2026-11-05T00:00:00Z'), t('2026-11-05T00:00:00Z'))).toEqual({ days: [], add: [], subtract: [] });
    expect(dayReads(t('2026-11-06T00:00:00Z'), t('2026-11-05T00:00:00Z'))).toEqual({ days: [], add: [], subtract: [] });
  });
});

describe('monthsWithin: whole days as whole UTC months from the monthly table plus the days around them', () => {
  it('reads the months inside a 90-day range and the days on either side', () => {
    // 4 Sep – 3 Dec (90 days): October and November are whole; 4–30 Sep and 1–2 Dec are days
    expect(monthsWithin(span('2026-09-04T00:00:00Z', '2026-12-03T00:00:00Z'))).toEqual({
      months: [span('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z')],
      days: [span('2026-09-04T00:00:00Z', '2026-10-01T00:00:00Z'), span('2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z')],
    });
  });

  it('reads a range that is exactly whole months as months only, across a year end', () => {
    expect(monthsWithin(span('2026-12-01T00:00:00Z', '2027-02-01T00:00:00Z'))).toEqual({
      months: [span('2026-12-01T00:00:00Z', '2027-02-01T00:00:00Z')], days: [],
    });
  });

  it('reads days only when no whole month fits: inside one month, and across one boundary', () => {
    // 2 Nov – 1 Dec misses 1 Nov; 15 Oct – 14 Nov holds no 1st-to-1st month
    expect(monthsWithin(span('2026-11-02T00:00:00Z', '2026-12-01T00:00:00Z'))).toEqual({
      months: [], days: [span('2026-11-02T00:00:00Z', '2026-12-01T00:00:00Z')],
    });
    expect(monthsWithin(span('2026-10-15T00:00:00Z', '2026-11-14T00:00:00Z'))).toEqual({
      months: [], days: [span('2026-10-15T00:00:00Z', '2026-11-14T00:00:00Z')],
    });
    expect(monthsWithin(span('2026-11-03T00:00:00Z', '2026-11-03T00:00:00Z'))).toEqual({ months: [], days: [] });
  });

  it('takes February whole in a leap year, and every month before the last when the range is open', () => {
    // 2028 is a leap year: [1 Feb, 1 Mar) is 29 days and one month
    expect(monthsWithin(span('2028-01-31T00:00:00Z', '2028-03-02T00:00:00Z'))).toEqual({
      months: [span('2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z')],
      days: [span('2028-01-31T00:00:00Z', '2028-02-01T00:00:00Z'), span('2028-03-01T00:00:00Z', '2028-03-02T00:00:00Z')],
    });
    expect(monthsWithin({ lo: null, hi: t('2026-11-03T00:00:00Z') })).toEqual({
      months: [{ lo: null, hi: t('2026-11-01T00:00:00Z') }], days: [span('2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z')],
    });
  });
});
