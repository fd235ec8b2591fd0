import { describe, expect, it } from 'vitest';
import {
  buildBusyHoursConfig,
  busiestCell,
  busyHoursCellNote,
  busyHoursText,
  HEAT_COLOURS,
  heatColour,
} from '../../../src/charts/index.js';
import { busy, week } from './fixtures.js';
import { subtitleLines } from './subtitle.js';

const zeros = () => Array.from({ length: 7 }, () => Array<number>(24).fill(0));

describe('buildBusyHoursConfig', () => {
  const config = buildBusyHoursConfig(busy);

  it('puts hours 00..23 across and weekdays Mon..Sun down', () => {
    const x = config.options?.scales?.x as { type: string; labels: string[] };
    const y = config.options?.scales?.y as { type: string; labels: string[] };
    expect(x.type).toBe('category');
    expect(x.labels).toHaveLength(24);
    expect([x.labels[0], x.labels[9], x.labels[23]]).toEqual(['00', '09', '23']);
    expect(y.labels).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  it('names the time zone in the subtitle and the hour axis, and says cells are totals over the weeks', () => {
    expect(subtitleLines(config)).toEqual([
      '7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Cells: total inbound messages over 1 week, by local hour.',
    ]);
    expect(config.options?.scales?.x?.title).toMatchObject({ text: 'Hour of day (Asia/Riyadh)' });
    expect(config.options?.plugins?.title?.text).toBe('Busy hours: inbound messages');
  });

  it('draws the cells and the colour-scale legend with its own plugins', () => {
    expect(config.plugins?.map((p) => p.id)).toEqual(['wapulseHeatmap', 'wapulseHeatLegend']);
  });

  it.each([
    // 4 Aug – 31 Aug 2025 in Riyadh: 28 days.
    [{ from: '2025-08-03T21:00:00Z', to: '2025-08-31T21:00:00Z', timeZone: 'Asia/Riyadh' }, undefined, '4 weeks'],
    // 10 days: not whole weeks, so some weekdays occur twice; say days.
    [{ from: '2025-07-06T21:00:00Z', to: '2025-07-16T21:00:00Z', timeZone: 'Asia/Riyadh' }, undefined, '10 days'],
    // Berlin, 24 Mar – 6 Apr 2025 across the spring DST change: still 14 local days.
    [{ from: '2025-03-23T23:00:00Z', to: '2025-04-06T22:00:00Z', timeZone: 'Europe/Berlin' }, undefined, '2 weeks'],
    // The report's own day count wins when given.
    [{ from: '2025-07-06T21:00:00Z', to: '2025-07-13T21:00:00Z', timeZone: 'Asia/Riyadh' }, 14, '2 weeks'],
  ])('counts the span of %j (days %s) as %s', (p, days, span) => {
    const period = { from: new Date(p.from), to: new Date(p.to), timeZone: p.timeZone };
    const note = busyHoursCellNote({ ...busy, period, ...(days === undefined ? {} : { days }) });
    expect(note).toBe(`Cells: total inbound messages over ${span}, by local hour.`);
  });

  it('uses the weekday labels given, and refuses a mismatch', () => {
    const sunFirst = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const c = buildBusyHoursConfig({ ...busy, weekdays: sunFirst });
    expect((c.options?.scales?.y as { labels: string[] }).labels).toEqual(sunFirst);
    expect(() => buildBusyHoursConfig({ ...busy, weekdays: ['Mon'] })).toThrow(
      /7 rows of counts but 1 weekday/,
    );
    const short = busy.counts.map((row) => row.slice(0, 23));
    expect(() => buildBusyHoursConfig({ ...busy, counts: short })).toThrow(/24 hours/);
  });
});

describe('heatColour', () => {
  it('runs from the empty colour through light to the darkest stop at the maximum', () => {
    expect(heatColour(0, 10)).toBe(HEAT_COLOURS.empty);
    expect(heatColour(10, 10)).toBe(HEAT_COLOURS.stops[4]);
    expect(heatColour(5, 10)).toBe(HEAT_COLOURS.stops[2]);
    // A quarter of the way: exactly the second stop.
    expect(heatColour(2.5, 10)).toBe(HEAT_COLOURS.stops[1]);
  });
});

describe('busiestCell and busyHoursText', () => {
  it('finds the largest count, first on ties', () => {
    const counts = zeros();
    (counts[2] as number[])[14] = 9;
    (counts[4] as number[])[10] = 9;
    expect(busiestCell(counts)).toEqual({ row: 2, hour: 14, count: 9 });
    expect(busiestCell(zeros())).toBeNull();
  });

  it('lists the busiest cell, busiest hours and every row', () => {
    const counts = zeros();
    (counts[0] as number[])[9] = 3; // Mon 09
    (counts[1] as number[])[9] = 4; // Tue 09
    (counts[2] as number[])[14] = 6; // Wed 14
    (counts[6] as number[])[23] = 1; // Sun 23
    const lines = busyHoursText({ period: week, counts, measure: 'conversations opened' });
    expect(lines.slice(0, 5)).toEqual([
      'Busy hours: conversations opened — 7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Cells: total conversations opened over 1 week, by local hour.',
      'Total: 14',
      'Busiest: Wed 14:00–15:00 (6)',
      'Busiest hours of day: 09:00–10:00 (7), 14:00–15:00 (6), 23:00–00:00 (1)',
    ]);
    expect(lines[5]).toBe('Counts by hour 00..23 (Asia/Riyadh):');
    expect(lines[6]).toBe('Mon: 0 0 0 0 0 0 0 0 0 3 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (total 3)');
    expect(lines).toHaveLength(13);
  });

  it('says so when nothing happened', () => {
    expect(busyHoursText({ period: week, counts: zeros() }).slice(2)).toEqual(['Total: 0', 'No activity in this period.']);
  });
});
