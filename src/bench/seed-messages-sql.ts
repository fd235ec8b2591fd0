import { ERROR_CODES } from './seed-plan.js';
import { inboundSec, replySec, waId } from './seed-sql.js';

const h = (expr: string, salt: number) => `abs(hashint8((${expr})::bigint * 16 + ${salt})::bigint)`;
const TITLES: Record<(typeof ERROR_CODES)[number], string> = {
  131047: 'Re-engagement message',
  131026: 'Message undeliverable',
  130472: "User''s number is part of an experiment",
};

/**
 * The messages of conversations with ids [id0, id1], read back from the conversations just
 * written, and in the same statement one message_statuses row per status each outbound message
 * reached. Message s of a conversation is turn s/2's inbound (even s) or reply (odd s). A reply
 * fails 1 time in 50 (≈2 %), with one of three codes; the rest are delivered 1–9 s after sending
 * and 7 in 10 of them read 5 s–10 min later. Outbound rows are known from statuses, as on the
 * Cloud API: no own ts, counted at their sent time; sent by the conversation's assignee, named in
 * biz_opaque_callback_data as the attribution pattern expects.
 */
export function messagesSql(id0: number, id1: number): string {
  const key = '(g * 8 + j)';
  const codes = `(ARRAY[${ERROR_CODES.join(',')}])`;
  const titles = `(ARRAY['${ERROR_CODES.map((c) => TITLES[c]).join("','")}'])`;
  return `WITH m AS (
      SELECT cv.id, cv.id - 1 AS g, cv.contact_id, cv.phone_number_id, cv.assignee_id, cv.opened_at AS o, s, s / 2 AS j
        FROM conversations cv, generate_series(0, 2 * (1 + (cv.id - 1) % 5) - 1) s
       WHERE cv.id BETWEEN ${id0} AND ${id1}),
    t AS (
      SELECT m.*, 'wamid.bench.' || id || '.' || s AS wamid, s % 2 = 1 AS outbound,
             o + make_interval(secs => (${inboundSec('g', 'j')})::int) AS in_at,
             o + make_interval(secs => (${replySec('g', 'j')})::int) AS out_at,
             ${h(key, 9)} % 50 = 0 AS failed, ${h(key, 10)} % 10 < 7 AS was_read,
             make_interval(secs => (1 + ${h(key, 11)} % 9)::int) AS to_deliver,
             make_interval(secs => (5 + ${h(key, 12)} % 600)::int) AS to_read,
             1 + ${h(key, 13)} % 3 AS code_ix
        FROM m),
    ins AS (
      INSERT INTO messages (wamid, direction, origin, type, phone_number_id, contact_id, ts, sender_type, agent_id,
          first_status_at, sent_at, delivered_at, read_at, failed_at, error_code, error_title,
          pricing_at, pricing_type, pricing_category, billable, biz_opaque_callback_data)
      SELECT wamid, CASE WHEN outbound THEN 'outbound' ELSE 'inbound' END, 'live', 'text', phone_number_id, contact_id,
             CASE WHEN NOT outbound THEN in_at END,
             CASE WHEN outbound THEN 'agent' END, CASE WHEN outbound THEN assignee_id END,
             CASE WHEN outbound THEN out_at END, CASE WHEN outbound THEN out_at END,
             CASE WHEN outbound AND NOT failed THEN out_at + to_deliver END,
             CASE WHEN outbound AND NOT failed AND was_read THEN out_at + to_deliver + to_read END,
             CASE WHEN outbound AND failed THEN out_at + interval '2 seconds' END,
             CASE WHEN outbound AND failed THEN ${codes}[code_ix] END,
             CASE WHEN outbound AND failed THEN ${titles}[code_ix] END,
             CASE WHEN outbound THEN out_at END,
             CASE WHEN outbound THEN 'free_customer_service' END,
             CASE WHEN outbound THEN 'service' END,
             CASE WHEN outbound THEN false END,
             CASE WHEN outbound THEN 'agent=' || assignee_id END
        FROM t
      RETURNING wamid, direction, contact_id, sent_at, delivered_at, read_at, failed_at, error_code, error_title,
                pricing_type, pricing_category, billable, biz_opaque_callback_data)
    INSERT INTO message_statuses (wamid, status, ts, recipient_id, error_code, error_title, pricing_type,
        pricing_category, pricing_model, billable, biz_opaque_callback_data, raw_event_id)
    SELECT ins.wamid, st.status, st.ts, ${waId('ins.contact_id')},
           CASE WHEN st.status = 'failed' THEN ins.error_code END, CASE WHEN st.status = 'failed' THEN ins.error_title END,
           ins.pricing_type, ins.pricing_category, 'PMP', ins.billable, ins.biz_opaque_callback_data, 0
      FROM ins CROSS JOIN LATERAL (VALUES ('sent', ins.sent_at), ('delivered', ins.delivered_at),
                                          ('read', ins.read_at), ('failed', ins.failed_at)) AS st (status, ts)
     WHERE ins.direction = 'outbound' AND st.ts IS NOT NULL`;
}
