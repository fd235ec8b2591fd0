import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildChartConfig,
  busyHours,
  chartBackend,
  chartForReport,
  chartText,
  type ChartDataByKind,
  type ChartKind,
  renderChart,
  useChartBackend,
} from '../../../src/charts/index.js';
import { INSTALLED_BACKENDS, reportSkippedNodeCanvas } from './backends.js';
import { busyHours as busyHoursReport } from '../format/hand-made.js';
import { agents, busy, failures, funnel } from './fixtures.js';
import { decodePng, inkShare, opaqueShare } from './png.js';

// The fixture's measure is English; without one the chart names it from the catalog.
const busyAr = { ...busy, measure: undefined };
const KINDS = [
  ['agentPerformance', agents],
  ['busyHours', busyAr],
  ['deliveryFailures', failures],
  ['messagesFunnel', funnel],
] as const;

const ARABIC = /[\u0600-\u06FF]/;
const LATIN_WORD = /[A-Za-z]{3,}/;
/** Every number in some text, as written with Western digits (groups and decimals kept): sorted. */
const numbers = (lines: string[]) => lines.join('\n').match(/\d+(?:[.,]\d+)*/g)?.sort() ?? [];

describe('Arabic chart configurations', () => {
  it.each(KINDS)('%s: title, subtitle and axes in Arabic, the title at the right', (kind, data) => {
    const config = buildChartConfig(kind as ChartKind, data as never, 'ar');
    const { title, subtitle } = config.options!.plugins!;
    expect(title!.text).toMatch(ARABIC);
    expect(title!.text).not.toMatch(LATIN_WORD);
    expect(title!.align).toBe('end');
    // the first subtitle line is the window: 7 to 13 July 2025 in Riyadh
    const [period] = subtitle!.text as string[];
    expect(period).toBe('من 7 يوليو إلى 13 يوليو 2025 · Asia/Riyadh');
    // the English chart keeps its title at the left
    expect(buildChartConfig(kind as ChartKind, data as never).options!.plugins!.title!.align).toBe('start');
  });

  it.each([['agentPerformance', agents], ['deliveryFailures', failures]] as const)('%s: legend laid out right-to-left', (kind, data) => {
    const legend = buildChartConfig(kind, data as never, 'ar').options!.plugins!.legend!;
    expect(legend.rtl).toBe(true);
    // mirrored: the legend at the left, the title at the right
    expect(legend.align).toBe('start');
    expect(buildChartConfig(kind, data as never, 'en').options!.plugins!.legend!.rtl).toBeUndefined();
  });

  it('names weekdays and days in Arabic, digits Western', () => {
    const heat = buildChartConfig('busyHours', busyAr, 'ar');
    expect((heat.options!.scales!.y as { labels: string[] }).labels).toEqual(['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد']);
    // 2025-07-07 was a Monday
    expect(buildChartConfig('deliveryFailures', failures, 'ar').data.labels![0]).toEqual(['الاثنين', '7 يوليو']);
  });
});

describe('Arabic chartText', () => {
  it.each(KINDS)('%s: the same numbers as in English, Western digits, Arabic words', (kind, data) => {
    const en = chartText(kind as ChartKind, data as never, 'en');
    const ar = chartText(kind as ChartKind, data as never, 'ar');
    expect(ar).toHaveLength(en.length);
    // Except the busy hours' span: "1 week" is "أسبوع" in Arabic, a noun with no numeral (below).
    const spanLine = kind === 'busyHours' ? 1 : -1;
    const other = (lines: string[]) => lines.filter((_, i) => i !== spanLine);
    expect(numbers(other(ar))).toEqual(numbers(other(en)));
    expect(numbers(ar).length).toBeGreaterThan(3);
    expect(ar.join('\n')).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
    expect(ar[0]).toMatch(ARABIC);
  });

  it('busy hours: the week and the busiest cell', () => {
    const ar = chartText('busyHours', busyAr, 'ar');
    expect(ar[1]).toBe('الخلايا: إجمالي الرسائل الواردة خلال أسبوع، حسب الساعة المحلية.');
    // the fixture's busiest cell: Sunday (row 6) 20:00, set to 61
    expect(ar).toContain('الأكثر ازدحامًا: الأحد 20:00–21:00 (61)');
  });

  it('funnel: rates worked out by hand', () => {
    const ar = chartText('messagesFunnel', funnel, 'ar');
    // 2,459 / 2,550 = 0.9643 → 96.4; 1,870 / 2,459 = 0.7605 → 76.0; 1,312 / 2,466 = 0.5320 → 53.2
    expect(ar).toContain('المُسلّمة: 2,459 (96.4٪ من المرسلة: 2,459 / 2,550)');
    expect(ar).toContain('المقروءة: 1,870 (76.0٪ من المُسلّمة: 1,870 / 2,459)');
    expect(ar).toContain('الواردة: 1,312 (تفاعل 53.2٪: 1,312 / 2,466)');
  });

  it('agents: durations in Arabic units', () => {
    const ar = chartText('agentPerformance', agents, 'ar');
    // Sara: 252 s = 4 min 12 s; p90 900 s = 15 min; resolution 3 h 5 min, p90 8 h
    expect(ar).toContain('Sara Lopez: وسيط أول رد 4د 12ث (المئين 90: 15د)، ووسيط الإغلاق 3س 5د (المئين 90: 8س)');
  });
});

reportSkippedNodeCanvas();

describe.each(INSTALLED_BACKENDS)('Arabic PNGs on %s', (backend) => {
  beforeAll(async () => {
    useChartBackend(backend);
    expect((await chartBackend()).name).toBe(backend);
  });
  afterAll(() => useChartBackend('auto'));

  it('chartForReport passes the locale through: the busy-hours report in Arabic', async () => {
    expect(busyHours(busyHoursReport, 'ar').measure).toBe('الرسائل الواردة');
    const png = await chartForReport(busyHoursReport, { locale: 'ar' });
    expect(png).not.toBeNull();
    const img = await decodePng(png!);
    expect([img.width, img.height]).toEqual([1600, 900]);
    // its title right-aligned, as for the Arabic charts below
    expect(inkShare(img, { x0: 800, y0: 8, x1: 1600, y1: 44 })).toBeGreaterThan(inkShare(img, { x0: 0, y0: 8, x1: 800, y1: 44 }));
  });

  it.each(KINDS)('%s renders and decodes, its title drawn at the right', async (kind, data) => {
    const png = await renderChart(kind as ChartKind, data as ChartDataByKind[ChartKind], { locale: 'ar' });
    const img = await decodePng(png);
    expect([img.width, img.height]).toEqual([1600, 900]);
    expect(opaqueShare(img)).toBe(1);
    const ink = inkShare(img);
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.9);
    // The title line: padding 4 + 16 px bold text, at 2× roughly rows 8..48. Right-aligned, its ink
    // is in the right half; the left half of that band is empty but for a wide title.
    const band = (pixels: typeof img, x0: number, x1: number) => inkShare(pixels, { x0, y0: 8, x1, y1: 44 });
    expect(band(img, img.width / 2, img.width)).toBeGreaterThan(band(img, 0, img.width / 2));
    // and the English title, left-aligned, the other way round: the measure tells them apart
    const en = await decodePng(await renderChart(kind as ChartKind, data as ChartDataByKind[ChartKind]));
    expect(band(en, 0, en.width / 2)).toBeGreaterThan(band(en, en.width / 2, en.width));
  });
});
