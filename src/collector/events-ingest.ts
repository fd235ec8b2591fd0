import type { Kysely } from 'kysely';
import { NO_CONTACTS, applyStatuses, insertInboxEvents, insertRawEvents, markPairsDirty, retryConflicts, type Database } from '../store/index.js';
import type { ChatwootInboundMessage, ChatwootMessageStatus } from './chatwoot/index.js';
import { applyChatwootInbound } from './chatwoot-inbound.js';
import type { InboxEvent, RejectedEvent } from './inbox/index.js';
import { eventsFallback } from './events-fallback.js';
import { rawInput, type Prepared, type Source } from './events-prepared.js';
import { readChatwootBody, readInboxBody } from './events-read.js';
import { applyInboxEvents, conversationRef } from './inbox-apply.js';
import { boundProblems, type Problem } from './problems.js';
import type { IncomingBody, StoreFailure } from './whatsapp/index.js';

/**
 * `problems`: what was stored other than as sent (text cleaned) or not at all for a reason
 * other than an invalid inbox event (a Chatwoot event failing the inbox checks, an item the
 * database refused); `fallback`: the database refused the body as a whole (./events-fallback.ts).
 */
export type EventsIngestResult =
  | { kind: 'stored'; accepted: string[]; rejected: RejectedEvent[]; duplicate: boolean; ignored?: string; problems: Problem[]; fallback?: StoreFailure }
  | { kind: 'refused'; error: string };

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
  return storeEventBodies(db, bodies.map((b) => prepareInboxBody(b)));
}

/**
 * An inbox or Chatwoot body parsed and mapped, ready for storeEventBodies: done as the body
 * arrives, so a group commit's flush only writes. `ignored`: why a Chatwoot webhook carried
 * nothing to store (added to its result).
 */
export type PreparedEvents = { source: Source; prepared: Prepared; ignored?: string };

/** Parses one team-inbox body (./events-read.ts); never throws. */
export function prepareInboxBody({ raw, receivedAt }: IncomingBody): PreparedEvents {
  return { source: 'inbox', prepared: readInboxBody(raw, receivedAt) };
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
  const [result] = await storeEventBodies(db, [prepareChatwootBody({ raw: rawBody, receivedAt }, channels)]);
  return result!;
}

/** Parses and maps one Chatwoot webhook (./events-read.ts); never throws. */
export function prepareChatwootBody({ raw, receivedAt }: IncomingBody, channels: ReadonlyMap<string, string>): PreparedEvents {
  return { source: 'chatwoot', ...readChatwootBody(raw, receivedAt, channels) };
}

/**
 * The write half: prepared bodies of ONE source (all inbox or all Chatwoot) in one
 * transaction, with the fallback of ./events-fallback.ts. Results are exactly those of storing
 * each body alone, in order.
 */
export async function storeEventBodies(db: Kysely<Database>, bodies: readonly PreparedEvents[]): Promise<EventsIngestResult[]> {
  const source = bodies[0]?.source;
  if (!source) return [];
  if (bodies.some((b) => b.source !== source)) throw new Error('storeEventBodies: bodies of one source per call');
  const results = await storeMany(db, source, bodies.map((b) => b.prepared));
  return results.map((r, i) => {
    const ignored = bodies[i]!.ignored;
    return ignored && r.kind === 'stored' ? { ...r, ignored } : r;
  });
}

async function storeMany(db: Kysely<Database>, source: Source, bodies: readonly Prepared[]): Promise<EventsIngestResult[]> {
  try {
    return await storeTogether(db, source, bodies);
  } catch (err) {
    // Bad data the checks missed, or a bug of ours: keep the raw body and every event the
    // database takes (./events-fallback.ts). Outages propagate.
    return eventsFallback(db, source, bodies, err, {
      one: (b) => storeTogether(db, source, [b]),
      writeStatuses: applyChatwootStatuses,
      writeInbound: applyChatwootInbound,
    });
  }
}

async function storeTogether(db: Kysely<Database>, source: Source, bodies: readonly Prepared[]): Promise<EventsIngestResult[]> {
  // a deadlock or serialization loss against a concurrent body re-runs the whole transaction
  return retryConflicts(() => db.transaction().execute(async (tx) => {
    const ids = await insertRawEvents(tx, bodies.map((b) => rawInput(source, b)));
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
        : {
            kind: 'stored',
            accepted: b.events.map((e) => e.id),
            rejected: b.rejected,
            duplicate: ids[i] == null,
            problems: boundProblems(b.problems),
            ...(b.bug === undefined ? {} : { fallback: { kind: 'bug' as const, error: b.bug } }),
          },
    );
  }));
}

// Chatwoot's own delivery statuses, for businesses that connect Chatwoot but not WhatsApp's
// webhooks. They go through the same (wamid, status) table and rollup, so when both sources
// report the same status the first one wins and nothing is counted twice.
export async function applyChatwootStatuses(tx: Kysely<Database>, statuses: (ChatwootMessageStatus & { rawEventId: number })[]) {
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

