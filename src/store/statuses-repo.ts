import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { byKey, chunks } from './chunks.js';
import type { ContactIds } from './contacts-repo.js';
import { firstPerKey } from './messages-repo.js';
import type { Database } from './schema.js';

export type StatusInput = {
  wamid: string;
  status: string;
  ts: Date;
  phoneNumberId: string | null;
  contact: { userId?: string; waId?: string } | null;
  recipientId: string | null;
  recipientUserId: string | null;
  error: { code: number | null; title: string | null; details: string | null } | null;
  pricing: { type: string | null; category: string | null; model: string | null; billable: boolean | null } | null;
  conversationId: string | null;
  conversationOrigin: string | null;
  bizOpaqueCallbackData: string | null;
  agentId: string | null;
  /** the raw body it came from (several bodies may be written in one batch) */
  rawEventId: number;
  /** the entry's WABA (entry[].id), when the body named one */
  wabaId?: string;
};

/**
 * Records status events and folds them into their message's rollup in one pass.
 * Idempotent and order-free: a status is stored once per (wamid, status) — the first one
 * stored wins — every rollup time only moves earlier (least), and pricing comes from the
 * earliest status that carried it. A status for an unknown wamid creates the outbound message
 * row. Runs in the caller's transaction, or in one of its own.
 */
export async function applyStatuses(
  db: Kysely<Database>,
  statuses: readonly StatusInput[],
  contacts: ContactIds,
): Promise<void> {
  if (!statuses.length) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => applyStatuses(tx, statuses, contacts));
  // (wamid, status) and wamid order: concurrent bodies about the same messages lock their
  // rows in one order and queue instead of deadlocking (seen at 8 requests in flight).
  const unique = byKey(firstPerKey(statuses, statusKey), statusKey);
  // The rollup first: upserting a message's row locks that wamid until this transaction ends,
  // so every writer of its statuses takes turns from here on.
  for (const part of chunks(rollup(unique, contacts))) await upsertRollups(db, part);
  // message_statuses is partitioned by ts (migration 0007), so its key is (wamid, status, ts)
  // and cannot see the same status with another time in another month. Holding the wamids,
  // the insert looks in every month for pairs already stored (NOT EXISTS: one index range per
  // month, a handful of statuses each) and writes only the others, in one statement; the key
  // still makes an exact redelivery a no-op by itself.
  for (const part of chunks(unique)) await insertFreshStatuses(db, part.map(statusRow));
}

/**
 * One round trip per chunk: each column travels as one array (unnest), so the statement text
 * and its parameter count stay the same whatever the batch size, and rows go in in the order
 * given ((wamid, status) order: the key's index entries are taken in one order by every writer).
 */
async function insertFreshStatuses(db: Kysely<Database>, rows: readonly ReturnType<typeof statusRow>[]): Promise<void> {
  const col = <K extends keyof ReturnType<typeof statusRow>>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO message_statuses (wamid, status, ts, recipient_id, recipient_user_id, error_code, error_title, error_details,
                                  pricing_type, pricing_category, pricing_model, billable, conversation_id, conversation_origin,
                                  biz_opaque_callback_data, raw_event_id, waba_id)
    SELECT wamid, status, ts, recipient_id, recipient_user_id, error_code, error_title, error_details,
           pricing_type, pricing_category, pricing_model, billable, conversation_id, conversation_origin,
           biz_opaque_callback_data, raw_event_id, waba_id
      FROM unnest(${col('wamid')}::text[], ${col('status')}::text[], ${col('ts')}::timestamptz[], ${col('recipient_id')}::text[],
                  ${col('recipient_user_id')}::text[], ${col('error_code')}::integer[], ${col('error_title')}::text[],
                  ${col('error_details')}::text[], ${col('pricing_type')}::text[], ${col('pricing_category')}::text[],
                  ${col('pricing_model')}::text[], ${col('billable')}::boolean[], ${col('conversation_id')}::text[],
                  ${col('conversation_origin')}::text[], ${col('biz_opaque_callback_data')}::text[], ${col('raw_event_id')}::bigint[],
                  ${col('waba_id')}::text[]) WITH ORDINALITY
           AS v(wamid, status, ts, recipient_id, recipient_user_id, error_code, error_title, error_details, pricing_type,
                pricing_category, pricing_model, billable, conversation_id, conversation_origin, biz_opaque_callback_data,
                raw_event_id, waba_id, ord)
     WHERE NOT EXISTS (SELECT 1 FROM message_statuses s WHERE s.wamid = v.wamid AND s.status = v.status)
     ORDER BY ord
    ON CONFLICT (wamid, status, ts) DO NOTHING`.execute(db);
}

type RollupRow = ReturnType<typeof emptyRollup>;

/**
 * Folds each message's batch summary into its row, in one statement per chunk (columns as
 * arrays, see insertFreshStatuses), rows in the order given (wamid order: concurrent writers
 * lock the same messages in one order). Times only move earlier, first-known values stay,
 * pricing follows the earliest status that carried it.
 */
async function upsertRollups(db: Kysely<Database>, rows: readonly RollupRow[]): Promise<void> {
  const col = <K extends keyof RollupRow>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO messages (wamid, direction, origin, phone_number_id, contact_id, first_status_at, sent_at, delivered_at,
                          read_at, played_at, failed_at, error_code, error_title, pricing_at, pricing_type, pricing_category,
                          billable, biz_opaque_callback_data, agent_id, sender_type, waba_id)
    SELECT wamid, direction, origin, phone_number_id, contact_id, first_status_at, sent_at, delivered_at,
           read_at, played_at, failed_at, error_code, error_title, pricing_at, pricing_type, pricing_category,
           billable, biz_opaque_callback_data, agent_id, sender_type, waba_id
      FROM unnest(${col('wamid')}::text[], ${col('direction')}::text[], ${col('origin')}::text[], ${col('phone_number_id')}::text[],
                  ${col('contact_id')}::bigint[], ${col('first_status_at')}::timestamptz[], ${col('sent_at')}::timestamptz[],
                  ${col('delivered_at')}::timestamptz[], ${col('read_at')}::timestamptz[], ${col('played_at')}::timestamptz[],
                  ${col('failed_at')}::timestamptz[], ${col('error_code')}::integer[], ${col('error_title')}::text[],
                  ${col('pricing_at')}::timestamptz[], ${col('pricing_type')}::text[], ${col('pricing_category')}::text[],
                  ${col('billable')}::boolean[], ${col('biz_opaque_callback_data')}::text[], ${col('agent_id')}::text[],
                  ${col('sender_type')}::text[], ${col('waba_id')}::text[]) WITH ORDINALITY
           AS v(wamid, direction, origin, phone_number_id, contact_id, first_status_at, sent_at, delivered_at, read_at, played_at,
                failed_at, error_code, error_title, pricing_at, pricing_type, pricing_category, billable, biz_opaque_callback_data,
                agent_id, sender_type, waba_id, ord)
     ORDER BY ord
    ON CONFLICT (wamid) DO UPDATE SET
      first_status_at = least(messages.first_status_at, excluded.first_status_at),
      sent_at = least(messages.sent_at, excluded.sent_at),
      delivered_at = least(messages.delivered_at, excluded.delivered_at),
      read_at = least(messages.read_at, excluded.read_at),
      played_at = least(messages.played_at, excluded.played_at),
      failed_at = least(messages.failed_at, excluded.failed_at),
      error_code = coalesce(messages.error_code, excluded.error_code),
      error_title = coalesce(messages.error_title, excluded.error_title),
      pricing_type = CASE WHEN ${earlierPricing} THEN excluded.pricing_type ELSE messages.pricing_type END,
      pricing_category = CASE WHEN ${earlierPricing} THEN excluded.pricing_category ELSE messages.pricing_category END,
      billable = CASE WHEN ${earlierPricing} THEN excluded.billable ELSE messages.billable END,
      pricing_at = least(messages.pricing_at, excluded.pricing_at),
      biz_opaque_callback_data = coalesce(messages.biz_opaque_callback_data, excluded.biz_opaque_callback_data),
      -- whichever of the inbox event and the WhatsApp status arrives first attributes the message
      agent_id = coalesce(messages.agent_id, excluded.agent_id),
      sender_type = coalesce(messages.sender_type, excluded.sender_type),
      contact_id = coalesce(messages.contact_id, excluded.contact_id),
      phone_number_id = coalesce(messages.phone_number_id, excluded.phone_number_id),
      waba_id = coalesce(messages.waba_id, excluded.waba_id)`.execute(db);
}

const statusKey = (s: { wamid: string; status: string }) => `${s.wamid}\u0000${s.status}`;

const earlierPricing = sql`excluded.pricing_at IS NOT NULL AND (messages.pricing_at IS NULL OR excluded.pricing_at < messages.pricing_at)`;

function statusRow(s: StatusInput) {
  return {
    wamid: s.wamid,
    status: s.status,
    ts: s.ts,
    recipient_id: s.recipientId,
    recipient_user_id: s.recipientUserId,
    error_code: s.error?.code ?? null,
    error_title: s.error?.title ?? null,
    error_details: s.error?.details ?? null,
    pricing_type: s.pricing?.type ?? null,
    pricing_category: s.pricing?.category ?? null,
    pricing_model: s.pricing?.model ?? null,
    billable: s.pricing?.billable ?? null,
    conversation_id: s.conversationId,
    conversation_origin: s.conversationOrigin,
    biz_opaque_callback_data: s.bizOpaqueCallbackData,
    raw_event_id: s.rawEventId,
    waba_id: s.wabaId ?? null,
  };
}

const TIME_COLUMN = {
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
  played: 'played_at',
  failed: 'failed_at',
} as const;

/** One messages row per wamid, summarising this batch's statuses for it. */
function rollup(statuses: readonly StatusInput[], contacts: ContactIds) {
  const out = new Map<string, ReturnType<typeof emptyRollup>>();
  for (const s of statuses) {
    let r = out.get(s.wamid);
    if (!r) out.set(s.wamid, (r = emptyRollup(s, contacts)));
    r.first_status_at = min(r.first_status_at, s.ts);
    const column = TIME_COLUMN[s.status as keyof typeof TIME_COLUMN];
    if (column) r[column] = min(r[column], s.ts);
    if (s.status === 'failed' && s.error && r.error_code === null) {
      r.error_code = s.error.code;
      r.error_title = s.error.title;
    }
    if (s.pricing && (r.pricing_at === null || s.ts < r.pricing_at)) {
      r.pricing_at = s.ts;
      r.pricing_type = s.pricing.type;
      r.pricing_category = s.pricing.category;
      // Payloads without `type` only say `billable`; keep it as sent.
      r.billable = s.pricing.billable;
    }
    r.biz_opaque_callback_data ??= s.bizOpaqueCallbackData;
    r.waba_id ??= s.wabaId ?? null;
    if (!r.agent_id && s.agentId) {
      r.agent_id = s.agentId;
      r.sender_type = 'agent';
    }
  }
  return byKey([...out.values()], (r) => r.wamid);
}

function emptyRollup(s: StatusInput, contacts: ContactIds) {
  return {
    wamid: s.wamid,
    direction: 'outbound' as const,
    origin: 'live' as const,
    phone_number_id: s.phoneNumberId,
    contact_id: s.contact ? contacts.get(s.contact) : null,
    first_status_at: null as Date | null,
    sent_at: null as Date | null,
    delivered_at: null as Date | null,
    read_at: null as Date | null,
    played_at: null as Date | null,
    failed_at: null as Date | null,
    error_code: null as number | null,
    error_title: null as string | null,
    pricing_at: null as Date | null,
    pricing_type: null as string | null,
    pricing_category: null as string | null,
    billable: null as boolean | null,
    biz_opaque_callback_data: null as string | null,
    agent_id: null as string | null,
    sender_type: null as 'agent' | null,
    waba_id: null as string | null,
  };
}

function min(a: Date | null, b: Date): Date {
  return a === null || b < a ? b : a;
}
