import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { isReceived } from '../messages/message-facts.js';
import { allOf, belongsToCycle, isReply } from '../busy-hours/cycle-facts.js';
import type { ReportFilters } from '../window.js';
import type { ContactRef } from './open-by-assignee.js';

export type QueueEntry = ContactRef & {
  conversationId: number;
  phoneNumberId: string | null;
  openedAt: string;
  /** start of the wait: the first inbound message after the last reply (or the open) */
  waitingSince: string;
  /** now − waitingSince, seconds */
  waitingSeconds: number;
  /** the contact's latest inbound message since the last reply or the previous cycle (null if none is stored yet) */
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
};

type Row = {
  id: number; contact_id: number | null; wa_id: string | null; user_id: string | null; profile_name: string | null; phone_number_id: string | null;
  opened_at: Date; waiting_since: Date; waiting: number; last_at: Date | null; preview: string | null;
};

/**
 * Unassigned queue at `now`: open cycles (closed_at null, opened_at ≤ now) with no assignee
 * where the contact has the last word. Only messages counted at or before `now`, never history.
 *
 * R = the cycle's last reply (agent, Business-app echo, or unattributed outbound on a derived
 * cycle; automation/broadcast/api messages are not replies and do not stop the clock).
 * Waiting since: the first received inbound message of the cycle after R; with no reply yet
 * and a contact-opened cycle, since the open (the inbox's open may trail the WhatsApp
 * timestamp of the message that caused it by a few seconds, which would otherwise drop it).
 * A cycle whose last word is a reply is not waiting. Longest wait first.
 * channel: the conversation's number; agent/team do not apply (nobody is assigned).
 */
export async function unassignedQueue(db: Kysely<Database>, now: Date, filters: ReportFilters): Promise<QueueEntry[]> {
  const upToNow = sql<boolean>`m.origin <> 'history' AND m.counted_at <= ${now}::timestamptz`;
  const { rows } = await sql<Row>`
    SELECT x.*, extract(epoch FROM (${now}::timestamptz - x.waiting_since))::float8 AS waiting
    FROM (
      SELECT c.id, c.contact_id, ct.wa_id, ct.user_id, ct.profile_name, c.phone_number_id, c.opened_at,
        CASE WHEN r.at IS NULL AND c.opened_by = 'contact' THEN c.opened_at ELSE w.at END AS waiting_since,
        l.counted_at AS last_at, l.preview
      FROM conversations c
      LEFT JOIN contacts ct ON ct.id = c.contact_id
      CROSS JOIN LATERAL (
        SELECT max(m.counted_at) AS at FROM messages m WHERE ${belongsToCycle('m', 'c')} AND ${upToNow} AND ${isReply('m', 'c')}
      ) r
      CROSS JOIN LATERAL (
        SELECT min(m.counted_at) AS at FROM messages m
        WHERE ${belongsToCycle('m', 'c')} AND ${upToNow} AND ${isReceived} AND (r.at IS NULL OR m.counted_at > r.at)
      ) w
      CROSS JOIN LATERAL (
        SELECT max(p.closed_at) AS at FROM conversations p
        WHERE p.id <> c.id AND p.closed_at <= c.opened_at
          AND (p.external_id = c.external_id OR (p.contact_id = c.contact_id AND p.phone_number_id = c.phone_number_id))
      ) prev
      LEFT JOIN LATERAL (
        -- the latest inbound message after the reply, or after the previous cycle closed: not
        -- bounded by this open, so the message that opened an inbox cycle a few seconds before
        -- its open event still shows
        SELECT m.counted_at, m.preview FROM messages m
        WHERE (m.conversation_ref = c.external_id OR (m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id))
          AND ${upToNow} AND ${isReceived} AND m.counted_at > coalesce(greatest(r.at, prev.at), '-infinity'::timestamptz)
        ORDER BY m.counted_at DESC, m.wamid DESC LIMIT 1
      ) l ON TRUE
      WHERE ${allOf([
        sql<boolean>`c.closed_at IS NULL AND c.opened_at <= ${now}::timestamptz AND c.assignee_id IS NULL`,
        filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${filters.channel}`,
      ])}
    ) x
    WHERE x.waiting_since IS NOT NULL
    ORDER BY waiting DESC, x.id`.execute(db);
  return rows.map((r) => ({
    conversationId: Number(r.id), contactId: r.contact_id === null ? null : Number(r.contact_id), waId: r.wa_id, userId: r.user_id, name: r.profile_name,
    phoneNumberId: r.phone_number_id, openedAt: r.opened_at.toISOString(), waitingSince: r.waiting_since.toISOString(), waitingSeconds: Number(r.waiting),
    lastMessageAt: r.last_at?.toISOString() ?? null, lastMessagePreview: r.preview,
  }));
}
