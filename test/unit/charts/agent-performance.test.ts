import { describe, expect, it } from 'vitest';
import {
  AGENT_COLOURS,
  agentPerformanceText,
  buildAgentPerformanceConfig,
  buildChartConfig,
  chartText,
} from '../../../src/charts/index.js';
import { agents, week } from './fixtures.js';
import { subtitleLines } from './subtitle.js';

describe('buildAgentPerformanceConfig', () => {
  const config = buildAgentPerformanceConfig(agents);

  it('is a horizontal bar chart with one label per agent, marked', () => {
    expect(config.type).toBe('bar');
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual([
      'Sara Lopez',
      'ليلى أحمد',
      '⚠ عمر حداد',
      'Tom Becker (few data)',
      'Priya Nair',
    ]);
  });

  it('plots medians in hours when a bar passes 3 hours', () => {
    const [frt, resolution] = config.data.datasets;
    expect(frt?.label).toBe('Median first response');
    expect(resolution?.label).toBe('Median resolution');
    // 252 s = 0.07 h; 3 h 5 min = 3.0833 h; Tom has no resolution value.
    expect(frt?.data[0]).toBeCloseTo(0.07, 4);
    expect(resolution?.data[0]).toBeCloseTo(3.0833, 3);
    expect(resolution?.data[3]).toBeNull();
    expect(config.options?.scales?.x?.title).toMatchObject({ display: true, text: 'Time (hours)' });
  });

  it('plots minutes when every bar is under 3 hours', () => {
    const short = buildAgentPerformanceConfig({
      period: week,
      agents: [{ name: 'A', medianFirstResponseSec: 90, medianResolutionSec: 2 * 3600 }],
    });
    expect(short.data.datasets[0]?.data).toEqual([1.5]);
    expect(short.data.datasets[1]?.data).toEqual([120]);
    expect(short.options?.scales?.x?.title).toMatchObject({ text: 'Median time (minutes)' });
  });

  it('colours only the outlier agent with the outlier colours', () => {
    const [frt, resolution] = config.data.datasets;
    expect(frt?.backgroundColor).toEqual([
      AGENT_COLOURS.firstResponse,
      AGENT_COLOURS.firstResponse,
      AGENT_COLOURS.outlierFirstResponse,
      AGENT_COLOURS.firstResponse,
      AGENT_COLOURS.firstResponse,
    ]);
    expect((resolution?.backgroundColor as string[])[2]).toBe(AGENT_COLOURS.outlierResolution);
  });

  it('has the title, and the window, what bar and whisker are and the cohort as subtitle', () => {
    expect(config.options?.plugins?.title?.text).toBe('Agent response and resolution times');
    expect(subtitleLines(config)).toEqual([
      '7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Bar: median; whisker: 90th percentile. First response: replies sent in the window. Resolution: conversations closed in the window.',
    ]);
  });

  it('draws a p90 whisker past each median, in the axis unit, and labels both', () => {
    // Hours: Sara's p90s 900 s = 0.25 h and 8 h; Tom has none.
    expect(config.plugins?.map((p) => p.id)).toEqual(['wapulseWhiskers', 'wapulseValueLabels']);
    const x = config.options?.scales?.x as { suggestedMax: number; title: { text: string } };
    // The longest thing drawn is عمر's resolution whisker: 20 h.
    expect(x.suggestedMax).toBe(20);
    expect(x.title.text).toBe('Time (hours)');
  });

  it('shows the tail of an agent with a 1m 23s median and a 5 h p90', () => {
    const tail = buildAgentPerformanceConfig({
      period: week,
      agents: [
        { name: 'Fast median', medianFirstResponseSec: 83, p90FirstResponseSec: 5 * 3600, medianResolutionSec: null },
        { name: 'Steady', medianFirstResponseSec: 600, p90FirstResponseSec: 900, medianResolutionSec: null },
      ],
    });
    // 5 h ≥ 3 h: the axis is in hours and reaches the whisker; the bar is 83 / 3600 = 0.023 h.
    const x = tail.options?.scales?.x as { suggestedMax: number };
    expect(x.suggestedMax).toBe(5);
    expect(tail.data.datasets[0]?.data[0]).toBeCloseTo(0.023, 3);
    expect(agentPerformanceText({ period: week, agents: [{ name: 'Fast median', medianFirstResponseSec: 83, p90FirstResponseSec: 5 * 3600, medianResolutionSec: null }] })[2]).toBe(
      'Fast median: median first response 1m 23s (p90 5h), median resolution n/a',
    );
  });

  it('has no whisker, and says so, without p90 values', () => {
    const plain = buildAgentPerformanceConfig({ period: week, agents: [{ name: 'A', medianFirstResponseSec: 90, medianResolutionSec: 600 }] });
    expect((plain.options?.plugins?.subtitle?.text as string[])[1]).toMatch(/^Bar: median\. First response/);
    expect(plain.options?.scales?.x?.title).toMatchObject({ text: 'Median time (minutes)' });
  });

  it('is what buildChartConfig returns for the kind', () => {
    expect(buildChartConfig('agentPerformance', agents).data).toEqual(config.data);
  });
});

describe('agentPerformanceText', () => {
  it('gives the same numbers, humanised, one agent per line', () => {
    expect(agentPerformanceText(agents)).toEqual([
      'Agent response and resolution times — 7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'First response: replies sent in the window. Resolution: conversations closed in the window.',
      'Sara Lopez: median first response 4m 12s (p90 15m), median resolution 3h 5m (p90 8h)',
      'ليلى أحمد: median first response 1m 35s (p90 6m 40s), median resolution 2h 20m (p90 5h)',
      '⚠ عمر حداد (outlier): median first response 25m (p90 1h), median resolution 9h 30m (p90 20h)',
      'Tom Becker (few data): median first response 40s, median resolution n/a',
      'Priya Nair: median first response 5m 10s (p90 20m), median resolution 4h (p90 10h)',
    ]);
    expect(chartText('agentPerformance', agents)).toEqual(agentPerformanceText(agents));
  });

  it('says so when there are no agents', () => {
    expect(agentPerformanceText({ period: week, agents: [] })[2]).toBe('No agent activity in this period.');
  });
});
