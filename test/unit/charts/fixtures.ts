import type {
  AgentPerformanceData,
  BusyHoursData,
  ChartPeriod,
  DeliveryFailuresData,
  MessagesFunnelData,
} from '../../../src/charts/index.js';

/** Mon 7 Jul 2025 00:00 to Mon 14 Jul 00:00 in Asia/Riyadh (UTC+3, no DST): one whole week. */
export const week: ChartPeriod = {
  from: new Date('2025-07-06T21:00:00Z'),
  to: new Date('2025-07-13T21:00:00Z'),
  timeZone: 'Asia/Riyadh',
};

export const agents: AgentPerformanceData = {
  period: week,
  agents: [
    { name: 'Sara Lopez', medianFirstResponseSec: 252, medianResolutionSec: 3 * 3600 + 300, p90FirstResponseSec: 900, p90ResolutionSec: 8 * 3600 },
    { name: 'ليلى أحمد', medianFirstResponseSec: 95, medianResolutionSec: 2 * 3600 + 1200, p90FirstResponseSec: 400, p90ResolutionSec: 5 * 3600 },
    { name: 'عمر حداد', medianFirstResponseSec: 1500, medianResolutionSec: 9 * 3600 + 1800, p90FirstResponseSec: 3600, p90ResolutionSec: 20 * 3600, outlier: true },
    { name: 'Tom Becker', medianFirstResponseSec: 40, medianResolutionSec: null, p90FirstResponseSec: null, p90ResolutionSec: null, fewData: true },
    { name: 'Priya Nair', medianFirstResponseSec: 310, medianResolutionSec: 4 * 3600, p90FirstResponseSec: 1200, p90ResolutionSec: 10 * 3600 },
  ],
};

export const agentsNoOutlier: AgentPerformanceData = {
  period: week,
  agents: agents.agents.map((a) => ({ ...a, outlier: false })),
};

/** Hand-made week: quiet nights, a late-morning and an evening peak; busiest Sun 20:00 (row 6). */
export function busyCounts(): number[][] {
  const base = [0, 0, 0, 0, 0, 1, 2, 5, 11, 18, 24, 26, 21, 17, 19, 22, 20, 16, 14, 18, 23, 19, 9, 3];
  const dayFactor = [1, 1.1, 0.9, 1, 0.8, 0.5, 1.2];
  const rows = dayFactor.map((f) => base.map((n) => Math.round(n * f)));
  (rows[6] as number[])[20] = 61;
  return rows;
}

export const busy: BusyHoursData = { period: week, counts: busyCounts(), measure: 'inbound messages' };

const day = (date: string, failed: Record<string, number>, numerator: number, denominator: number) => ({
  date,
  failed,
  failureRate: { numerator, denominator },
});

export const failures: DeliveryFailuresData = {
  period: week,
  days: [
    day('2025-07-07', { '131047 Re-engagement': 9, '131026 Undeliverable': 3, Other: 2 }, 14, 520),
    day('2025-07-08', { '131047 Re-engagement': 12, '131026 Undeliverable': 5 }, 17, 610),
    day('2025-07-09', { '131047 Re-engagement': 4, '131026 Undeliverable': 2, Other: 1 }, 7, 480),
    day('2025-07-10', { '131047 Re-engagement': 22, '131026 Undeliverable': 9, Other: 4 }, 35, 300),
    day('2025-07-11', { '131047 Re-engagement': 3 }, 3, 150),
    day('2025-07-12', {}, 0, 90),
    day('2025-07-13', { '131047 Re-engagement': 6, '131026 Undeliverable': 1, Other: 1 }, 8, 400),
  ],
};

/** A sent cohort of 2,550: 2,459 delivered, 1,870 of those read; 1,312 received against 2,466 delivered in the window. */
export const funnel: MessagesFunnelData = {
  period: week,
  sent: 2550,
  delivered: 2459,
  read: 1870,
  received: 1312,
  deliveredInWindow: 2466,
};
