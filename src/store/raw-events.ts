import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, RawOutcome, RawSource } from './schema.js';

export type RawEventInput = {
  source: RawSource;
  receivedAt: Date;
  body: Buffer;
  signatureOk: boolean | null;
  outcome: RawOutcome;
  problems: readonly { path: string; message: string }[];
};

/**
 * Stores a webhook body verbatim. Returns its id, or null when the very same bytes from the
 * same source were stored before (a redelivery): the caller then has nothing more to do.
 */
export async function insertRawEvent(db: Kysely<Database>, e: RawEventInput): Promise<number | null> {
  const row = await db
    .insertInto('raw_events')
    .values({
      source: e.source,
      received_at: e.receivedAt,
      body: e.body,
      body_sha256: createHash('sha256').update(e.body).digest('hex'),
      signature_ok: e.signatureOk,
      outcome: e.outcome,
      problems: e.problems.length ? JSON.stringify(e.problems) : null,
    })
    .onConflict((oc) => oc.columns(['source', 'body_sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Deletes raw bodies received before `before` (RAW_RETENTION_DAYS); derived rows stay. */
export async function pruneRawEvents(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db.deleteFrom('raw_events').where('received_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
