import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { byKey, chunks } from './chunks.js';
import { firstPerKey } from './messages-repo.js';
import { deleteInBatches, dropMonthsBefore } from './partitions.js';
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
 * Stores webhook bodies verbatim, several at once. Returns each body's id, or null when the
 * very same bytes from the same source were stored before — or earlier in this same call (a
 * redelivery): the caller then has nothing more to do for it.
 *
 * raw_events is partitioned by month, so it cannot hold a unique key without the time; the
 * "seen this body" key lives in raw_event_keys (migration 0007). A body's key is claimed
 * first and its row written only when the claim is new, in one transaction (the caller's, or
 * one of its own): a concurrent claimer of the same key waits for this one to commit, exactly
 * as it waited on the old unique index.
 */
export async function insertRawEvents(db: Kysely<Database>, events: readonly RawEventInput[]): Promise<(number | null)[]> {
  return db.isTransaction ? insertInTransaction(db, events) : db.transaction().execute((tx) => insertInTransaction(tx, events));
}

async function insertInTransaction(db: Kysely<Database>, events: readonly RawEventInput[]): Promise<(number | null)[]> {
  const rows = events.map((e) => ({
    source: e.source,
    received_at: e.receivedAt,
    body: e.body,
    body_sha256: createHash('sha256').update(e.body).digest('hex'),
    signature_ok: e.signatureOk,
    outcome: e.outcome,
    problems: e.problems.length ? JSON.stringify(e.problems) : null,
  }));
  const keyOf = (r: { source: string; body_sha256: string }) => `${r.source}:${r.body_sha256}`;
  const ids = new Map<string, number>();
  // Hash order, so two group commits holding some of the same bodies cannot deadlock. Within
  // one call only the first of identical bodies is offered (ON CONFLICT cannot see a row the
  // same statement inserted).
  for (const part of chunks(byKey(firstPerKey(rows, keyOf), (r) => r.body_sha256), 200)) {
    for (const k of await claimAndStore(db, part)) ids.set(keyOf(k), k.raw_event_id);
  }
  const claimed = new Set<string>();
  return rows.map((r) => {
    const key = keyOf(r);
    const id = ids.get(key);
    if (id === undefined || claimed.has(key)) return null;
    claimed.add(key);
    return id;
  });
}

type RawRow = {
  source: RawSource;
  received_at: Date;
  body: Buffer;
  body_sha256: string;
  signature_ok: boolean | null;
  outcome: RawOutcome;
  problems: string | null;
};

/**
 * Claims the keys and writes the bodies of the claimed ones in ONE statement (a round trip
 * per batch instead of two): the key insert runs first and in array order (hash order, see
 * above), its RETURNING holds only the keys it claimed, and the body insert reads exactly
 * those. The body row's id is drawn in the claim, so the key names it (a conflict wastes a
 * number). Columns travel as one array each, so the text is the same for any batch size.
 */
async function claimAndStore(db: Kysely<Database>, part: readonly RawRow[]) {
  const col = <K extends keyof RawRow>(k: K) => part.map((r) => r[k]);
  const { rows } = await sql<{ source: string; body_sha256: string; raw_event_id: number }>`
    WITH input AS (
      SELECT * FROM unnest(${col('source')}::text[], ${col('body_sha256')}::text[], ${col('received_at')}::timestamptz[],
                           ${col('body')}::bytea[], ${col('signature_ok')}::boolean[], ${col('outcome')}::text[],
                           ${col('problems')}::jsonb[]) WITH ORDINALITY
             AS i(source, body_sha256, received_at, body, signature_ok, outcome, problems, ord)
    ), claimed AS (
      INSERT INTO raw_event_keys (source, body_sha256, received_at, raw_event_id)
      SELECT source, body_sha256, received_at, nextval('raw_events_id_seq') FROM input ORDER BY ord
      ON CONFLICT (source, body_sha256) DO NOTHING
      RETURNING source, body_sha256, raw_event_id
    ), stored AS (
      INSERT INTO raw_events (id, source, received_at, body, body_sha256, signature_ok, outcome, problems)
      SELECT c.raw_event_id, i.source, i.received_at, i.body, i.body_sha256, i.signature_ok, i.outcome, i.problems
        FROM claimed c JOIN input i ON i.source = c.source AND i.body_sha256 = c.body_sha256
    )
    SELECT source, body_sha256, raw_event_id FROM claimed`.execute(db);
  return rows;
}

/** One body; see insertRawEvents. */
export async function insertRawEvent(db: Kysely<Database>, e: RawEventInput): Promise<number | null> {
  return (await insertRawEvents(db, [e]))[0] ?? null;
}

export type PruneResult = { partitions: string[]; rows: number };

/**
 * Deletes raw bodies received before `before` (RAW_RETENTION_DAYS), and their dedup keys;
 * derived rows stay. Whole months that end by `before` are dropped (one catalog change each,
 * see dropMonthsBefore); the rest — the month `before` falls in, and DEFAULT — is deleted in
 * batches of `batch` rows, each its own statement, skipping rows another pruner holds: never
 * one long transaction, and a redelivered old body (same hash) waits at most one batch.
 */
export async function pruneRawEvents(db: Kysely<Database>, before: Date, batch = 5_000): Promise<PruneResult> {
  const partitions = await dropMonthsBefore(db, 'raw_events', before);
  const rows = await deleteInBatches(db, batch, sql`
      DELETE FROM raw_events WHERE (id, received_at) IN (
        SELECT id, received_at FROM raw_events WHERE received_at < ${before}::timestamptz
         ORDER BY received_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  // Keys after bodies: until its key goes, a redelivery of a pruned body stays a no-op.
  await deleteInBatches(db, batch, sql`
      DELETE FROM raw_event_keys WHERE (source, body_sha256) IN (
        SELECT source, body_sha256 FROM raw_event_keys WHERE received_at < ${before}::timestamptz
         ORDER BY received_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)`);
  return { partitions, rows };
}
