import { sql, type RawBuilder } from 'kysely';
import type { ReportFilters, ReportWindow } from '../window.js';
import { during, wholeHourRows } from '../rollup-hours.js';
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

/**
 * A FROM-able set of counted facts in [from, to) under the filters, columns (at, kind, channel,
 * agent, code, title, category, n): `n` facts of that kind at `at`. Whole buckets come from
 * message_rollups plus the deltas not yet compacted (`at` = bucket start: every instant of a
 * bucket lies on the same local day and hour in any zone); the partial buckets at either edge
 * from the base rows through the same function, so the sum is exact. Rows may net to zero: sum
 * `n`, and drop zero sums where a group's presence matters. Read it in one statement, so the
 * rollups and deltas come from one snapshot.
 *
 * Without an agent/team filter, the whole hours that are one local hour of w.tz come from
 * message_rollups_hourly instead (migrations/0016: the same counts without the agent, a tenth
 * of the rows; rollup-hours.ts). Callers use `at` only for its local day and hour, and `agent`
 * only through the filters.
 *
 * `useRollups: false` reads the whole window from the base rows (the reference the tests compare
 * the rollups with).
 */
export function rollupFacts(w: ReportWindow, filters: ReportFilters, opts: RollupOptions = {}): RawBuilder<unknown> {
  const { lo, hi } = opts.useRollups === false ? { lo: w.to, hi: w.to } : bucketSpan(w);
  const agentFree = filters.agent === undefined && filters.team === undefined;
  const rolled = wholeHourRows({
    lo, hi, tz: w.tz,
    // the first SELECT of the union names the columns
    quarters: { table: 'message_rollups', columns: sql`r.kind, r.phone_number_id AS channel, r.agent_id AS agent, r.error_code AS code, r.error_title AS title, r.pricing_category AS category, r.n` },
    hours: agentFree
      ? { table: 'message_rollups_hourly', columns: sql`x.kind, x.phone_number_id, NULL::text, x.error_code, x.error_title, x.pricing_category, x.n` }
      : null,
  });
  const edges = [
    { from: w.from, to: lo },
    { from: hi, to: w.to },
  ].filter((e) => e.from < e.to);
  const base = edges.length === 0 ? sql`` : sql`
    UNION ALL
    SELECT c.at, c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, 1::bigint
    FROM messages m CROSS JOIN LATERAL message_contributions(m) c
    WHERE (${sql.join(edges.map((e) => touchesWindow({ from: e.from, to: e.to, tz: w.tz })), sql` OR `)})
      AND (${sql.join(edges.map((e) => during('c.at', e.from, e.to)), sql` OR `)})`;
  return sql`(${rolled.with}
    SELECT f.* FROM (
      ${rolled.rows}
      UNION ALL
      SELECT r.bucket, r.kind, r.phone_number_id, r.agent_id, r.error_code, r.error_title, r.pricing_category, r.n
      FROM message_rollup_deltas r WHERE ${during('r.bucket', lo, hi)}
      ${base}
    ) f
    WHERE ${sql.join([sql`TRUE`, ...factFilters(filters)], sql` AND `)}
  )`;
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

/** `useRollups: false` reads the whole window from the base rows: the reference for tests. */
export type RollupOptions = { useRollups?: boolean };
