import type { Kysely } from 'kysely';
import { NO_CONTACTS, applyStatuses, insertInboxEvents, insertRawEvent, markPairsDirty, type Database } from '../store/index.js';
import { mapChatwootWebhook, type ChatwootMessageStatus } from './chatwoot/index.js';
import { parseInboxBatch, type InboxEvent, type RejectedEvent } from './inbox/index.js';
import { applyInboxEvents, conversationRef } from './inbox-apply.js';
import { parseJson } from './json.js';

export type EventsIngestResult =
  | { kind: 'stored'; accepted: string[]; rejected: RejectedEvent[]; duplicate: boolean; ignored?: string }
  | { kind: 'refused'; error: string };

type Source = 'inbox' | 'chatwoot';

/**
 * Stores a signed team-inbox batch: raw body, then every valid event (idempotent by event id)
 * applied to the model, all in one transaction. Invalid events are reported by index and field
 * while the valid ones are kept. A body that is not a batch at all is kept raw as rejected.
 */
export async function ingestInbox(db: Kysely<Database>, rawBody: Buffer, receivedAt: Date): Promise<EventsIngestResult> {
  const json = parseJson(rawBody);
  const parsed = json.ok ? parseInboxBatch(json.value) : { ok: false as const, error: 'body is not valid JSON' };
  if (!parsed.ok) return refuse(db, 'inbox', rawBody, receivedAt, parsed.error);
  return store(db, 'inbox', rawBody, receivedAt, parsed.accepted, [], parsed.rejected);
}

/**
 * Stores a Chatwoot webhook: mapped onto the same inbox events (plus message statuses from
 * message_updated). `channels` maps Chatwoot inbox keys (`chatwoot-inbox:<id>`) to WhatsApp
 * phone_number_ids so both sources describe the same business number.
 */
export async function ingestChatwoot(
  db: Kysely<Database>,
  rawBody: Buffer,
  receivedAt: Date,
  channels: ReadonlyMap<string, string>,
): Promise<EventsIngestResult> {
  const json = parseJson(rawBody);
  const mapped = json.ok ? mapChatwootWebhook(json.value, { receivedAt }) : { ok: false as const, error: 'body is not valid JSON' };
  if (!mapped.ok) return refuse(db, 'chatwoot', rawBody, receivedAt, mapped.error);
  const events = mapped.events.map((e) =>
    e.type === 'conversation.opened' ? { ...e, phone_number_id: channels.get(e.phone_number_id) ?? e.phone_number_id } : e,
  );
  const result = await store(db, 'chatwoot', rawBody, receivedAt, events, mapped.statusUpdates, []);
  return mapped.ignored && result.kind === 'stored' ? { ...result, ignored: mapped.ignored } : result;
}

async function store(
  db: Kysely<Database>,
  source: Source,
  rawBody: Buffer,
  receivedAt: Date,
  events: InboxEvent[],
  statuses: ChatwootMessageStatus[],
  rejected: RejectedEvent[],
): Promise<EventsIngestResult> {
  const accepted = events.map((e) => e.id);
  const problems = rejected.flatMap((r) => r.errors.map((e) => ({ path: `events[${r.index}].${e.field}`, message: e.message })));
  return db.transaction().execute(async (tx) => {
    const rawEventId = await insertRawEvent(tx, {
      source,
      receivedAt,
      body: rawBody,
      signatureOk: source === 'inbox' ? true : null,
      outcome: rejected.length === 0 ? 'processed' : events.length ? 'partial' : 'rejected',
      problems,
    });
    if (rawEventId === null) return { kind: 'stored', accepted, rejected, duplicate: true } as const;
    const fresh = await insertInboxEvents(
      tx,
      events.map((e) => ({ id: e.id, type: e.type, at: e.at, conversationRef: conversationRef(e), payload: e })),
      rawEventId,
      receivedAt,
    );
    await applyInboxEvents(tx, events.filter((e) => fresh.has(e.id)));
    if (statuses.length) await applyChatwootStatuses(tx, statuses, rawEventId);
    return { kind: 'stored', accepted, rejected, duplicate: false } as const;
  });
}

// Chatwoot's own delivery statuses, for businesses that connect Chatwoot but not WhatsApp's
// webhooks. They go through the same (wamid, status) table and rollup, so when both sources
// report the same status the first one wins and nothing is counted twice.
async function applyChatwootStatuses(tx: Kysely<Database>, statuses: ChatwootMessageStatus[], rawEventId: number) {
  await applyStatuses(
    tx,
    statuses.map((s) => ({
      wamid: s.wamid,
      status: s.status,
      ts: s.at,
      phoneNumberId: null,
      contact: null,
      recipientId: null,
      recipientUserId: null,
      error: s.status === 'failed' ? { code: null, title: s.error ?? null, details: null } : null,
      pricing: null,
      conversationId: null,
      conversationOrigin: null,
      bizOpaqueCallbackData: null,
      agentId: null,
    })),
    NO_CONTACTS,
    rawEventId,
  );
  await markPairsDirty(tx, statuses.map((s) => s.wamid));
}

async function refuse(db: Kysely<Database>, source: Source, rawBody: Buffer, receivedAt: Date, error: string): Promise<EventsIngestResult> {
  await insertRawEvent(db, {
    source,
    receivedAt,
    body: rawBody,
    signatureOk: source === 'inbox' ? true : null,
    outcome: 'rejected',
    problems: [{ path: '', message: error }],
  });
  return { kind: 'refused', error };
}
