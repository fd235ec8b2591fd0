import type { BusyHoursReport, MessagesReport, OverviewReport } from '../../../src/metrics/index.js';

/**
 * Report results written by hand, small enough to work every expected cell out on paper.
 * Windows: Mon 23 Nov 2026 00:00 → Mon 30 Nov 2026 00:00 in Dubai (UTC+4, no DST).
 */
export const WINDOW = { from: '2026-11-22T20:00:00.000Z', to: '2026-11-29T20:00:00.000Z', tz: 'Asia/Dubai' };

const rate = (numerator: number, denominator: number) => ({ value: denominator ? numerator / denominator : null, numerator, denominator });

const channelA = {
  channel: '106540352242922', displayPhoneNumber: '+1 555-0100',
  received: 3, reactions: 1, sent: 4, delivered: 3, read: 2, failed: 1,
  deliveryRate: rate(3, 4), readRate: rate(2, 3), failureRate: rate(1, 4), engagement: rate(3, 3), insideWindow: 3, outsideWindow: 1,
  billable: { total: 3, byCategory: [{ category: 'utility', count: 2 }, { category: 'marketing', count: 1 }] },
};
const channelB = {
  channel: '106540352242923', displayPhoneNumber: '+1 555-0101',
  received: 1, reactions: 0, sent: 2, delivered: 2, read: 1, failed: 0,
  deliveryRate: rate(2, 2), readRate: rate(1, 2), failureRate: rate(0, 2), engagement: rate(1, 2), insideWindow: 2, outsideWindow: 0,
  billable: { total: 1, byCategory: [{ category: 'marketing', count: 1 }] },
};

/** Channel A and B summed: received 4, sent 6, delivered 5, read 3, failed 1; billable 2 marketing + 2 utility. */
export const messages: MessagesReport = {
  report: 'messages', window: WINDOW, filters: {},
  received: 4, reactions: 1, sent: 6, delivered: 5, read: 3, failed: 1,
  deliveryRate: rate(5, 6), readRate: rate(3, 5), failureRate: rate(1, 6), engagement: rate(4, 5), insideWindow: 5, outsideWindow: 1,
  billable: { total: 4, byCategory: [{ category: 'marketing', count: 2 }, { category: 'utility', count: 2 }] },
  byChannel: [channelA, channelB],
  days: [
    { date: '2026-11-23', sent: 4, delivered: 3, read: 2, received: 3 },
    { date: '2026-11-24', sent: 2, delivered: 2, read: 1, received: 1 },
  ],
};

const matrix = <T>(fill: T): T[][] => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => fill));
const withCells = <T>(m: T[][], cells: [number, number, T][]) => {
  for (const [d, h, v] of cells) m[d]![h] = v;
  return m;
};

/**
 * One week: every weekday × hour occurs once. Messages: Tue 14:00 → 5, Sun 23:00 → 1200.
 * Opened: Tue 14:00 → 2. Agents needed: 3 at Tue 14:00, else 0.
 */
export const busyHours: BusyHoursReport = {
  report: 'busy-hours', window: WINDOW, filters: {},
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  days: 7,
  hours: matrix(1),
  messages: { counts: withCells(matrix(0), [[1, 14, 5], [6, 23, 1200]]), total: 1205, peakHours: [{ hour: 23, count: 1200, avgPerDay: 1200 / 7 }, { hour: 14, count: 5, avgPerDay: 5 / 7 }] },
  opened: { counts: withCells(matrix(0), [[1, 14, 2]]), total: 2, peakHours: [{ hour: 14, count: 2, avgPerDay: 2 / 7 }] },
  staffing: {
    serviceLevel: 0.8, frtTargetSec: 300,
    // 7 agent-active hours over 100 closes: 7 × 3600 / 100 = 252 s
    activeAgentHours: 7, agentCloses: 100, noHintReason: null,
    handleTimeSec: 252,
    arrivals: withCells(matrix(0), [[1, 14, 2]]),
    arrivalsPerHour: withCells(matrix<number | null>(0), [[1, 14, 2]]),
    load: withCells(matrix<number | null>(0), [[1, 14, 0.14]]),
    agentsNeeded: withCells(matrix<number | null>(0), [[1, 14, 3]]),
    agentsReplied: withCells(matrix<number | null>(0), [[1, 14, 2.5]]),
  },
};

type By = ('channel' | 'agent' | 'team')[];
const k = (current: number, previous: number, change: number | null, filteredBy: By) => ({ current, previous, change, filteredBy });
const r = (current: number | null, previous: number | null, change: number | null, filteredBy: By) => ({ current, previous, change, filteredBy });

/** overview --agent omar, this-week asked on Wednesday 25 Nov 09:00 Dubai. */
export const overview: OverviewReport = {
  report: 'overview',
  window: WINDOW,
  previousWindow: { from: '2026-11-15T20:00:00.000Z', to: '2026-11-18T05:00:00.000Z', tz: 'Asia/Dubai' },
  asOf: '2026-11-25T05:00:00.000Z',
  filters: { agent: 'omar' },
  kpis: {
    received: k(120, 100, 0.2, []),
    sent: k(40, 50, -0.2, ['agent']),
    deliveryRate: r(0.984, 0.99, (0.984 - 0.99) / 0.99, ['agent']),
    readRate: r(0.5, 0.5, 0, ['agent']),
    failed: k(0, 0, null, ['agent']),
    conversationsOpened: k(10, 8, 0.25, ['agent']),
    conversationsClosed: k(9, 8, 0.125, ['agent']),
    unresolved: k(1, 0, null, ['agent']),
    medianFirstResponseSec: r(252, 300, -0.16, ['agent']),
    medianResolutionSec: r(null, 3900, null, ['agent']),
    newContacts: k(7, 7, 0, []),
  },
};
