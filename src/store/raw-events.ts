import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { byKey, chunks } from './chunks.js';
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
 * Stores webhook bodies verbatim, several in one statement. Returns each body's id, or null
 * when the very same bytes from the same source were stored before — or earlier in this same
 * call (a redelivery): the caller then has nothing more to do for it.
 */
export async function insertRawEvents(db: Kysely<Database>, events: readonly RawEventInput[]): Promise<(number | null)[]> {
  const rows = events.map((e) => ({
    source: e.source,
    received_at: e.receivedAt,
    body: e.body,
    body_sha256: createHash('sha256').update(e.body).digest('hex'),
    signature_ok: e.signatureOk,
    outcome: e.outcome,
    problems: e.problems.length ? JSON.stringify(e.problems) : null,
  }));
  const ids = new Map<string, number>();
  // hash order, so two group commits holding some of the same bodies cannot deadlock
  for (const part of chunks(byKey(rows, (r) => r.body_sha256), 200)) {
    const inserted = await db
      .insertInto('raw_events')
      .values(part)
      .onConflict((oc) => oc.columns(['source', 'body_sha256']).doNothing())
      .returning(['id', 'source', 'body_sha256'])
      .execute();
    for (const r of inserted) ids.set(`${r.source}:${r.body_sha256}`, r.id);
  }
  // Within one call, only the first of identical bodies owns the new row.
  const claimed = new Set<string>();
  return rows.map((r) => {
    const key = `${r.source}:${r.body_sha256}`;
    const id = ids.get(key);
    if (id === undefined || claimed.has(key)) return null;
    claimed.add(key);
    return id;
  });
}

/** One body; see insertRawEvents. */
export async function insertRawEvent(db: Kysely<Database>, e: RawEventInput): Promise<number | null> {
  return (await insertRawEvents(db, [e]))[0] ?? null;
}

/**
 * Deletes raw bodies received before `before` (RAW_RETENTION_DAYS); derived rows stay. In
 * batches of `batch` rows, each its own statement, skipping rows another pruner holds: a day's
 * worth of bodies is never one long transaction, and a redelivered old body (same hash) waits
 * at most one batch.
 */
export async function pruneRawEvents(db: Kysely<Database>, before: Date, batch = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql`
      DELETE FROM raw_events WHERE id IN (
        SELECT id FROM raw_events WHERE received_at < ${before}::timestamptz
         ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < batch) return total;
  }
}
