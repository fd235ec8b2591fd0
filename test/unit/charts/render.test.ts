import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENT_COLOURS,
  type BusyHoursData,
  type ChartDataByKind,
  type ChartKind,
  type ChartSize,
  FAILURE_COLOURS,
  FUNNEL_COLOURS,
  HEAT_COLOURS,
  heatColour,
  chartBackend,
  renderChart,
  useChartBackend,
} from '../../../src/charts/index.js';
import { INSTALLED_BACKENDS, reportSkippedNodeCanvas } from './backends.js';
import { agents, agentsNoOutlier, busy, failures, funnel, week } from './fixtures.js';
import { decodePng, denseBox, distinctColours, inkShare, matchColour, opaqueShare, type Pixels } from './png.js';

// `WAPULSE_CHART_DIR=/tmp/wapulse-charts npx vitest run test/unit/charts` keeps the PNGs to look at.
const outDir = process.env.WAPULSE_CHART_DIR;

let backendName = '';

async function render<K extends ChartKind>(
  name: string,
  kind: K,
  data: ChartDataByKind[K],
  size?: ChartSize,
): Promise<Pixels> {
  const png = await renderChart(kind, data, size ? { size } : undefined);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${backendName}-${name}.png`), png);
  }
  return decodePng(png);
}

reportSkippedNodeCanvas();

// Every test below runs on each backend this machine has: napi-rs always, node-canvas where it built.
describe.each(INSTALLED_BACKENDS)('on %s', (backend) => {
  beforeAll(async () => {
    useChartBackend(backend);
    backendName = (await chartBackend()).name;
    expect(backendName).toBe(backend);
  });
  afterAll(() => useChartBackend('auto'));

  describe.each([
    ['agentPerformance', agents],
    ['busyHours', busy],
    ['deliveryFailures', failures],
    ['messagesFunnel', funnel],
  ] as const)('%s', (kind, data) => {
    it.each([
      ['slack', 1600, 900],
      ['square', 1200, 1200],
    ] as const)('renders %s at 2×: %i×%i, opaque, not blank', async (size, width, height) => {
      const img = await render(`${kind}-${size}`, kind, data as never, size);
      expect([img.width, img.height]).toEqual([width, height]);
      // White background everywhere, no transparency for Slack's dark mode.
      expect(opaqueShare(img)).toBe(1);
      expect(matchColour(img, '#ffffff', 0).count).toBeGreaterThan(img.width * img.height * 0.1);
      expect(distinctColours(img)).toBeGreaterThan(100);
      const ink = inkShare(img);
      expect(ink).toBeGreaterThan(0.05);
      expect(ink).toBeLessThan(0.9);
    });
  });

  describe('agentPerformance colours', () => {
    it('shows the outlier colours when an agent is an outlier', async () => {
      const img = await render('agents-outlier', 'agentPerformance', agents);
      // Below the legend (it ends near 0.26 of the height under three subtitle lines; it has an outlier
      // swatch too): the outlier's own two bars.
      const plot = { x0: 0, y0: img.height * 0.3, x1: img.width, y1: img.height };
      const frt = matchColour(img, AGENT_COLOURS.outlierFirstResponse, 2, plot);
      // 25 min on an axis to 30 h (20 h whisker plus room for its label): about 17 px wide (of a
      // 1240 px plot) and 36 px tall at 2×.
      expect(frt.count).toBeGreaterThan(400);
      // 9.5 h of the 30 h axis: about 390 × 40 px at 2×.
      expect(matchColour(img, AGENT_COLOURS.outlierResolution, 2, plot).count).toBeGreaterThan(10_000);
      // Third of five agents: the middle of the plot.
      expect((frt.centroid?.y ?? 0) / img.height).toBeGreaterThan(0.4);
      expect((frt.centroid?.y ?? 1) / img.height).toBeLessThan(0.6);
      // The others' first-response bars are thin but there: 697 s in all on an axis to 30 h is
      // about 8 px of width across four 36 px rows at 2×, less their anti-aliased edges.
      expect(matchColour(img, AGENT_COLOURS.firstResponse, 2, plot).count).toBeGreaterThan(100);
    });

    it('has no outlier colour when no agent is an outlier', async () => {
      const img = await render('agents-no-outlier', 'agentPerformance', agentsNoOutlier);
      expect(matchColour(img, AGENT_COLOURS.outlierFirstResponse).count).toBe(0);
      expect(matchColour(img, AGENT_COLOURS.outlierResolution).count).toBe(0);
      expect(matchColour(img, AGENT_COLOURS.resolution).count).toBeGreaterThan(20_000);
    });
  });

  describe('agentPerformance whiskers', () => {
    it('draws the p90 whisker of a 1m 23s median out to 5 h, where a 5 h bar ends', async () => {
      const img = await render('agents-whisker', 'agentPerformance', {
        period: week,
        agents: [
          { name: 'Fast median', medianFirstResponseSec: 83, p90FirstResponseSec: 5 * 3600, medianResolutionSec: null },
          { name: 'Five hours', medianFirstResponseSec: 5 * 3600, medianResolutionSec: null },
        ],
      });
      // Both rows share the hours axis, so the whisker's end and the second bar's end mark the
      // same value, 5 h. Below the legend, whose swatches share the colours.
      const below = img.height * 0.3;
      const bar = matchColour(img, AGENT_COLOURS.firstResponse, 2, { x0: 0, y0: img.height * 0.55, x1: img.width, y1: img.height }).box;
      expect(bar).not.toBeNull();
      if (!bar) return;
      const whisker = matchColour(img, AGENT_COLOURS.whisker, 2, { x0: 0, y0: below, x1: img.width, y1: bar.y0 - 1 }).box;
      expect(whisker).not.toBeNull();
      if (!whisker) return;
      // The cap is 2 logical px wide, centred on the value: it ends at most 2 px (at 2×) past it.
      expect(Math.abs(whisker.x1 - bar.x1)).toBeLessThanOrEqual(4);
      // And it starts at the short median bar, far to the left: a long line, not a dot.
      expect(whisker.x1 - whisker.x0).toBeGreaterThan((bar.x1 - bar.x0) * 0.9);
    });
  });

  describe('busyHours cells', () => {
    /** Every cell 1 except the busiest, so the cells of count 1 outline the whole grid. */
    function oneHotWeek(row: number, hour: number): BusyHoursData {
      const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(1));
      (counts[row] as number[])[hour] = 40;
      return { period: week, counts };
    }

    it.each([
      [2, 14],
      [6, 3],
      [0, 0],
    ])('draws the darkest colour at the busiest cell (row %i, hour %i)', async (row, hour) => {
      const img = await render(`busy-${row}-${hour}`, 'busyHours', oneHotWeek(row, hour));
      // Count-1 cells fill about 7 × 40 px of every grid column; the legend's gradient passes
      // that colour in a few rows only.
      const grid = denseBox(img, heatColour(1, 40), 100);
      expect(grid).not.toBeNull();
      if (!grid) return;
      // The legend's top is the darkest colour too: look left of the grid's right edge.
      const darkest = matchColour(img, HEAT_COLOURS.stops[4] as string, 2, { ...grid, y0: 0, y1: img.height });
      expect(darkest.count).toBeGreaterThan(500);
      if (!darkest.centroid) return;
      const cellW = (grid.x1 - grid.x0) / 24;
      const cellH = (grid.y1 - grid.y0) / 7;
      expect(cellW).toBeGreaterThan(40); // ≥ 20 logical px: room for the counts
      expect(Math.abs(darkest.centroid.x - (grid.x0 + (hour + 0.5) * cellW))).toBeLessThan(cellW / 4);
      expect(Math.abs(darkest.centroid.y - (grid.y0 + (row + 0.5) * cellH))).toBeLessThan(cellH / 4);
    });

    it('has a colour-scale legend right of the grid, dark (busiest) at the top, light below, labelled', async () => {
      const img = await render('busy-legend', 'busyHours', oneHotWeek(2, 14));
      const grid = denseBox(img, heatColour(1, 40), 100);
      expect(grid).not.toBeNull();
      if (!grid) return;
      const right = { x0: grid.x1 + 4, y0: 0, x1: img.width, y1: img.height };
      const dark = matchColour(img, HEAT_COLOURS.stops[4] as string, 6, right);
      const light = matchColour(img, HEAT_COLOURS.stops[0] as string, 6, right);
      const zero = matchColour(img, HEAT_COLOURS.empty, 2, right);
      // A bar 12 logical px wide: 24 px at 2×, a few rows of each end colour at least.
      expect(dark.count).toBeGreaterThan(24);
      expect(light.count).toBeGreaterThan(24);
      expect(zero.count).toBeGreaterThan(300); // the 12 × 12 "0" swatch, 24 × 24 at 2×
      expect((dark.centroid?.y ?? 0) < (light.centroid?.y ?? 0)).toBe(true);
      expect((light.centroid?.y ?? 0) < (zero.centroid?.y ?? 0)).toBe(true);
      // Labels (10, 20, 30, 40 and 0) beside the bar: dark ink right of it.
      const labels = { x0: (dark.box?.x1 ?? img.width) + 4, y0: grid.y0, x1: img.width, y1: grid.y1 };
      expect(inkShare(img, labels, 128)).toBeGreaterThan(0.005);
    });

    it('runs light to dark: a busier cell is darker', () => {
      const luminance = (hex: string) => Number.parseInt(hex.slice(1, 3), 16) + Number.parseInt(hex.slice(3, 5), 16);
      const shades = [1, 10, 20, 30, 40].map((n) => luminance(heatColour(n, 40)));
      expect([...shades].sort((a, b) => b - a)).toEqual(shades);
    });
  });

  describe('deliveryFailures and messagesFunnel colours', () => {
    it('shows every error class and the rate line', async () => {
      const img = await render('failures-colours', 'deliveryFailures', failures);
      for (const colour of [FAILURE_COLOURS.byCode['131047'], FAILURE_COLOURS.byCode['131026'], FAILURE_COLOURS.other]) {
        expect(matchColour(img, colour as string).count).toBeGreaterThan(2000);
      }
      expect(matchColour(img, FAILURE_COLOURS.rateLine, 12).count).toBeGreaterThan(300);
    });

    it('lifts failure rates of 0.3–2.9 % off the floor', async () => {
      const rates = [3, 12, 29, 8, 5, 17, 21]; // per mille: 0.3 % … 2.9 %
      const img = await render('failures-low-rates', 'deliveryFailures', {
        period: week,
        days: rates.map((n, i) => ({
          date: `2025-07-${String(7 + i).padStart(2, '0')}`,
          failed: { '131050 User stopped marketing': n },
          failureRate: { numerator: n, denominator: 1000 },
        })),
      });
      // The plot is roughly the lower two thirds of the image. On a 0–4 % axis the line runs
      // from 7.5 % to 72.5 % of the plot height (65 %, about 0.4 of the image); on the old
      // 0–100 % axis it spanned 2.6 %. Below the legend, whose line swatch is the same colour.
      const line = matchColour(img, FAILURE_COLOURS.rateLine, 12, { x0: 0, y0: img.height * 0.22, x1: img.width, y1: img.height }).box;
      expect(line).not.toBeNull();
      expect(((line?.y1 ?? 0) - (line?.y0 ?? 0)) / img.height).toBeGreaterThan(0.3);
    });

    it('shows the four funnel steps, the longest bar sent', async () => {
      const img = await render('funnel-colours', 'messagesFunnel', funnel);
      const widths = [FUNNEL_COLOURS.sent, FUNNEL_COLOURS.delivered, FUNNEL_COLOURS.read, FUNNEL_COLOURS.received].map(
        (c) => {
          const box = matchColour(img, c).box;
          return box ? box.x1 - box.x0 : 0;
        },
      );
      // Bars are proportional to 2550, 2459, 1870, 1312.
      expect(widths[0]).toBeGreaterThan(500);
      expect((widths[3] ?? 0) / (widths[0] ?? 1)).toBeCloseTo(1312 / 2550, 1);
      expect(widths).toEqual([...widths].sort((a, b) => b - a));
    });
  });

  describe('empty periods', () => {
    it.each([
      ['agentPerformance', { period: week, agents: [] }],
      ['busyHours', { period: week, counts: Array.from({ length: 7 }, () => Array<number>(24).fill(0)) }],
      ['deliveryFailures', { period: week, days: [] }],
      [
        'messagesFunnel',
        {
          period: week, sent: 0, delivered: 0, read: 0, received: 0, deliveredInWindow: 0,
        },
      ],
    ] as const)('%s still renders, with its title', async (kind, data) => {
      const img = await render(`${kind}-empty`, kind, data as never);
      expect([img.width, img.height]).toEqual([1600, 900]);
      // Title and subtitle at least: dark text in the top band.
      expect(inkShare(img, { x0: 0, y0: 0, x1: img.width, y1: 200 })).toBeGreaterThan(0.01);
    });
  });

  describe('renderer', () => {
    it('renders the same chart to the same PNG twice (one renderer per size, reused)', async () => {
      const a = await renderChart('messagesFunnel', funnel);
      const b = await renderChart('messagesFunnel', funnel);
      expect(a.equals(b)).toBe(true);
    });

    it('refuses an unknown size', async () => {
      await expect(renderChart('messagesFunnel', funnel, { size: 'poster' as never })).rejects.toThrow(
        'Unknown chart size "poster"',
      );
    });
  });
});
