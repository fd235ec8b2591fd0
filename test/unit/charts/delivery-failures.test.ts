import { describe, expect, it } from 'vitest';
import {
  buildDeliveryFailuresConfig,
  deliveryFailuresText,
  FAILURE_COLOURS,
  failureClasses,
} from '../../../src/charts/index.js';
import { failures, week } from './fixtures.js';

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

  it('draws the failure rate in percent on a 0–100 % right axis', () => {
    expect(rate).toMatchObject({ type: 'line', label: 'Failure rate', yAxisID: 'y1' });
    // 14 / 520 = 2.692 %, 35 / 300 = 11.667 %, 0 / 90 = 0 %.
    expect(rate?.data[0]).toBeCloseTo(2.692, 3);
    expect(rate?.data[3]).toBeCloseTo(11.667, 3);
    expect(rate?.data[5]).toBe(0);
    expect(config.options?.scales?.y1).toMatchObject({
      min: 0,
      max: 100,
      position: 'right',
      title: { text: 'Failure rate (%)' },
    });
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
      'Mon 7 Jul: 14 failed (131047 Re-engagement 9, 131026 Undeliverable 3, Other 2); failure rate 2.7% (14 / 520)',
    );
    expect(lines[6]).toBe('Sat 12 Jul: 0 failed; failure rate 0.0% (0 / 90)');
    expect(lines).toHaveLength(8);
  });
});
