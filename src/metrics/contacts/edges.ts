import { sql, type RawBuilder } from 'kysely';
import { allOf } from '../busy-hours/cycle-facts.js';
import { isReceived, NOT_RECEIVED_TYPES } from '../messages/message-facts.js';
import { inSpans } from './contact-days.js';

/**
 * The contacts report's reads of `messages` at a window's partial days (its edges), shared by
 * the day-rows path and the links path. Spans are half-open [from, to) on counted_at.
 */

/**
 * Messages (alias m) that make their contact active (METRICS "new vs returning"): received
 * inbound messages (not reaction/system/request_welcome), never history, counted in `spans`.
 */
export function receivedIn(spans: readonly { from: Date; to: Date }[], where: RawBuilder<boolean> | null): RawBuilder<boolean> {
  return allOf([isReceived, sql<boolean>`m.origin <> 'history' AND m.contact_id IS NOT NULL`, inSpans(sql`m.counted_at`, spans), where]);
}

/**
 * Each contact's earliest outbound message (never history; ties by lowest wamid) counted in
 * `spans`, and whether the contact answered it within 24 h on its number (METRICS), as rows
 * (contact_id, phone_number_id, t, wamid, replied). `where` narrows the messages (alias m).
 */
export function firstSentIn(spans: readonly { from: Date; to: Date }[], where: RawBuilder<boolean> | null): RawBuilder<unknown> {
  return sql`(
    SELECT e.contact_id, e.phone_number_id, e.t, e.wamid, EXISTS (
      SELECT 1 FROM messages m2
      WHERE m2.contact_id = e.contact_id AND m2.phone_number_id = e.phone_number_id
        AND m2.counted_at > e.t AND m2.counted_at <= e.t + interval '24 hours'
        AND m2.origin <> 'history' AND m2.direction = 'inbound'
        AND coalesce(m2.type, '') NOT IN (${sql.join(NOT_RECEIVED_TYPES.map((t) => sql.lit(t)))})
    ) AS replied
    FROM (
      SELECT DISTINCT ON (m.contact_id) m.contact_id, m.phone_number_id, m.counted_at AS t, m.wamid
      FROM messages m
      WHERE ${allOf([
        sql<boolean>`m.direction = 'outbound' AND m.origin <> 'history' AND m.contact_id IS NOT NULL`,
        inSpans(sql`m.counted_at`, spans),
        where,
      ])}
      ORDER BY m.contact_id, m.counted_at, m.wamid
    ) e
  )`;
}
