import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { inWindow } from '../messages/message-facts.js';
import { rollupFacts, type RollupOptions } from '../messages/rollup-facts.js';
import { errorClassOf } from './error-classes.js';

export type FailuresByChannel = {
  channel: string | null;
  displayPhoneNumber: string | null;
  /** failed in window, by failed time */
  failed: number;
  /** sent in window (the cohort) */
  sent: number;
  /** sent cohort: failed for good / sent */
  failureRate: Rate;
};
export type FailuresByCode = { code: number | null; title: string | null; class: string; count: number };
export type FailuresByCategory = { category: string | null; count: number };
export type WebhookErrorsByCode = { code: number | null; title: string | null; count: number };

/**
 * Totals and per channel (GROUPING SETS) from the rollups: failed by failed time; the sent cohort
 * and its failure rate. A channel is listed when it has an outbound fact in the window.
 */
export async function failuresByChannel(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<{ total: Omit<FailuresByChannel, 'channel' | 'displayPhoneNumber'>; channels: FailuresByChannel[] }> {
  const { rows } = await sql<{ total_row: number; channel: string | null; displayPhoneNumber: string | null; failed: number; sent: number; cohort_failed: number }>`
    WITH g AS (
      SELECT f.channel, f.kind, sum(f.n) AS n FROM ${rollupFacts(q.window, q.filters, opts)} f
      WHERE f.kind NOT IN ('received', 'reaction', 'sent_billable')
      GROUP BY f.channel, f.kind HAVING sum(f.n) <> 0
    ), agg AS (
      SELECT GROUPING(channel)::int AS total_row, channel,
        coalesce(sum(n) FILTER (WHERE kind = 'failed'), 0)::int AS failed,
        coalesce(sum(n) FILTER (WHERE kind = 'sent'), 0)::int AS sent,
        coalesce(sum(n) FILTER (WHERE kind = 'sent_failed'), 0)::int AS cohort_failed
      FROM g GROUP BY GROUPING SETS ((channel), ())
    )
    SELECT agg.*, c.display_phone_number AS "displayPhoneNumber"
    FROM agg LEFT JOIN channels c ON c.phone_number_id = agg.channel AND agg.total_row = 0
    ORDER BY agg.total_row DESC, agg.channel NULLS LAST`.execute(db);
  const shape = (r: (typeof rows)[number] | undefined) => ({
    failed: Number(r?.failed ?? 0), sent: Number(r?.sent ?? 0), failureRate: rate(Number(r?.cohort_failed ?? 0), Number(r?.sent ?? 0)),
  });
  return {
    total: shape(rows.find((r) => r.total_row === 1)),
    channels: rows.filter((r) => r.total_row === 0).map((r) => ({ channel: r.channel, displayPhoneNumber: r.displayPhoneNumber, ...shape(r) })),
  };
}

/**
 * Failed in window by error code, most frequent first. A code's title is its most frequent
 * error_title in the window (Meta's titles for one code vary slightly between API versions); as
 * mode() has it, ties go to the first title in sort order and null titles are not candidates.
 */
export async function failuresByCode(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<FailuresByCode[]> {
  const { rows } = await sql<{ code: number | null; title: string | null; n: number }>`
    WITH t AS (
      SELECT f.code, f.title, sum(f.n) AS n FROM ${rollupFacts(q.window, q.filters, opts)} f
      WHERE f.kind = 'failed' GROUP BY f.code, f.title HAVING sum(f.n) <> 0
    )
    SELECT t.code, sum(t.n)::int AS n,
      (SELECT t2.title FROM t t2 WHERE t2.code IS NOT DISTINCT FROM t.code AND t2.title IS NOT NULL ORDER BY t2.n DESC, t2.title LIMIT 1) AS title
    FROM t GROUP BY t.code ORDER BY n DESC, code NULLS LAST`.execute(db);
  return rows.map((r) => ({ code: r.code === null ? null : Number(r.code), title: r.title, class: errorClassOf(r.code === null ? null : Number(r.code)), count: Number(r.n) }));
}

/** Failed in window by pricing category (null: the failure carried no pricing). */
export async function failuresByCategory(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<FailuresByCategory[]> {
  const { rows } = await sql<{ category: string | null; n: number }>`
    SELECT f.category, sum(f.n)::int AS n FROM ${rollupFacts(q.window, q.filters, opts)} f
    WHERE f.kind = 'failed' GROUP BY f.category HAVING sum(f.n) <> 0 ORDER BY n DESC, category NULLS LAST`.execute(db);
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

/**
 * Out-of-band errors (webhook value.errors[], not tied to a message) observed in [from, to), by
 * code. Only the channel filter applies: they have no agent.
 */
export async function webhookErrorsByCode(db: Kysely<Database>, q: ReportQuery): Promise<WebhookErrorsByCode[]> {
  const channel = q.filters.channel;
  const { rows } = await sql<{ code: number | null; title: string | null; n: number }>`
    SELECT e.code, mode() WITHIN GROUP (ORDER BY e.title) AS title, count(*)::int AS n
    FROM webhook_errors e
    WHERE ${inWindow(sql`e.observed_at`, q.window)} ${channel === undefined ? sql`` : sql`AND e.phone_number_id = ${channel}`}
    GROUP BY e.code ORDER BY n DESC, e.code NULLS LAST`.execute(db);
  return rows.map((r) => ({ code: r.code === null ? null : Number(r.code), title: r.title, count: Number(r.n) }));
}
