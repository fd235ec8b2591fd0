import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { rate, type Rate } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { rollupFacts, type RollupOptions } from './rollup-facts.js';

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
 * (GROUPING SETS) over the rollups. Agent/team filters restrict outbound facts only;
 * received/reactions ignore them. A channel is listed when it has some fact in the window.
 */
export async function messageCounts(db: Kysely<Database>, q: ReportQuery, opts: RollupOptions = {}): Promise<{ total: MessageCounts; channels: (ChannelKey & MessageCounts)[] }> {
  const { rows } = await sql<Row>`
    WITH g AS (
      SELECT f.channel, f.kind, sum(f.n) AS n FROM ${rollupFacts(q.window, q.filters, opts)} f
      GROUP BY f.channel, f.kind HAVING sum(f.n) <> 0
    ), agg AS (
      SELECT GROUPING(channel)::int AS total_row, channel,
        coalesce(sum(n) FILTER (WHERE kind = 'received'), 0)::int AS received,
        coalesce(sum(n) FILTER (WHERE kind = 'reaction'), 0)::int AS reactions,
        coalesce(sum(n) FILTER (WHERE kind = 'sent'), 0)::int AS sent,
        coalesce(sum(n) FILTER (WHERE kind = 'delivered'), 0)::int AS delivered,
        coalesce(sum(n) FILTER (WHERE kind = 'read'), 0)::int AS read,
        coalesce(sum(n) FILTER (WHERE kind = 'failed'), 0)::int AS failed,
        coalesce(sum(n) FILTER (WHERE kind = 'sent_delivered'), 0)::int AS cohort_delivered,
        coalesce(sum(n) FILTER (WHERE kind = 'sent_read'), 0)::int AS cohort_read,
        coalesce(sum(n) FILTER (WHERE kind = 'sent_failed'), 0)::int AS cohort_failed,
        coalesce(sum(n) FILTER (WHERE kind = 'sent_inside'), 0)::int AS inside
      FROM g WHERE kind <> 'sent_billable' GROUP BY GROUPING SETS ((channel), ())
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
