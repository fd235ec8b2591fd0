import type { ConversationsReport } from '../../metrics/conversations.js';
import type { DurationStats } from '../../metrics/index.js';
import { count, entries, stats, tableOf, text, type ColumnName, type ReportSections } from '../columns.js';

type Clock = 'wall' | 'business';
type DurationRow = { metric: string; clock: Clock; stats: DurationStats };

/** Every duration figure, wall clock and (when business hours are set) business time: one row each. */
function durationRows(r: ConversationsReport): DurationRow[] {
  const figures = { firstResponse: r.firstResponse, response: r.response, resolution: r.resolution, autoCloseResolution: r.autoCloseResolution };
  return Object.entries(figures).flatMap(([metric, f]) => [
    { metric, clock: 'wall' as const, stats: f },
    ...(f.business ? [{ metric, clock: 'business' as const, stats: f.business }] : []),
  ]);
}

function bucketRows(r: ConversationsReport) {
  const figures = { firstResponse: r.firstResponse, response: r.response };
  return Object.entries(figures).flatMap(([metric, f]) => [
    ...entries(f.buckets).map((b) => ({ metric, clock: 'wall', bucket: b.key, count: b.value })),
    ...(f.business ? entries(f.business.buckets).map((b) => ({ metric, clock: 'business', bucket: b.key, count: b.value })) : []),
  ]);
}

const keyed = (key: ColumnName) => [text<{ key: string; value: number }>(key, (x) => x.key), count<{ key: string; value: number }>('count', (x) => x.value)];

export const conversationsSections: ReportSections<ConversationsReport> = {
  main: 'totals',
  sections: {
    totals: {
      describe: 'one row: opened, closed, unresolved at the end, closed without a response',
      single: true,
      table: (r) => tableOf([r], [
        count('opened', (x) => x.opened.total), count('closed', (x) => x.closed.total),
        count('unresolved', (x) => x.unresolved, { label: 'unresolved at the end' }), count('closedWithoutResponse', (x) => x.closedWithoutResponse),
      ]),
    },
    durations: {
      describe: 'one row per duration metric and clock (wall, business): count, avg, median, p90, max in seconds',
      table: (r) => tableOf(durationRows(r), [text('metric', (x) => x.metric), text('clock', (x) => x.clock), stats('', (x) => x.stats, { label: 'median / p90' })]),
    },
    buckets: {
      describe: 'one row per response metric, clock and time bucket: how many',
      inTable: false,
      table: (r) => tableOf(bucketRows(r), [text('metric', (x) => x.metric), text('clock', (x) => x.clock), text('bucket', (x) => x.bucket), count('count', (x) => x.count)]),
    },
    openedBy: {
      describe: 'one row per opener (contact, agent, automation, api)',
      table: (r) => tableOf(entries(r.opened.byOpenedBy), keyed('openedBy')),
    },
    closedBy: {
      describe: 'one row per closer (agent, automation, auto_close, api)',
      table: (r) => tableOf(entries(r.closed.byClosedBy), keyed('closedBy')),
    },
    categories: {
      describe: 'one row per category of the conversations closed',
      table: (r) => tableOf(entries(r.closed.byCategory), keyed('category')),
    },
  },
};
