import { sql, type RawBuilder } from 'kysely';
import type { ReportFilters, ReportWindow } from '../window.js';
import { touchesWindow } from './message-facts.js';

/**
 * What one message counts for (migrations/0009 message_contributions): inbound `received` and
 * `reaction` at their timestamp; outbound `sent` at the send time with the sent cohort's
 * outcomes (`sent_delivered`, `sent_read`, `sent_failed`, `sent_inside`, `sent_billable` by
 * category) at the same time; `delivered`, `read` and `failed` (code, title, category) at their
 * own times.
 */
export type FactKind =
  | 'received' | 'reaction' | 'sent' | 'sent_delivered' | 'sent_read' | 'sent_failed' | 'sent_inside' | 'sent_billable'
  | 'delivered' | 'read' | 'failed';

/** Kinds that belong to no agent: the agent/team filters leave them alone. */
const INBOUND_KINDS: readonly FactKind[] = ['received', 'reaction'];

const BUCKET_MS = 15 * 60_000;

/**
 * The window split at 15-minute bucket bounds: [from, lo) and [hi, to) are read from the base
 * rows, [lo, hi) from the rollups. A window inside one bucket is all edge (lo = hi = to).
 */
export function bucketSpan(w: ReportWindow): { lo: Date; hi: Date } {
  const lo = Math.ceil(w.from.getTime() / BUCKET_MS) * BUCKET_MS;
  const hi = Math.floor(w.to.getTime() / BUCKET_MS) * BUCKET_MS;
  return lo < hi ? { lo: new Date(lo), hi: new Date(hi) } : { lo: w.to, hi: w.to };
}

const HOUR_MS = 60 * 60_000;

/**
 * A FROM-able set of counted facts in [from, to) under the filters, columns (at, kind, channel,
 * agent, code, title, category, n): `n` facts of that kind at `at`. Whole buckets come from
 * message_rollups plus the deltas not yet compacted (`at` = bucket start: every instant of a
 * bucket lies on the same local day and hour in any zone); the partial buckets at either edge
 * from the base rows through the same function, so the sum is exact. Rows may net to zero: sum
 * `n`, and drop zero sums where a group's presence matters. Read it in one statement, so the
 * rollups and deltas come from one snapshot.
 *
 * Without an agent/team filter, the whole UTC hours inside [from, to) that lie within one local
 * hour of w.tz are read from message_rollups_hourly instead (migrations/0016: the same counts
 * without the agent, `at` = the hour's start, which has the local day and hour of every instant
 * in it), a tenth of the rows; the other whole buckets from message_rollups as above. Callers
 * use `at` only for its local day and hour, and `agent` only through the filters.
 *
 * `useRollups: false` reads the whole window from the base rows (the reference the tests compare
 * the rollups with); `hourly: false` keeps to the 15-minute rollups.
 */
export function rollupFacts(w: ReportWindow, filters: ReportFilters, opts: RollupOptions = {}): RawBuilder<unknown> {
  const { lo, hi } = opts.useRollups === false ? { lo: w.to, hi: w.to } : bucketSpan(w);
  const hours = opts.hourly === false || filters.agent !== undefined || filters.team !== undefined ? null : hourSpan(lo, hi);
  const columns = sql`r.kind, r.phone_number_id AS channel, r.agent_id AS agent, r.error_code AS code, r.error_title AS title, r.pricing_category AS category, r.n`;
  const during = (col: string, from: Date, to: Date) => sql`(${sql.ref(col)} >= ${from}::timestamptz AND ${sql.ref(col)} < ${to}::timestamptz)`;
  const deltas = sql`SELECT r.bucket AS at, ${columns} FROM message_rollup_deltas r WHERE ${during('r.bucket', lo, hi)}`;
  const rolled = hours === null
    ? sql`SELECT r.bucket AS at, ${columns} FROM message_rollups r WHERE ${during('r.bucket', lo, hi)}`
    : sql`
      SELECT r.bucket AS at, ${columns} FROM message_rollups r WHERE ${during('r.bucket', lo, hours.lo)} OR ${during('r.bucket', hours.hi, hi)}
      UNION ALL
      SELECT r.bucket AS at, ${columns} FROM hours u JOIN message_rollups r ON r.bucket >= u.h AND r.bucket < u.h + interval '1 hour'
      WHERE NOT u.whole AND ${during('r.bucket', hours.lo, hours.hi)}
      UNION ALL
      SELECT u.h AS at, x.kind, x.phone_number_id, NULL::text, x.error_code, x.error_title, x.pricing_category, x.n
      FROM hours u JOIN message_rollups_hourly x ON x.hour = u.h
      WHERE u.whole AND ${during('x.hour', hours.lo, hours.hi)}`;
  // [h, h + 1 h) is one local hour when h starts one and the offset is the same at both ends
  // (no clock change inside it): true for every hour in a whole-hour zone, none in +05:30,
  // and all but the hours of a clock change elsewhere.
  const hourList = hours === null ? sql`` : sql`WITH hours AS (
      SELECT h, (date_trunc('hour', h, ${w.tz}) = h
        AND (h + interval '1 hour') AT TIME ZONE ${w.tz} - h AT TIME ZONE ${w.tz} = interval '1 hour') AS whole
      FROM generate_series(${hours.lo}::timestamptz, ${hours.hi}::timestamptz - interval '1 hour', interval '1 hour') AS h
    )`;
  const edges = [
    { from: w.from, to: lo },
    { from: hi, to: w.to },
  ].filter((e) => e.from < e.to);
  const base = edges.length === 0 ? sql`` : sql`
    UNION ALL
    SELECT c.at, c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, 1::bigint
    FROM messages m CROSS JOIN LATERAL message_contributions(m) c
    WHERE (${sql.join(edges.map((e) => touchesWindow({ from: e.from, to: e.to, tz: w.tz })), sql` OR `)})
      AND (${sql.join(edges.map((e) => sql`(c.at >= ${e.from}::timestamptz AND c.at < ${e.to}::timestamptz)`), sql` OR `)})`;
  return sql`(${hourList}
    SELECT f.* FROM (${rolled} UNION ALL ${deltas} ${base}) f
    WHERE ${sql.join([sql`TRUE`, ...factFilters(filters)], sql` AND `)}
  )`;
}

/** The whole UTC hours inside [lo, hi), or null when there are none. */
function hourSpan(lo: Date, hi: Date): { lo: Date; hi: Date } | null {
  const hlo = Math.ceil(lo.getTime() / HOUR_MS) * HOUR_MS;
  const hhi = Math.floor(hi.getTime() / HOUR_MS) * HOUR_MS;
  return hlo < hhi ? { lo: new Date(hlo), hi: new Date(hhi) } : null;
}

/** Channel applies to every fact; agent/team to the outbound kinds only. */
function factFilters(filters: ReportFilters): RawBuilder<boolean>[] {
  const conds: RawBuilder<boolean>[] = [];
  if (filters.channel !== undefined) conds.push(sql<boolean>`f.channel = ${filters.channel}`);
  const attributed: RawBuilder<boolean>[] = [];
  if (filters.agent !== undefined) attributed.push(sql<boolean>`f.agent = ${filters.agent}`);
  if (filters.team !== undefined) attributed.push(sql<boolean>`f.agent IN (SELECT a.id FROM agents a WHERE a.team = ${filters.team})`);
  if (attributed.length > 0) {
    const inbound = sql.join(INBOUND_KINDS.map((k) => sql.lit(k)));
    conds.push(sql<boolean>`(f.kind IN (${inbound}) OR (${sql.join(attributed, sql` AND `)}))`);
  }
  return conds;
}

/**
 * `useRollups: false` reads the whole window from the base rows: the reference for tests.
 * `hourly: false` reads whole buckets from the 15-minute rollups only (tests compare the two).
 */
export type RollupOptions = { useRollups?: boolean; hourly?: boolean };
