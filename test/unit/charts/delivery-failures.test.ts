import { describe, expect, it } from 'vitest';
import {
  buildDeliveryFailuresConfig,
  deliveryFailuresText,
  FAILURE_COLOURS,
  failureClasses,
  rateAxis,
} from '../../../src/charts/index.js';
import { failures, week } from './fixtures.js';
import { subtitleLines } from './subtitle.js';

describe('failureClasses', () => {
  it('orders classes by total, descending, with Other last', () => {
    // Totals from the fixture: 131047 → 56, 131026 → 20, Other → 8.
    expect(failureClasses(failures)).toEqual(['131047 Re-engagement', '131026 Undeliverable', 'Other']);
  });

  it('puts the given order first', () => {
    expect(failureClasses({ ...failures, classOrder: ['Other'] })).toEqual([
      'Other',
      '131047 Re-engagement',
      '131026 Undeliverable',
    ]);
  });
});

describe('buildDeliveryFailuresConfig', () => {
  const config = buildDeliveryFailuresConfig(failures);
  const [rate, ...bars] = config.data.datasets;

  it('labels each day with weekday and date', () => {
    expect(config.data.labels?.[0]).toEqual(['Mon', '7 Jul']);
    expect(config.data.labels).toHaveLength(7);
  });

  it('stacks one bar dataset per class, coloured by error code', () => {
    expect(bars.map((b) => b.label)).toEqual(['131047 Re-engagement', '131026 Undeliverable', 'Other']);
    expect(bars.map((b) => b.backgroundColor)).toEqual([
      FAILURE_COLOURS.byCode['131047'],
      FAILURE_COLOURS.byCode['131026'],
      FAILURE_COLOURS.other,
    ]);
    expect(bars[0]?.data).toEqual([9, 12, 4, 22, 3, 0, 6]);
    expect(bars[2]?.data).toEqual([2, 0, 1, 4, 0, 0, 1]);
    expect(config.options?.scales?.y).toMatchObject({ stacked: true, title: { text: 'Failed messages' } });
  });

  it('draws the failure rate in percent on a right axis scaled to the data', () => {
    expect(rate).toMatchObject({ type: 'line', label: 'Failure rate', yAxisID: 'y1' });
    // 14 / 520 = 2.692 %, 35 / 300 = 11.667 %, 0 / 90 = 0 %.
    expect(rate?.data[0]).toBeCloseTo(2.692, 3);
    expect(rate?.data[3]).toBeCloseTo(11.667, 3);
    expect(rate?.data[5]).toBe(0);
    // Highest rate 11.667 % → 12.83 % with 10 % headroom → next nice value 15 %.
    expect(config.options?.scales?.y1).toMatchObject({
      min: 0,
      max: 15,
      position: 'right',
      title: { text: 'Failure rate (%)' },
    });
  });

  it('scales the rate axis to rates of 0.3–2.9 % instead of laying them on the floor', () => {
    const low = buildDeliveryFailuresConfig({
      period: week,
      days: [
        { date: '2025-07-07', failed: { Other: 3 }, failureRate: { numerator: 3, denominator: 1000 } },
        { date: '2025-07-08', failed: { Other: 29 }, failureRate: { numerator: 29, denominator: 1000 } },
        { date: '2025-07-09', failed: { Other: 12 }, failureRate: { numerator: 12, denominator: 1000 } },
      ],
    });
    // 2.9 % × 1.1 = 3.19 %: the nice values are 3 (too low) then 4.
    const axis = low.options?.scales?.y1 as { min: number; max: number; ticks: { stepSize: number } };
    expect([axis.min, axis.max, axis.ticks.stepSize]).toEqual([0, 4, 1]);
    // The lowest rate still sits clear of the floor: 0.3 / 4 = 7.5 % of the axis height.
    expect(0.3 / axis.max).toBeGreaterThan(0.05);
  });

  it.each([
    [[], 1, 0.2],
    [[0, null], 1, 0.2],
    [[0.5], 1, 0.2], // 0.55 → at least 1 %
    [[0.95], 1.5, 0.5], // 1.045 → 1.5, ticks 0, 0.5, 1, 1.5
    [[0.21], 1, 0.2], // 0.231 → at least 1 %
    [[4.6], 6, 2], // 5.06 → 6, ticks every 2
    [[11.667], 15, 5], // 12.83 → 15, ticks every 5
    [[60], 80, 20], // 66 → 80
    [[95], 100, 20], // 104.5 → capped at 100
  ] as const)('rateAxis(%j) ends at %d %% with ticks every %d', (rates, max, step) => {
    expect(rateAxis(rates)).toEqual({ max, step });
  });

  it('says what the bars and the line count, under the window', () => {
    expect(subtitleLines(config)).toEqual([
      '7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Bars: messages that failed that day, by error code. Line: share of the messages sent that day that failed (whenever).',
    ]);
  });

  it('leaves a gap where nothing was sent', () => {
    const c = buildDeliveryFailuresConfig({
      period: week,
      days: [{ date: '2025-07-07', failed: {}, failureRate: { numerator: 0, denominator: 0 } }],
    });
    expect(c.data.datasets[0]?.data).toEqual([null]);
  });
});

describe('deliveryFailuresText', () => {
  it('gives each day its failures by class and its failure rate as a fraction', () => {
    const lines = deliveryFailuresText(failures);
    expect(lines[0]).toBe('Delivery failures — 7 Jul – 13 Jul 2025 · Asia/Riyadh');
    expect(lines[1]).toBe(
      'Bars: messages that failed that day, by error code. Line: share of the messages sent that day that failed (whenever).',
    );
    expect(lines[2]).toBe(
      'Mon 7 Jul: 14 failed (131047 Re-engagement 9, 131026 Undeliverable 3, Other 2); failure rate 2.7% (14 / 520)',
    );
    expect(lines[7]).toBe('Sat 12 Jul: 0 failed; failure rate 0.0% (0 / 90)');
    expect(lines).toHaveLength(9);
  });
});
