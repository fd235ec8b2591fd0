import { describe, expect, it } from 'vitest';
import { agentPerformance, busyHours, deliveryFailures } from '../../../src/charts/from-reports.js';
import type { AgentsReport, BusyHoursReport, FailuresReport } from '../../../src/metrics/index.js';

// Hand-made report objects with only the fields the adapters read.
const window = { from: '2025-07-06T21:00:00.000Z', to: '2025-08-03T21:00:00.000Z', tz: 'Asia/Riyadh' };
const stats = (median: number | null, p90: number | null) => ({ count: 9, avg: null, median, p90, max: null, business: null });

describe('chart data from reports', () => {
  it('passes each agent’s p90s with the medians', () => {
    const report = {
      report: 'agents',
      window,
      agents: [
        {
          name: 'Sara', firstResponse: stats(83, 18_000), resolution: stats(3600, null),
          outlier: { firstResponse: false, resolution: true }, fewData: { firstResponse: false, resolution: false },
        },
      ],
    } as unknown as AgentsReport;
    expect(agentPerformance(report).agents).toEqual([
      {
        name: 'Sara', medianFirstResponseSec: 83, medianResolutionSec: 3600,
        p90FirstResponseSec: 18_000, p90ResolutionSec: null, outlier: true, fewData: false,
      },
    ]);
  });

  it('passes the busy-hours window length in days, for "total over N weeks"', () => {
    const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    const report = { report: 'busy-hours', window, days: 28, messages: { counts, total: 0, peakHours: [] } } as unknown as BusyHoursReport;
    const data = busyHours(report);
    expect(data).toMatchObject({ days: 28, measure: 'inbound messages', counts });
    expect(data.period.timeZone).toBe('Asia/Riyadh');
  });

  it('passes failures by class with the report’s stacking order', () => {
    const report = {
      report: 'failures',
      window,
      days: [{ date: '2025-07-07', failed: 3, byClass: { '131050 User stopped marketing': 3 }, byCode: [], failureRate: { value: 0.03, numerator: 3, denominator: 100 } }],
      classOrder: ['131050 User stopped marketing'],
    } as unknown as FailuresReport;
    expect(deliveryFailures(report).days).toEqual([
      { date: '2025-07-07', failed: { '131050 User stopped marketing': 3 }, failureRate: { value: 0.03, numerator: 3, denominator: 100 } },
    ]);
  });
});
