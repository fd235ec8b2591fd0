import { sql, type RawBuilder } from 'kysely';
import type { ReportFilters, ReportWindow } from '../window.js';

/**
 * SQL fragments shared by the messages and failures reports, over `messages` aliased `m`.
 * Every time below is a timestamptz; windows are half-open [from, to).
 */

/** `expr` falls in [from, to). */
export function inWindow(expr: RawBuilder<unknown>, w: ReportWindow): RawBuilder<boolean> {
  return sql<boolean>`(${expr} >= ${w.from}::timestamptz AND ${expr} < ${w.to}::timestamptz)`;
}

/** Send time of an outbound message (sent status, else earliest status, else inbox event), or an inbound ts. */
export const countedAt = sql`m.counted_at`;

/**
 * Delivery time: the `delivered` status, or the earliest of read/played where `delivered` never
 * came (read implies delivered). least() skips nulls, so this is null only with none of the three.
 */
export const deliveredTime = sql`coalesce(m.delivered_at, least(m.read_at, m.played_at))`;

/** Read time: the earliest of read/played (a played voice note was heard, so it counts as read). */
export const readTime = sql`least(m.read_at, m.played_at)`;

/** Failed for good: a `failed` status and no delivered/read/played at all (delivery beats a failure). */
export const isFailed = sql<boolean>`(m.delivery_state = 'failed')`;

export const isOutbound = sql<boolean>`(m.direction = 'outbound')`;

/**
 * Billable (METRICS "billable"): first pricing of type `regular`, or for payloads without a
 * type (older pricing model) `billable = true`.
 */
export const isBillable = sql<boolean>`(m.pricing_type = 'regular' OR (m.pricing_type IS NULL AND m.billable IS TRUE))`;

/** Inbound types that are not messages a contact wrote to us; reactions are counted apart. */
export const NOT_RECEIVED_TYPES = ['reaction', 'system', 'request_welcome'] as const;

/** An inbound message a contact wrote (received); `reaction` is its own count. */
export const isReceived = sql<boolean>`(m.direction = 'inbound' AND coalesce(m.type, '') NOT IN (${sql.join(NOT_RECEIVED_TYPES.map((t) => sql.lit(t)))}))`;
export const isReaction = sql<boolean>`(m.direction = 'inbound' AND m.type = 'reaction')`;

/**
 * Prefilter: the row has some time of interest in [from, to). A superset of every windowed
 * metric here (delivery and read times are built from delivered/read/played), so it loses
 * nothing, and lets the planner use the per-column indexes.
 */
export function touchesWindow(w: ReportWindow): RawBuilder<boolean> {
  const cols = ['counted_at', 'delivered_at', 'read_at', 'played_at', 'failed_at'].map((c) => inWindow(sql.ref(`m.${c}`), w));
  return sql<boolean>`(${sql.join(cols, sql` OR `)})`;
}

/** Rows every message metric starts from: never history backfill; the channel filter. */
export function baseConditions(filters: ReportFilters): RawBuilder<boolean>[] {
  const conds = [sql<boolean>`m.origin <> 'history'`];
  if (filters.channel !== undefined) conds.push(sql<boolean>`m.phone_number_id = ${filters.channel}`);
  return conds;
}

/**
 * Agent/team filters, applied to outbound messages only (attribution is m.agent_id; a team is
 * the agents whose agents.team matches). Inbound messages have no agent and are never filtered
 * by them. Returns null when neither filter is set.
 */
export function attributionCondition(filters: ReportFilters): RawBuilder<boolean> | null {
  const conds: RawBuilder<boolean>[] = [];
  if (filters.agent !== undefined) conds.push(sql<boolean>`m.agent_id = ${filters.agent}`);
  if (filters.team !== undefined) conds.push(sql<boolean>`m.agent_id IN (SELECT a.id FROM agents a WHERE a.team = ${filters.team})`);
  return conds.length === 0 ? null : sql<boolean>`(${sql.join(conds, sql` AND `)})`;
}

/** Outbound rows restricted by agent/team when set; inbound rows pass untouched. */
export function outboundAttribution(filters: ReportFilters): RawBuilder<boolean> {
  const attributed = attributionCondition(filters);
  return attributed === null ? sql<boolean>`TRUE` : sql<boolean>`(m.direction = 'inbound' OR ${attributed})`;
}

export function and(conds: readonly RawBuilder<boolean>[]): RawBuilder<boolean> {
  return conds.length === 0 ? sql<boolean>`TRUE` : sql<boolean>`(${sql.join(conds, sql` AND `)})`;
}

/** The calendar day of `expr` in the window's zone, as 'YYYY-MM-DD' text (DST-aware). */
export function localDay(expr: RawBuilder<unknown>, w: ReportWindow): RawBuilder<string> {
  return sql<string>`to_char(${expr} AT TIME ZONE ${w.tz}::text, 'YYYY-MM-DD')`;
}

/**
 * A FROM-able set of every local day touched by [from, to) in tz, column `day` ('YYYY-MM-DD'):
 * from the day of `from` to the day of the last instant before `to`.
 */
export function windowDays(w: ReportWindow): RawBuilder<{ day: string }> {
  return sql<{ day: string }>`(SELECT to_char(g, 'YYYY-MM-DD') AS day FROM generate_series(
    (${w.from}::timestamptz AT TIME ZONE ${w.tz}::text)::date::timestamp,
    ((${w.to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${w.tz}::text)::date::timestamp,
    interval '1 day') AS g)`;
}

/**
 * Inside the 24 h customer-service window: the same contact wrote on the same channel in
 * (t − 24h, t], t = the outbound message's send time. Any inbound message but WhatsApp's own
 * `system` notices counts (a reaction or a request_welcome also lets the business reply freely);
 * history backfill never counts. Uses the messages_contact_channel index.
 */
export const insideServiceWindow = sql<boolean>`EXISTS (
  SELECT 1 FROM messages i
  WHERE i.contact_id = m.contact_id AND i.phone_number_id = m.phone_number_id
    AND i.counted_at > m.counted_at - interval '24 hours' AND i.counted_at <= m.counted_at
    AND i.direction = 'inbound' AND i.origin <> 'history' AND coalesce(i.type, '') <> 'system')`;
