import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import {
  and, attributionCondition, baseConditions, countedAt, inWindow, isFailed, isOutbound, touchesWindow,
} from '../messages/message-facts.js';
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

/** Outbound rows under the filters: channel, and agent/team attribution when set. */
export function outboundScope(q: ReportQuery): RawBuilder<boolean>[] {
  const attributed = attributionCondition(q.filters);
  return [...baseConditions(q.filters), isOutbound, ...(attributed ? [attributed] : [])];
}

/** Failed for good with the failed time in [from, to). */
export const failedIn = (q: ReportQuery) => and([...outboundScope(q), isFailed, inWindow(sql`m.failed_at`, q.window)]);

/** Totals and per channel (GROUPING SETS): failed by failed time; the sent cohort and its failure rate. */
export async function failuresByChannel(db: Kysely<Database>, q: ReportQuery): Promise<{ total: Omit<FailuresByChannel, 'channel' | 'displayPhoneNumber'>; channels: FailuresByChannel[] }> {
  const w = q.window;
  const { rows } = await sql<{ total_row: number; channel: string | null; displayPhoneNumber: string | null; failed: number; sent: number; cohort_failed: number }>`
    WITH f AS (
      SELECT m.phone_number_id AS channel,
        (${isFailed} AND ${inWindow(sql`m.failed_at`, w)}) AS failed,
        ${inWindow(countedAt, w)} AS sent,
        ${isFailed} AS ever_failed
      FROM messages m
      WHERE ${and([...outboundScope(q), touchesWindow(w)])}
    ), agg AS (
      SELECT GROUPING(channel)::int AS total_row, channel,
        count(*) FILTER (WHERE failed)::int AS failed,
        count(*) FILTER (WHERE sent)::int AS sent,
        count(*) FILTER (WHERE sent AND ever_failed)::int AS cohort_failed
      FROM f GROUP BY GROUPING SETS ((channel), ())
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
 * error_title in the window (Meta's titles for one code vary slightly between API versions).
 */
export async function failuresByCode(db: Kysely<Database>, q: ReportQuery): Promise<FailuresByCode[]> {
  const { rows } = await sql<{ code: number | null; title: string | null; n: number }>`
    SELECT m.error_code AS code, mode() WITHIN GROUP (ORDER BY m.error_title) AS title, count(*)::int AS n
    FROM messages m WHERE ${failedIn(q)}
    GROUP BY m.error_code ORDER BY n DESC, code NULLS LAST`.execute(db);
  return rows.map((r) => ({ code: r.code === null ? null : Number(r.code), title: r.title, class: errorClassOf(r.code === null ? null : Number(r.code)), count: Number(r.n) }));
}

/** Failed in window by pricing category (null: the failure carried no pricing). */
export async function failuresByCategory(db: Kysely<Database>, q: ReportQuery): Promise<FailuresByCategory[]> {
  const { rows } = await sql<{ category: string | null; n: number }>`
    SELECT m.pricing_category AS category, count(*)::int AS n
    FROM messages m WHERE ${failedIn(q)}
    GROUP BY m.pricing_category ORDER BY n DESC, category NULLS LAST`.execute(db);
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
