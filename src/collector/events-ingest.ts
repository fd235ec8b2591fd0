import type { Kysely } from 'kysely';
import { NO_CONTACTS, applyStatuses, insertInboxEvents, insertRawEvents, markPairsDirty, retryConflicts, type Database } from '../store/index.js';
import { mapChatwootWebhook, type ChatwootInboundMessage, type ChatwootMessageStatus } from './chatwoot/index.js';
import { applyChatwootInbound } from './chatwoot-inbound.js';
import { parseInboxBatch, type InboxEvent, type RejectedEvent } from './inbox/index.js';
import { applyInboxEvents, conversationRef } from './inbox-apply.js';
import { parseJson } from './json.js';
import type { IncomingBody } from './whatsapp/index.js';

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
  const [result] = await ingestInboxBodies(db, [{ raw: rawBody, receivedAt }]);
  return result!;
}

/**
 * Many inbox bodies in one transaction (a group commit, for bursts and the simulator): each
 * conversation touched is rebuilt once, after all of the bodies' events are stored.
 */
export async function ingestInboxBodies(db: Kysely<Database>, bodies: readonly IncomingBody[]): Promise<EventsIngestResult[]> {
  const prepared = bodies.map(({ raw, receivedAt }) => {
    const json = parseJson(raw);
    const parsed = json.ok ? parseInboxBatch(json.value) : { ok: false as const, error: 'body is not valid JSON' };
    return parsed.ok
      ? { raw, receivedAt, events: parsed.accepted, statuses: [], inbound: [], rejected: parsed.rejected }
      : { raw, receivedAt, error: parsed.error };
  });
  return storeMany(db, 'inbox', prepared);
}

/**
 * Stores a Chatwoot webhook: mapped onto the same inbox events, plus the inbound messages it
 * relays and message statuses from message_updated. `channels` maps Chatwoot inbox keys
 * (`chatwoot-inbox:<id>`) to WhatsApp phone_number_ids so both sources describe the same number.
 */
export async function ingestChatwoot(
  db: Kysely<Database>,
  rawBody: Buffer,
  receivedAt: Date,
  channels: ReadonlyMap<string, string>,
): Promise<EventsIngestResult> {
  const json = parseJson(rawBody);
  const mapped = json.ok ? mapChatwootWebhook(json.value, { receivedAt }) : { ok: false as const, error: 'body is not valid JSON' };
  const prepared: Prepared = mapped.ok
    ? {
        raw: rawBody,
        receivedAt,
        events: mapped.events.map((e) =>
          e.type === 'conversation.opened' ? { ...e, phone_number_id: channels.get(e.phone_number_id) ?? e.phone_number_id } : e,
        ),
        statuses: mapped.statusUpdates,
        inbound: mapped.inbound.map((m) => ({ ...m, phoneNumberId: channels.get(m.phoneNumberId) ?? m.phoneNumberId })),
        rejected: [],
      }
    : { raw: rawBody, receivedAt, error: mapped.error };
  const [result] = await storeMany(db, 'chatwoot', [prepared]);
  return mapped.ok && mapped.ignored && result!.kind === 'stored' ? { ...result!, ignored: mapped.ignored } : result!;
}

type Prepared =
  | { raw: Buffer; receivedAt: Date; events: InboxEvent[]; statuses: ChatwootMessageStatus[]; inbound: ChatwootInboundMessage[]; rejected: RejectedEvent[] }
  | { raw: Buffer; receivedAt: Date; error: string };

async function storeMany(db: Kysely<Database>, source: Source, bodies: readonly Prepared[]): Promise<EventsIngestResult[]> {
  // a deadlock or serialization loss against a concurrent body re-runs the whole transaction
  return retryConflicts(() => db.transaction().execute(async (tx) => {
    const ids = await insertRawEvents(
      tx,
      bodies.map((b) => ({
        source,
        receivedAt: b.receivedAt,
        body: b.raw,
        signatureOk: source === 'inbox' ? true : null,
        ...('error' in b
          ? { outcome: 'rejected' as const, problems: [{ path: '', message: b.error }] }
          : {
              outcome: b.rejected.length === 0 ? ('processed' as const) : b.events.length ? ('partial' as const) : ('rejected' as const),
              problems: b.rejected.flatMap((r) => r.errors.map((e) => ({ path: `events[${r.index}].${e.field}`, message: e.message }))),
            }),
      })),
    );
    const events: InboxEvent[] = [];
    const statuses: (ChatwootMessageStatus & { rawEventId: number })[] = [];
    const inbound: ChatwootInboundMessage[] = [];
    for (const [i, b] of bodies.entries()) {
      const id = ids[i];
      if ('error' in b || id == null) continue;
      const fresh = await insertInboxEvents(
        tx,
        b.events.map((e) => ({ id: e.id, type: e.type, at: e.at, conversationRef: conversationRef(e), payload: e })),
        id,
        b.receivedAt,
      );
      events.push(...b.events.filter((e) => fresh.has(e.id)));
      statuses.push(...b.statuses.map((s) => ({ ...s, rawEventId: id })));
      inbound.push(...b.inbound);
    }
    await applyInboxEvents(tx, events);
    await applyChatwootInbound(tx, inbound);
    if (statuses.length) await applyChatwootStatuses(tx, statuses);
    return bodies.map((b, i): EventsIngestResult =>
      'error' in b
        ? { kind: 'refused', error: b.error }
        : { kind: 'stored', accepted: b.events.map((e) => e.id), rejected: b.rejected, duplicate: ids[i] == null },
    );
  }));
}

// Chatwoot's own delivery statuses, for businesses that connect Chatwoot but not WhatsApp's
// webhooks. They go through the same (wamid, status) table and rollup, so when both sources
// report the same status the first one wins and nothing is counted twice.
async function applyChatwootStatuses(tx: Kysely<Database>, statuses: (ChatwootMessageStatus & { rawEventId: number })[]) {
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
      rawEventId: s.rawEventId,
    })),
    NO_CONTACTS,
  );
  await markPairsDirty(tx, statuses.map((s) => s.wamid));
}

