import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, RawSource, ReprocessRunsTable } from './schema.js';

export type ReprocessRun = Selectable<ReprocessRunsTable>;

/** A position in raw_events, in the order reprocess applies bodies: (received_at, id). */
export type RawPosition = { receivedAt: Date; id: number };

/** The run not yet finished nor abandoned, if any (there is at most one: migrations/0011). */
export async function openReprocessRun(db: Kysely<Database>): Promise<ReprocessRun | undefined> {
  return db.selectFrom('reprocess_runs').selectAll().where('finished_at', 'is', null).where('abandoned_at', 'is', null).executeTakeFirst();
}

/** The newest stored body and how many there are: the end a new run covers. */
export async function rawEventsEnd(db: Kysely<Database>): Promise<{ end: RawPosition | null; total: number }> {
  const last = await db.selectFrom('raw_events').select(['received_at', 'id']).orderBy('received_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const { n } = await db.selectFrom('raw_events').select(sql<number>`count(*)::int8`.as('n')).executeTakeFirstOrThrow();
  return { end: last ? { receivedAt: last.received_at, id: last.id } : null, total: Number(n) };
}

export async function insertReprocessRun(
  db: Kysely<Database>,
  run: { mode: 'apply' | 'rebuild'; batchSize: number; startedAt: Date; end: RawPosition | null; total: number },
): Promise<ReprocessRun> {
  return db
    .insertInto('reprocess_runs')
    .values({
      mode: run.mode,
      batch_size: run.batchSize,
      started_at: run.startedAt,
      end_received_at: run.end?.receivedAt ?? null,
      end_id: run.end?.id ?? null,
      total: run.total,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Locks the run's row for this transaction: two processes resuming one run take turns. */
export async function lockReprocessRun(tx: Kysely<Database>, id: number): Promise<ReprocessRun> {
  return tx.selectFrom('reprocess_runs').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/**
 * Fresh statistics for raw_events before a run walks it. With stale ones (a bulk load that
 * autovacuum has not analysed yet) the planner expects a handful of rows past the cursor and
 * sorts all of them for every batch: 30 ms per batch on 10k bodies, quadratic in the table,
 * against 0.7 ms as an index scan with an incremental sort once analysed (EXPLAIN, local
 * Postgres). Sample-based and it does not block writers.
 */
export async function analyzeRawEvents(db: Kysely<Database>): Promise<void> {
  await sql`ANALYZE raw_events`.execute(db);
}

export type StoredRawBody = { id: number; source: RawSource; received_at: Date; body: Uint8Array };

/**
 * The next `limit` bodies after `after` (exclusive) up to `end` (inclusive), in (received_at,
 * id) order. The plain bound on received_at lets the index (and, partitioned, partition
 * pruning) skip what is done; the row comparison settles ties within one instant.
 */
export async function rawBodiesAfter(tx: Kysely<Database>, after: RawPosition | null, end: RawPosition, limit: number): Promise<StoredRawBody[]> {
  let q = tx
    .selectFrom('raw_events')
    .select(['id', 'source', 'received_at', 'body'])
    .where('received_at', '<=', end.receivedAt)
    .where(sql<boolean>`(received_at, id) <= (${end.receivedAt}::timestamptz, ${end.id}::int8)`);
  if (after) {
    q = q.where('received_at', '>=', after.receivedAt).where(sql<boolean>`(received_at, id) > (${after.receivedAt}::timestamptz, ${after.id}::int8)`);
  }
  return q.orderBy('received_at').orderBy('id').limit(limit).execute();
}

/** `failures`: all bodies that failed in the batch; `keep`: those of them to list (the run lists the first 100). */
export type RunProgress = { cursor: RawPosition; applied: number; unreadable: number; failures: { rawEventId: number; reason: string }[]; keep: number };

/** Moves the cursor past a batch; call in the batch's own transaction, so both commit or neither. */
export async function advanceReprocessRun(tx: Kysely<Database>, id: number, p: RunProgress): Promise<void> {
  const count = p.applied + p.unreadable + p.failures.length;
  await sql`
    UPDATE reprocess_runs
       SET cursor_received_at = ${p.cursor.receivedAt}::timestamptz,
           cursor_id = ${p.cursor.id}::int8,
           done = done + ${count}::int8,
           unreadable = unreadable + ${p.unreadable}::int8,
           failed = failed + ${p.failures.length}::int8,
           failures = failures || ${JSON.stringify(p.failures.slice(0, Math.max(0, p.keep)))}::jsonb
     WHERE id = ${id}::int8`.execute(tx);
}

export async function markReprocessRun(db: Kysely<Database>, id: number, what: 'replayed_at' | 'finished_at' | 'abandoned_at', at: Date): Promise<void> {
  await db.updateTable('reprocess_runs').set({ [what]: at }).where('id', '=', id).execute();
}
