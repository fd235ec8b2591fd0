import { describe, expect, it } from 'vitest';
import {
  buildDeliveryFailuresConfig,
  type DeliveryFailuresData,
  FAILURE_COLOURS,
  failureColour,
  renderChart,
} from '../../../src/charts/index.js';
import { ERROR_CLASS_LABELS } from '../../../src/metrics/failures/error-classes.js';
import { deltaE, VISIONS } from './cvd.js';
import { week } from './fixtures.js';
import { decodePng, matchColour } from './png.js';

const day = (date: string, failed: Record<string, number>) => ({ date, failed, failureRate: { numerator: 1, denominator: 100 } });

// Two reports with different code sets: 131050 is the top class in one, the second in the other,
// and an unknown code sits at different positions.
const first: DeliveryFailuresData = {
  period: week,
  days: [day('2025-07-07', { '131050 User stopped marketing': 30, '132000 Template paused': 12 }), day('2025-07-08', { '131050 User stopped marketing': 25 })],
};
const second: DeliveryFailuresData = {
  period: week,
  days: [
    day('2025-07-07', { '131049 Ecosystem limit': 40, '131050 User stopped marketing': 20, Other: 5 }),
    day('2025-07-08', { '131026 Undeliverable': 8, '131047 Re-engagement': 6, '132000 Template paused': 9 }),
  ],
};

const coloursByLabel = (data: DeliveryFailuresData) =>
  Object.fromEntries(buildDeliveryFailuresConfig(data).data.datasets.slice(1).map((d) => [d.label, d.backgroundColor]));

describe('error-code colours', () => {
  it('gives each code one colour in every chart, whatever else the chart shows', () => {
    const a = coloursByLabel(first);
    const b = coloursByLabel(second);
    expect(Object.keys(a)).toEqual(['131050 User stopped marketing', '132000 Template paused']);
    expect(a['131050 User stopped marketing']).toBe(FAILURE_COLOURS.byCode['131050']);
    expect(b['131050 User stopped marketing']).toBe(FAILURE_COLOURS.byCode['131050']);
    // An unknown code: picked by the code (132000 mod 9 = 132000 − 9 × 14666 = 6), not by position.
    expect(a['132000 Template paused']).toBe(FAILURE_COLOURS.unknownCodes[6]);
    expect(b['132000 Template paused']).toBe(a['132000 Template paused']);
    expect(b.Other).toBe(FAILURE_COLOURS.other);
  });

  it('keys the colour by the code, not by the wording of the label', () => {
    expect(failureColour('131050 Marketing opt-out')).toBe(failureColour('131050 User stopped marketing'));
    expect(failureColour('other codes')).toBe(FAILURE_COLOURS.other);
    expect(failureColour('No code given')).toBe(failureColour('No code given'));
  });

  it('has a distinct colour for each of the chart classes', () => {
    const colours = ERROR_CLASS_LABELS.map(failureColour);
    expect(new Set(colours).size).toBe(ERROR_CLASS_LABELS.length);
    // Nothing may look like the black rate line drawn over the bars.
    for (const c of colours) expect(deltaE(c, FAILURE_COLOURS.rateLine, 'normal')).toBeGreaterThan(40);
  });

  it('keeps classes stacked next to each other far apart, also for colour-blind readers', () => {
    // Stacking order is ERROR_CLASS_LABELS (131047, 131026, 131049, 131050, 130472, 131000, Other).
    // Threshold 40 ΔE: well past "clearly different" (≈ 10) under every simulated vision.
    for (let i = 0; i + 1 < ERROR_CLASS_LABELS.length; i++) {
      const [a, b] = [ERROR_CLASS_LABELS[i] as string, ERROR_CLASS_LABELS[i + 1] as string];
      for (const vision of VISIONS) {
        expect(deltaE(failureColour(a), failureColour(b), vision), `${a} / ${b}, ${vision}`).toBeGreaterThan(40);
      }
    }
  });

  it('tells 131049 from 131050 apart at a glance (the pair readers confused)', () => {
    const [c49, c50] = [failureColour('131049 Ecosystem limit'), failureColour('131050 User stopped marketing')];
    for (const vision of VISIONS) expect(deltaE(c49, c50, vision), vision).toBeGreaterThan(60);
  });

  it('paints 131050 in the same colour in both rendered charts', async () => {
    const colour = FAILURE_COLOURS.byCode['131050'] as string;
    for (const data of [first, second]) {
      const img = await decodePng(await renderChart('deliveryFailures', data));
      // Its bars (tens of thousands of pixels at 2×) and its legend swatch.
      expect(matchColour(img, colour).count).toBeGreaterThan(5000);
    }
  });
});
