import { describe, expect, it } from 'vitest';
import { explicitWindow, parsePeriod } from '../../../src/metrics/period.js';

// now = Tuesday 2026-11-24 10:00 UTC = 14:00 in Dubai (UTC+4, no DST)
const now = new Date('2026-11-24T10:00:00Z');
const w = (text: string, tz = 'Asia/Dubai') => {
  const r = parsePeriod(text, tz, now);
  if (!r.ok) throw new Error(r.error);
  return [r.window.from.toISOString(), r.window.to.toISOString()];
};

describe('parsePeriod', () => {
  it('takes whole local days: Dubai midnight is 20:00 UTC the day before', () => {
    expect(w('today')).toEqual(['2026-11-23T20:00:00.000Z', '2026-11-24T20:00:00.000Z']);
    expect(w('yesterday')).toEqual(['2026-11-22T20:00:00.000Z', '2026-11-23T20:00:00.000Z']);
    expect(w('7d')).toEqual(['2026-11-17T20:00:00.000Z', '2026-11-24T20:00:00.000Z']);
  });
  it('weeks start on Monday; months are calendar months', () => {
    expect(w('this-week')).toEqual(['2026-11-22T20:00:00.000Z', '2026-11-29T20:00:00.000Z']); // Mon 23 Nov .. Mon 30 Nov
    expect(w('last-month')).toEqual(['2026-09-30T20:00:00.000Z', '2026-10-31T20:00:00.000Z']);
  });
  it('includes both ends of a date range', () => {
    expect(w('2026-11-01..2026-11-15')).toEqual(['2026-10-31T20:00:00.000Z', '2026-11-15T20:00:00.000Z']);
  });
  it('makes a DST day 23 hours long (London, 29 March 2026)', () => {
    expect(w('2026-03-29', 'Europe/London')).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z']);
  });
  it('explains bad input', () => {
    expect(parsePeriod('fortnight', 'UTC', now)).toMatchObject({ ok: false, error: expect.stringMatching(/unknown period/) });
    expect(parsePeriod('today', 'Mars/Olympus', now)).toMatchObject({ ok: false, error: expect.stringMatching(/time zone/) });
    expect(parsePeriod('2026-02-30', 'UTC', now).ok).toBe(false);
    expect(explicitWindow('2026-11-02', '2026-11-01', 'UTC').ok).toBe(false);
  });
});
