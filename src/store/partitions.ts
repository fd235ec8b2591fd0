import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * Monthly range partitions of raw_events (by received_at) and message_statuses (by ts), as
 * migration 0007 sets them up: one table per UTC calendar month, named <table>_yYYYYmMM and
 * holding [first instant of the month, first instant of the next), plus <table>_default for
 * rows outside every month.
 */
export const PARTITIONED_TABLES = ['raw_events', 'message_statuses'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export type MonthPartition = { name: string; from: Date; to: Date };

// The same key wapulse_create_month_partition takes: creating and dropping never interleave.
const PARTITION_LOCK_KEY = 0x77617070; // "wapp"

// Dropping a month locks its parent ACCESS EXCLUSIVE for a moment, and attaching one locks
// DEFAULT so; waiting longer than this behind a long reader would stall every webhook queued
// behind the lock. Give up instead and try again on the next run.
const LOCK_TIMEOUT = '1s';

/** The first instant (UTC) of the month `k` months after the one holding `at`. */
export function monthStart(at: Date, k = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + k, 1));
}

/**
 * Makes sure `table` has partitions for the month of `now` and the `ahead` months after it;
 * returns the names it created (none when they all exist). Rows of a new month that already
 * sit in DEFAULT are moved into it. Safe to run from several replicas at once: they take
 * turns on an advisory lock and the later ones find the months there.
 */
export async function createMonthsAhead(db: Kysely<Database>, table: PartitionedTable, now: Date, ahead = 2): Promise<string[]> {
  const created: string[] = [];
  for (let k = 0; k <= ahead; k++) {
    const month = monthStart(now, k);
    const made = await inTransaction(db, async (tx) => {
      await sql`SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(tx);
      const r = await sql<{ created: boolean }>`SELECT wapulse_create_month_partition(${table}, ${month}::timestamptz) AS created`.execute(tx);
      return r.rows[0]?.created === true;
    });
    if (made) created.push(partitionName(table, month));
  }
  return created;
}

/** `table`'s month partitions, oldest first (DEFAULT is not a month and is not listed). */
export async function monthPartitions(db: Kysely<Database>, table: PartitionedTable): Promise<MonthPartition[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = ${table}::regclass`.execute(db);
  const pattern = new RegExp(`^${table}_y(\\d{4})m(\\d{2})$`);
  return r.rows
    .flatMap(({ name }) => {
      const m = pattern.exec(name);
      if (!m) return [];
      const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
      return [{ name, from, to: monthStart(from, 1) }];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Drops `table`'s months that end at or before `before` (every row in them is older), each in
 * a short transaction of its own; returns the names dropped. Rows older than `before` in the
 * month it falls in are left to the caller's batched delete. A second replica dropping at the
 * same time waits on the advisory lock, then finds the table gone and skips it (not listing it).
 */
export async function dropMonthsBefore(db: Kysely<Database>, table: PartitionedTable, before: Date): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await monthPartitions(db, table)) {
    if (p.to.getTime() > before.getTime()) break;
    const gone = await inTransaction(db, async (tx) => {
      await sql`SELECT set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(tx);
      await sql`SELECT pg_advisory_xact_lock(${PARTITION_LOCK_KEY})`.execute(tx);
      const r = await sql<{ there: boolean }>`SELECT to_regclass(${p.name}) IS NOT NULL AS there`.execute(tx);
      if (!r.rows[0]?.there) return false; // the other replica dropped it while we waited
      await sql`DROP TABLE ${sql.table(p.name)}`.execute(tx);
      return true;
    });
    if (gone) dropped.push(p.name);
  }
  return dropped;
}

/**
 * Runs a `DELETE … LIMIT batch … SKIP LOCKED` statement until it deletes fewer than `batch`
 * rows; returns how many it deleted. Each run is its own short statement (and transaction,
 * outside one), so no lock is held for long.
 */
export async function deleteInBatches(db: Kysely<Database>, batch: number, statement: RawBuilder<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await statement.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < batch) return total;
  }
}

// The caller's transaction when it has one, else a short one of its own.
function inTransaction<T>(db: Kysely<Database>, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function partitionName(table: PartitionedTable, month: Date): string {
  return `${table}_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}
