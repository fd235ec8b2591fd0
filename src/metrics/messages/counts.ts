import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import {
  and, baseConditions, countedAt, deliveredTime, inWindow, insideServiceWindow, isFailed,
  isOutbound, isReaction, isReceived, outboundAttribution, readTime, touchesWindow,
} from './message-facts.js';

/** The message metrics of one channel, or of all of them together. */
export type MessageCounts = {
  /** inbound messages written by contacts, by their timestamp (reactions, system, request_welcome excluded) */
  received: number;
  /** inbound reactions, by their timestamp */
  reactions: number;
  /** distinct outbound wamids by send time */
  sent: number;
  /** outbound wamids by delivery time (delivered, else earliest read/played) */
  delivered: number;
  /** outbound wamids by the earliest read/played time */
  read: number;
  /** outbound wamids failed and never delivered, by failed time */
  failed: number;
  /** sent cohort: delivered (ever) / sent in window */
  deliveryRate: Rate;
  /** sent cohort: read (ever) / delivered (ever) */
  readRate: Rate;
  /** sent cohort: failed for good / sent in window */
  failureRate: Rate;
  /** received / delivered, both counted in the window */
  engagement: Rate;
  /** sent in window, the contact wrote on the channel in the 24 h before (inclusive of t) */
  insideWindow: number;
  outsideWindow: number;
};

export type ChannelKey = { channel: string | null; displayPhoneNumber: string | null };

type Row = ChannelKey & {
  total_row: number; received: number; reactions: number; sent: number; delivered: number; read: number; failed: number;
  cohort_delivered: number; cohort_read: number; cohort_failed: number; inside: number;
};

/**
 * Window counts and sent-cohort rates, for all channels (`total`) and per channel, in one pass
 * (GROUPING SETS). Agent/team filters restrict outbound rows only; received/reactions ignore them.
 */
export async function messageCounts(db: Kysely<Database>, q: ReportQuery): Promise<{ total: MessageCounts; channels: (ChannelKey & MessageCounts)[] }> {
  const w = q.window;
  const sentIn = sql<boolean>`(${isOutbound} AND ${inWindow(countedAt, w)})`;
  const { rows } = await sql<Row>`
    WITH f AS (
      SELECT m.phone_number_id AS channel,
        (${isReceived} AND ${inWindow(countedAt, w)}) AS received,
        (${isReaction} AND ${inWindow(countedAt, w)}) AS reaction,
        ${sentIn} AS sent,
        (${isOutbound} AND ${inWindow(deliveredTime, w)}) AS delivered,
        (${isOutbound} AND ${inWindow(readTime, w)}) AS read,
        (${isOutbound} AND ${isFailed} AND ${inWindow(sql`m.failed_at`, w)}) AS failed,
        (${deliveredTime} IS NOT NULL) AS ever_delivered,
        (${readTime} IS NOT NULL) AS ever_read,
        ${isFailed} AS ever_failed,
        (CASE WHEN ${sentIn} THEN ${insideServiceWindow} ELSE FALSE END) AS inside
      FROM messages m
      WHERE ${and([...baseConditions(q.filters), outboundAttribution(q.filters), touchesWindow(w)])}
    ), agg AS (
      SELECT GROUPING(channel)::int AS total_row, channel,
        count(*) FILTER (WHERE received)::int AS received,
        count(*) FILTER (WHERE reaction)::int AS reactions,
        count(*) FILTER (WHERE sent)::int AS sent,
        count(*) FILTER (WHERE delivered)::int AS delivered,
        count(*) FILTER (WHERE read)::int AS read,
        count(*) FILTER (WHERE failed)::int AS failed,
        count(*) FILTER (WHERE sent AND ever_delivered)::int AS cohort_delivered,
        count(*) FILTER (WHERE sent AND ever_read)::int AS cohort_read,
        count(*) FILTER (WHERE sent AND ever_failed)::int AS cohort_failed,
        count(*) FILTER (WHERE sent AND inside)::int AS inside
      FROM f GROUP BY GROUPING SETS ((channel), ())
    )
    SELECT agg.*, c.display_phone_number AS "displayPhoneNumber"
    FROM agg LEFT JOIN channels c ON c.phone_number_id = agg.channel AND agg.total_row = 0
    ORDER BY agg.total_row DESC, agg.channel NULLS LAST`.execute(db);
  const totalRow = rows.find((r) => r.total_row === 1);
  return {
    total: totalRow ? shape(totalRow) : shape(null),
    channels: rows.filter((r) => r.total_row === 0).map((r) => ({ channel: r.channel, displayPhoneNumber: r.displayPhoneNumber, ...shape(r) })),
  };
}

function shape(r: Row | null): MessageCounts {
  const n = (k: keyof Row) => Number(r?.[k] ?? 0);
  return {
    received: n('received'), reactions: n('reactions'), sent: n('sent'), delivered: n('delivered'), read: n('read'), failed: n('failed'),
    deliveryRate: rate(n('cohort_delivered'), n('sent')),
    readRate: rate(n('cohort_read'), n('cohort_delivered')),
    failureRate: rate(n('cohort_failed'), n('sent')),
    engagement: rate(n('received'), n('delivered')),
    insideWindow: n('inside'),
    outsideWindow: n('sent') - n('inside'),
  };
}
