import { sql, type Kysely } from 'kysely';
import { insertInboxEvents, type Database, type RawSource } from '../store/index.js';
import type { ChatwootInboundMessage, ChatwootMessageStatus } from './chatwoot/index.js';
import { applyChatwootInbound } from './chatwoot-inbound.js';
import { applyChatwootStatuses } from './events-ingest.js';
import type { Prepared } from './events-prepared.js';
import { readChatwootBody, readInboxBody } from './events-read.js';
import { applyInboxEvents, conversationRef } from './inbox-apply.js';
import type { InboxEvent } from './inbox/index.js';
import { describeDbError } from './item-fallback.js';
import { mergeWhatsAppBatches, readWhatsAppBody, withRawId, writeWhatsAppBatch, type StoredBatch } from './whatsapp/ingest.js';

/** A body already in raw_events, to be read and applied again. */
export type StoredBody = { rawEventId: number; source: RawSource; receivedAt: Date; body: Uint8Array };

export type ReapplyOptions = { attributionPattern: RegExp; chatwootChannels: ReadonlyMap<string, string> };

/**
 * Per body: `applied` (its facts written), `unreadable` (not JSON, not a WhatsApp envelope or
 * inbox batch: it was kept raw as rejected at ingest and still has nothing to apply), or
 * `failed` (reading it threw: a bug of ours, named with its message).
 */
export type ReapplyOutcome = { rawEventId: number; kind: 'applied' | 'unreadable' } | { rawEventId: number; kind: 'failed'; reason: string };

/**
 * Reads stored bodies again with today's normalisation and writes their facts inside the
 * caller's transaction, WITHOUT inserting raw_events (they are the input). Used by
 * `wapulse reprocess`. Like a live group commit, the WhatsApp bodies are written as one merged
 * batch, then the inbox and Chatwoot bodies together (each in the given order): two writes per
 * call rather than one per run of same-source bodies, which interleave in real traffic (4×
 * slower measured). Facts are order-free, except the first writer of an outbound message's
 * attribution when the inbox's message.sent and the callback data name different agents; within
 * a call the WhatsApp side wins that, as in the simulator's group commits.
 *
 * Idempotent: every fact is an upsert with earliest-wins rollups or a key that makes a repeat a
 * no-op; a body's out-of-band webhook errors (no natural key) are replaced, not added again.
 * Every inbox event of a body is applied, not only those new to inbox_events, so a fix that
 * changes what an event implies reaches conversations that already hold it.
 */
export async function reapplyBodies(tx: Kysely<Database>, bodies: readonly StoredBody[], opts: ReapplyOptions): Promise<ReapplyOutcome[]> {
  const wa = bodies.filter((b) => b.source === 'whatsapp');
  const inbox = bodies.filter((b) => b.source !== 'whatsapp');
  const outcomes = [...(wa.length ? await whatsapp(tx, wa, opts) : []), ...(inbox.length ? await events(tx, inbox, opts) : [])];
  const byId = new Map(outcomes.map((o) => [o.rawEventId, o]));
  return bodies.map((b) => byId.get(b.rawEventId)!);
}

const bytes = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

async function whatsapp(tx: Kysely<Database>, run: readonly StoredBody[], opts: ReapplyOptions): Promise<ReapplyOutcome[]> {
  const batches: StoredBatch[] = [];
  const out = run.map((b): ReapplyOutcome => {
    try {
      const p = readWhatsAppBody({ raw: bytes(b.body), receivedAt: b.receivedAt }, opts.attributionPattern, null);
      if (!p.batch) return { rawEventId: b.rawEventId, kind: 'unreadable' };
      batches.push(withRawId(p.batch, b.rawEventId));
      return { rawEventId: b.rawEventId, kind: 'applied' };
    } catch (bug) {
      return { rawEventId: b.rawEventId, kind: 'failed', reason: `reading the body failed: ${describeDbError(bug)}` };
    }
  });
  const ids = out.filter((o) => o.kind === 'applied').map((o) => o.rawEventId);
  // webhook_errors rows have no natural key: a body's errors are replaced, so applying it twice keeps one set
  if (ids.length) await sql`DELETE FROM webhook_errors WHERE raw_event_id IN (${sql.join(ids)})`.execute(tx);
  await writeWhatsAppBatch(tx, mergeWhatsAppBatches(batches));
  return out;
}

async function events(tx: Kysely<Database>, run: readonly StoredBody[], opts: ReapplyOptions): Promise<ReapplyOutcome[]> {
  const seen = new Set<string>();
  const all: InboxEvent[] = [];
  const statuses: (ChatwootMessageStatus & { rawEventId: number })[] = [];
  const inbound: ChatwootInboundMessage[] = [];
  const out: ReapplyOutcome[] = [];
  for (const b of run) {
    const raw = bytes(b.body);
    const p: Prepared = b.source === 'chatwoot' ? readChatwootBody(raw, b.receivedAt, opts.chatwootChannels).prepared : readInboxBody(raw, b.receivedAt);
    if ('error' in p) {
      out.push({ rawEventId: b.rawEventId, kind: 'unreadable' });
      continue;
    }
    if (p.bug !== undefined) out.push({ rawEventId: b.rawEventId, kind: 'failed', reason: `reading the body failed: ${describeDbError(p.bug)}` });
    else out.push({ rawEventId: b.rawEventId, kind: 'applied' });
    // an event redelivered in a later body belongs to the first body that carried it, as live
    const fresh = p.events.filter((e) => !seen.has(e.id));
    for (const e of fresh) seen.add(e.id);
    await insertInboxEvents(
      tx,
      fresh.map((e) => ({ id: e.id, type: e.type, at: e.at, conversationRef: conversationRef(e), payload: e })),
      b.rawEventId,
      b.receivedAt,
    );
    all.push(...fresh);
    statuses.push(...p.statuses.map((s) => ({ ...s, rawEventId: b.rawEventId })));
    inbound.push(...p.inbound);
  }
  await applyInboxEvents(tx, all);
  await applyChatwootInbound(tx, inbound);
  if (statuses.length) await applyChatwootStatuses(tx, statuses);
  return out;
}
