import type { Kysely } from 'kysely';
import {
  applyAmendments,
  applyStatuses,
  insertRawEvent,
  insertWebhookErrors,
  markPairsDirty,
  resolveContacts,
  upsertChannels,
  upsertMessages,
  type Database,
} from '../../store/index.js';
import type { Problem, WhatsAppBatch } from './facts.js';
import { parseJson } from '../json.js';
import { normalizeWhatsApp } from './normalize.js';

export type IngestOptions = { receivedAt: Date; attributionPattern: RegExp };

export type IngestResult =
  | { kind: 'stored'; rawEventId: number; outcome: 'processed' | 'partial'; problems: Problem[]; unmodelledFields: string[] }
  | { kind: 'rejected'; rawEventId: number | null; reason: 'not_json' | 'not_whatsapp'; problems: Problem[] }
  | { kind: 'duplicate' };

/**
 * Stores one signed WhatsApp webhook body: the raw bytes and every fact normalised from
 * them, in a single transaction, so a 200 always means both are durable. A redelivered body
 * (same bytes) is a no-op. Bodies that are not JSON or not a WhatsApp envelope are stored
 * raw as `rejected` (retrying would not help); database errors propagate (the caller answers 503).
 */
export async function ingestWhatsApp(db: Kysely<Database>, rawBody: Buffer, opts: IngestOptions): Promise<IngestResult> {
  const parsed = parseJson(rawBody);
  const normalized = parsed.ok ? normalizeWhatsApp(parsed.value, opts) : null;
  if (!normalized?.ok) {
    const problems = normalized?.problems ?? [{ path: '', message: 'body is not valid JSON' }];
    const rawEventId = await insertRawEvent(db, {
      source: 'whatsapp',
      receivedAt: opts.receivedAt,
      body: rawBody,
      signatureOk: true,
      outcome: 'rejected',
      problems,
    });
    return { kind: 'rejected', rawEventId, reason: parsed.ok ? 'not_whatsapp' : 'not_json', problems };
  }
  const { batch } = normalized;
  const outcome = batch.problems.length ? 'partial' : 'processed';
  return db.transaction().execute(async (tx) => {
    const rawEventId = await insertRawEvent(tx, {
      source: 'whatsapp',
      receivedAt: opts.receivedAt,
      body: rawBody,
      signatureOk: true,
      outcome,
      problems: batch.problems,
    });
    if (rawEventId === null) return { kind: 'duplicate' } as const;
    await writeWhatsAppBatch(tx, batch, rawEventId);
    return { kind: 'stored', rawEventId, outcome, problems: batch.problems, unmodelledFields: batch.unmodelledFields } as const;
  });
}

/** Writes a normalised batch; also used by `wapulse reprocess` to rebuild from raw bodies. */
export async function writeWhatsAppBatch(tx: Kysely<Database>, batch: WhatsAppBatch, rawEventId: number): Promise<void> {
  await upsertChannels(tx, batch.channels);
  const contacts = await resolveContacts(tx, batch.contacts);
  await upsertMessages(tx, batch.messages, contacts);
  await applyStatuses(tx, batch.statuses, contacts, rawEventId);
  await applyAmendments(tx, batch.amendments);
  await insertWebhookErrors(tx, batch.errors, rawEventId);
  // conversations of these contacts are re-derived at the next settle, off the hot path
  await markPairsDirty(tx, [...new Set([...batch.messages.map((m) => m.wamid), ...batch.statuses.map((s) => s.wamid)])]);
}
