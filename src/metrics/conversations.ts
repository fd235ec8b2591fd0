import { sql, type Kysely } from 'kysely';
import type { ClosedBy, Database, OpenedBy } from '../store/index.js';
import type { BusinessHours } from './business-hours.js';
import { cycleCounts, type CountRow } from './conversations/cycle-counts.js';
import { rolledCycleCounts } from './conversations/rolled-counts.js';
import { rolledDurations, unlessMismatch, type RolledOptions } from './conversations/rolled-durations.js';
import { durationColumns, readDurations, readResponseDurations, type Durations, type ResponseDurations } from './conversations/duration-figures.js';
import { durationCtes, type DurationMetric } from './response-times.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export type ConversationsReport = {
  report: 'conversations';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
  /** the schedule business-time figures were counted in, or null (wall clock only) */
  businessHours: (BusinessHours & { tz: string }) | null;
  /** cycles with opened_at in window */
  opened: { total: number; byOpenedBy: Record<OpenedBy, number> };
  /** cycles with closed_at in window; category null or '' is "uncategorised" */
  closed: { total: number; byClosedBy: Record<ClosedBy, number>; byCategory: Record<string, number> };
  /** cycles open at `to`: opened before it, not closed before it */
  unresolved: number;
  /** contact-opened cycles closed in window with no human reply between open and close */
  closedWithoutResponse: number;
  /** contact-opened cycles: first human reply − opened_at, counted by the reply */
  firstResponse: ResponseDurations;
  /** per contact turn: reply − first inbound of the turn, counted by the reply */
  response: ResponseDurations;
  /** closed_at − opened_at of cycles closed in window, except auto_close */
  resolution: Durations;
  /** the same for auto_close cycles, never mixed into `resolution` */
  autoCloseResolution: Durations;
};

/**
 * The conversations report (METRICS "Conversations") over cycles (a reopen is a new cycle),
 * each value anchored at its own event in the half-open window [from, to): opened by the open,
 * closed and resolution by the close, first response and response times by the reply;
 * unresolved is the state at `to`.
 *
 * Filters: channel = the cycle's phone_number_id; agent = cycles whose assignee_id (current
 * assignee; the assignee at close once closed) is that agent; team = cycles whose assignee is
 * in that agents.team. They apply to every figure, through the cycle (a response time of a
 * cycle assigned to Ana counts under agent=Ana even if someone else replied).
 * With `opts.businessHours`, every duration also carries `business`: the same values counted
 * in business time only (in the hours' zone, else the window's).
 */
export async function conversationsReport(
  db: Kysely<Database>,
  q: ReportQuery,
  opts: { businessHours?: BusinessHours } = {},
): Promise<ConversationsReport> {
  const w = q.window;
  const bh = opts.businessHours;
  const { counts: rows, durations } = await conversationParts(db, q, bh, {});
  const total = (kind: CountRow['kind']) => countOf(rows, kind);
  const byKey = <K extends string>(kind: CountRow['kind'], zeros: Record<K, number>) =>
    rows.filter((r) => r.kind === kind).reduce((acc, r) => ({ ...acc, [r.key ?? 'unknown']: r.n }), zeros);
  const metric = (m: DurationMetric) => durations.find((r) => r.metric === m) ?? {};
  const business = bh !== undefined;
  return {
    report: 'conversations',
    window: windowJson(w),
    filters: q.filters,
    businessHours: bh ? { ...bh, tz: bh.tz ?? w.tz } : null,
    opened: { total: total('opened'), byOpenedBy: byKey('opened', { contact: 0, agent: 0, automation: 0, api: 0 }) },
    closed: {
      total: total('closed_by'),
      byClosedBy: byKey('closed_by', { agent: 0, automation: 0, auto_close: 0, api: 0 }),
      byCategory: byKey('category', {}),
    },
    unresolved: total('unresolved'),
    closedWithoutResponse: total('closed_without_response'),
    firstResponse: readResponseDurations(metric('first_response'), business),
    response: readResponseDurations(metric('response'), business),
    resolution: readDurations(metric('resolution'), business),
    autoCloseResolution: readDurations(metric('auto_close_resolution'), business),
  };
}

/** The overview's conversation figures (METRICS "Conversations", as the report has them). */
export type ConversationHeadline = {
  opened: number;
  closed: number;
  unresolved: number;
  medianFirstResponseSec: number | null;
  medianResolutionSec: number | null;
};

/**
 * The conversations report's opened, closed and unresolved counts and its median first
 * response and resolution times, from the same parts as the report (so the overview cannot
 * disagree with it), reading only what these figures need: the two metrics' values, their
 * medians' ranks alone. The response metric (one value per contact turn, most of the rows) and
 * the p90 and max reads are most of the report's duration time and none of the overview's.
 */
export async function conversationHeadline(db: Kysely<Database>, q: ReportQuery): Promise<ConversationHeadline> {
  const { counts, durations } = await conversationParts(db, q, undefined, { metrics: ['first_response', 'resolution'], medianOnly: true });
  const total = (kind: CountRow['kind']) => countOf(counts, kind);
  const median = (m: DurationMetric) => readDurations(durations.find((r) => r.metric === m) ?? {}, false).median;
  return {
    opened: total('opened'),
    closed: total('closed_by'),
    unresolved: total('unresolved'),
    medianFirstResponseSec: median('first_response'),
    medianResolutionSec: median('resolution'),
  };
}

/** A count's total over its keys. */
function countOf(rows: readonly CountRow[], kind: CountRow['kind']): number {
  return rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.n, 0);
}

type DurationRow = Record<string, unknown> & { metric: DurationMetric };

/**
 * The counts (cycleCounts' rows) and duration rows (durationColumns per metric) of the window
 * and scope. Unfiltered, counts come from the count rollups; unscoped and wall clock only (what
 * supervisors run most), durations come from the duration rollups (conversations/rolled-durations.ts).
 * Filters and business hours keep aggregating the window's rows, as do rollups that do not
 * account for the rows (counts do not depend on business hours). `wanted` limits the duration
 * rows to some metrics and, from the rollups, to the median (RolledOptions).
 */
async function conversationParts(
  db: Kysely<Database>,
  q: ReportQuery,
  bh: BusinessHours | undefined,
  wanted: Pick<RolledOptions, 'metrics' | 'medianOnly'>,
): Promise<{ counts: CountRow[]; durations: DurationRow[] }> {
  const w = q.window;
  const ctes = durationCtes({ window: w, channel: q.filters.channel, assignee: q.filters.agent, assigneeTeam: q.filters.team, businessHours: bh });
  const onlyMetrics = wanted.metrics === undefined ? sql`` : sql`WHERE metric IN (${sql.join(wanted.metrics.map((m) => sql`${m}::text`))})`;
  const exact = async () =>
    (await sql<DurationRow>`WITH ${ctes}
      SELECT metric, ${sql.join(durationColumns(bh !== undefined))} FROM rt_durations ${onlyMetrics} GROUP BY metric`.execute(db)).rows;
  const unfiltered = q.filters.channel === undefined && q.filters.agent === undefined && q.filters.team === undefined;
  const unscoped = unfiltered && bh === undefined;
  const [counts, durations] = await Promise.all([
    unfiltered ? rolledCycleCounts(db, w) : cycleCounts(db, ctes, w),
    unscoped ? unlessMismatch(rolledDurations(db, w, { byAgent: false, ...wanted }), exact) : exact(),
  ]);
  return { counts, durations };
}
