import { describe, expect, it } from 'vitest';
import {
  AGENT_COLOURS,
  agentPerformanceText,
  buildAgentPerformanceConfig,
  buildChartConfig,
  chartText,
} from '../../../src/charts/index.js';
import { agents, week } from './fixtures.js';

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
    expect(config.options?.scales?.x?.title).toMatchObject({ display: true, text: 'Median time (hours)' });
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

  it('has the title and the period as subtitle', () => {
    expect(config.options?.plugins?.title?.text).toBe('Agent response and resolution times');
    expect(config.options?.plugins?.subtitle?.text).toBe('7 Jul – 13 Jul 2025 · Asia/Riyadh');
  });

  it('is what buildChartConfig returns for the kind', () => {
    expect(buildChartConfig('agentPerformance', agents).data).toEqual(config.data);
  });
});

describe('agentPerformanceText', () => {
  it('gives the same numbers, humanised, one agent per line', () => {
    expect(agentPerformanceText(agents)).toEqual([
      'Agent response and resolution times — 7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Sara Lopez: median first response 4m 12s, median resolution 3h 5m',
      'ليلى أحمد: median first response 1m 35s, median resolution 2h 20m',
      '⚠ عمر حداد (outlier): median first response 25m, median resolution 9h 30m',
      'Tom Becker (few data): median first response 40s, median resolution n/a',
      'Priya Nair: median first response 5m 10s, median resolution 4h',
    ]);
    expect(chartText('agentPerformance', agents)).toEqual(agentPerformanceText(agents));
  });

  it('says so when there are no agents', () => {
    expect(agentPerformanceText({ period: week, agents: [] })[1]).toBe('No agent activity in this period.');
  });
});
