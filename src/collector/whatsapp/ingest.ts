import type { Kysely } from 'kysely';
import {
  applyAmendments,
  applyStatuses,
  insertRawEvents,
  insertWebhookErrors,
  markPairsDirty,
  resolveContacts,
  retryConflicts,
  upsertChannels,
  upsertMessages,
  type Database,
  type RawEventInput,
} from '../../store/index.js';
import { boundProblems } from '../problems.js';
import { parseSafeJson } from '../safe-json.js';
import type { Problem, WhatsAppBatch } from './facts.js';
import { whatsappFallback, type StoreFailure } from './fallback.js';
import { normalizeWhatsApp } from './normalize.js';

export type IngestOptions = { receivedAt: Date; attributionPattern: RegExp };

/** `fallback`: the database refused the body as a whole and it was stored item by item. */
export type IngestResult =
  | { kind: 'stored'; rawEventId: number; outcome: 'processed' | 'partial'; problems: Problem[]; unmodelledFields: string[]; fallback?: StoreFailure }
  | { kind: 'rejected'; rawEventId: number | null; reason: RejectReason; problems: Problem[]; fallback?: StoreFailure }
  | { kind: 'duplicate' };

export type RejectReason = 'not_json' | 'not_whatsapp' | 'too_deep';

export type IncomingBody = { raw: Buffer; receivedAt: Date };

/**
 * Stores one signed WhatsApp webhook body: the raw bytes and every fact normalised from
 * them, in a single transaction, so a 200 always means both are durable. A redelivered body
 * (same bytes) is a no-op. Bodies that are not JSON or not a WhatsApp envelope are stored
 * raw as `rejected` (retrying would not help). If the database refuses the body's data, it is
 * stored item by item (./fallback.ts); only outages propagate (the caller answers 503).
 */
export async function ingestWhatsApp(db: Kysely<Database>, rawBody: Buffer, opts: IngestOptions): Promise<IngestResult> {
  const [result] = await ingestWhatsAppBodies(db, [{ raw: rawBody, receivedAt: opts.receivedAt }], opts.attributionPattern);
  return result!;
}

/**
 * Stores many bodies in ONE transaction with one write per table (a group commit): the raw
 * bodies in a multi-row insert, their facts merged into a single batch. Facts are
 * order-free (earliest-wins rollups, idempotent keys), so merging gives the same rows as
 * storing the bodies one by one. Used for bursts and by `wapulse simulate`.
 */
export async function ingestWhatsAppBodies(
  db: Kysely<Database>,
  bodies: readonly IncomingBody[],
  attributionPattern: RegExp,
  signatureOk: boolean | null = true,
): Promise<IngestResult[]> {
  return storeWhatsAppBodies(db, bodies.map((b) => prepareWhatsAppBody(b, attributionPattern, signatureOk)));
}

/**
 * A body parsed and normalised, ready for storeWhatsAppBodies. Done as the body arrives, so a
 * group commit's flush only writes; `bug`: reading it threw, and the store path keeps it raw.
 */
export type PreparedBody = IncomingBody & { signatureOk: boolean | null } & ({ prepared: Prepared } | { bug: unknown });

/** Parses and normalises one body; never throws. */
export function prepareWhatsAppBody(b: IncomingBody, attributionPattern: RegExp, signatureOk: boolean | null = true): PreparedBody {
  const base = { raw: b.raw, receivedAt: b.receivedAt, signatureOk };
  try {
    return { ...base, prepared: prepare(b, attributionPattern, signatureOk) };
  } catch (bug) {
    return { ...base, bug };
  }
}

/**
 * The write half of ingestWhatsAppBodies, for bodies prepared beforehand (the HTTP group
 * commit). Results, duplicates and the item-by-item fallback are exactly those of
 * ingestWhatsAppBodies over the same bodies.
 */
export async function storeWhatsAppBodies(db: Kysely<Database>, bodies: readonly PreparedBody[]): Promise<IngestResult[]> {
  try {
    return await storeTogether(db, bodies);
  } catch (err) {
    // Bad data the checks missed, or a bug of ours: a retry would fail the same way, so keep
    // the raw body and every item the database takes (./fallback.ts). Outages propagate.
    return whatsappFallback(db, bodies, err, {
      one: (b) => storeWhatsAppBodies(db, [b]),
      prepare: preparedOf,
      signatureOk: bodies[0]?.signatureOk ?? true,
      write: writeWhatsAppBatch,
    });
  }
}

// A body whose reading threw fails here, inside the store path, as it did before preparation
// moved out of it: the fallback then keeps that body raw (and splits a group commit first).
function preparedOf(b: PreparedBody): Prepared {
  if ('bug' in b) throw b.bug;
  return b.prepared;
}

async function storeTogether(db: Kysely<Database>, bodies: readonly PreparedBody[]): Promise<IngestResult[]> {
  const prepared = bodies.map(preparedOf);
  // a deadlock or serialization loss against a concurrent body re-runs the whole transaction
  return retryConflicts(() => db.transaction().execute(async (tx) => {
    const ids = await insertRawEvents(tx, prepared.map((p) => p.raw));
    const merged = prepared.flatMap((p, i) => (p.batch && ids[i] != null ? [withRawId(p.batch, ids[i]!)] : []));
    await writeWhatsAppBatch(tx, mergeBatches(merged));
    return prepared.map((p, i): IngestResult => {
      const id = ids[i] ?? null;
      if (!p.batch) return { kind: 'rejected', rawEventId: id, reason: p.reason!, problems: p.raw.problems as Problem[] };
      if (id === null) return { kind: 'duplicate' };
      return { kind: 'stored', rawEventId: id, outcome: p.raw.outcome as 'processed' | 'partial', problems: p.batch.problems, unmodelledFields: p.batch.unmodelledFields };
    });
  }));
}

export type Prepared = { raw: RawEventInput; batch: WhatsAppBatch | null; reason: RejectReason | null };

function prepare(b: IncomingBody, attributionPattern: RegExp, signatureOk: boolean | null): Prepared {
  const parsed = parseSafeJson(b.raw);
  const base = { source: 'whatsapp' as const, receivedAt: b.receivedAt, body: b.raw, signatureOk };
  if (!parsed.ok) {
    const problems = parsed.reason === 'too_deep' ? [parsed.problem] : [{ path: '', message: 'body is not valid JSON' }];
    return { raw: { ...base, outcome: 'rejected', problems }, batch: null, reason: parsed.reason };
  }
  const normalized = normalizeWhatsApp(parsed.value, { receivedAt: b.receivedAt, attributionPattern });
  if (!normalized.ok) {
    const problems = boundProblems([...parsed.problems, ...normalized.problems]);
    return { raw: { ...base, outcome: 'rejected', problems }, batch: null, reason: 'not_whatsapp' };
  }
  const batch = { ...normalized.batch, problems: boundProblems([...parsed.problems, ...normalized.batch.problems]) };
  const raw: RawEventInput = { ...base, outcome: batch.problems.length ? 'partial' : 'processed', problems: batch.problems };
  return { raw, batch, reason: null };
}

export type StoredBatch = Omit<WhatsAppBatch, 'statuses' | 'errors'> & {
  statuses: (WhatsAppBatch['statuses'][number] & { rawEventId: number })[];
  errors: (WhatsAppBatch['errors'][number] & { rawEventId: number })[];
};

export function withRawId(b: WhatsAppBatch, rawEventId: number): StoredBatch {
  return { ...b, statuses: b.statuses.map((s) => ({ ...s, rawEventId })), errors: b.errors.map((e) => ({ ...e, rawEventId })) };
}

function mergeBatches(batches: StoredBatch[]): StoredBatch {
  return {
    channels: batches.flatMap((b) => b.channels),
    contacts: batches.flatMap((b) => b.contacts),
    messages: batches.flatMap((b) => b.messages),
    statuses: batches.flatMap((b) => b.statuses),
    amendments: batches.flatMap((b) => b.amendments),
    errors: batches.flatMap((b) => b.errors),
    problems: [],
    unmodelledFields: [],
  };
}

/** Writes a normalised batch; also used by `wapulse reprocess` to rebuild from raw bodies. */
export async function writeWhatsAppBatch(tx: Kysely<Database>, batch: StoredBatch): Promise<void> {
  await upsertChannels(tx, batch.channels);
  const contacts = await resolveContacts(tx, batch.contacts);
  await upsertMessages(tx, batch.messages, contacts);
  await applyStatuses(tx, batch.statuses, contacts);
  await applyAmendments(tx, batch.amendments);
  await insertWebhookErrors(tx, batch.errors);
  // conversations of these contacts are re-derived at the next settle, off the hot path
  await markPairsDirty(tx, [...new Set([...batch.messages.map((m) => m.wamid), ...batch.statuses.map((s) => s.wamid)])]);
}

// `wapulse reprocess` (src/reprocess) re-reads stored bodies exactly as live ingest reads them,
// then writes their facts without storing the raw bodies again.
export { prepare as readWhatsAppBody, mergeBatches as mergeWhatsAppBatches };
