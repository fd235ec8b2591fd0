import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * The upkeep every write-time rollup shares (migrations 0009, 0012, 0014): statement triggers
 * append signed deltas to `<rollup>_deltas`; reports read rollup + deltas; compaction folds the
 * deltas in; a rebuild replaces everything. Only the table names, the key and the additive
 * columns differ, so they are data here and the SQL — and the reasoning about concurrent
 * writers and compactors below — lives once.
 */
export type RollupTables = {
  rollups: string;
  deltas: string;
  /** the unique constraint on `key` the compaction upserts against */
  constraint: string;
  key: readonly string[];
  /** additive columns (counts, sums): a delta adds, a row whose sums are all zero is dropped */
  sums: readonly string[];
};

const COMPACT_BATCH = 20_000;

const columns = (names: readonly string[]) => sql.join(names.map((c) => sql.ref(c)));

/**
 * Folds up to `batch` deltas into the rollups in ONE statement (DELETE … RETURNING feeding an
 * upsert that adds), so a delta is either still a delta or already in the rollup — a report
 * reading both never counts it twice or not at all. Two replicas may compact at once: a delta
 * row is deleted, and so added, by one of them only (the other skips it once the first commits),
 * and both upsert in key order, so they wait on each other instead of deadlocking. Returns the
 * number of deltas folded.
 */
export async function compactRollupOnce(db: Kysely<Database>, t: RollupTables, batch = COMPACT_BATCH): Promise<number> {
  const key = columns(t.key);
  const rollups = sql.table(t.rollups);
  const deltas = sql.table(t.deltas);
  const summed = sql.join(t.sums.map((c) => sql`sum(${sql.ref(c)}) AS ${sql.ref(c)}`));
  const nonZero = sql.join(t.sums.map((c) => sql`${sql.ref(c)} <> 0`), sql` OR `);
  const add = sql.join(t.sums.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${t.rollups}.${c}`)} + ${sql.ref(`excluded.${c}`)}`));
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (
      DELETE FROM ${deltas}
      WHERE ctid IN (SELECT ctid FROM ${deltas} LIMIT ${batch})
      RETURNING ${key}, ${columns(t.sums)}
    ), summed AS (
      SELECT ${key}, ${summed}, count(*) AS cnt FROM moved GROUP BY ${key}
    ), upserted AS (
      INSERT INTO ${rollups} (${key}, ${columns(t.sums)})
      SELECT ${key}, ${columns(t.sums)} FROM summed WHERE ${nonZero}
      ORDER BY ${key}
      ON CONFLICT ON CONSTRAINT ${sql.ref(t.constraint)} DO UPDATE SET ${add}
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(cnt) FROM summed), 0)::int AS moved, (SELECT count(*) FROM upserted)::int AS upserted`.execute(db);
  return Number(rows[0]?.moved ?? 0);
}

/** Compacts until the deltas table is empty (or a batch comes back short). Returns deltas folded. */
export async function compactRollup(db: Kysely<Database>, t: RollupTables, batch = COMPACT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await compactRollupOnce(db, t, batch);
    total += moved;
    if (moved < batch) return total;
  }
}

/**
 * Replaces the rollups with what `select` yields (key columns, then sums, in that order) — bulk:
 * benchmarks, `wapulse reprocess`, the reference in tests — inside the caller's transaction. The
 * deltas table is locked EXCLUSIVE meanwhile: writers that already appended deltas are waited
 * for (their rows are then in the snapshot `select` reads), later writers wait and append their
 * deltas after the rebuild — nothing is counted twice or lost.
 */
export async function replaceRollup(tx: Kysely<Database>, t: RollupTables, select: RawBuilder<unknown>): Promise<void> {
  await sql`LOCK TABLE ${sql.table(t.deltas)} IN EXCLUSIVE MODE`.execute(tx);
  await sql`DELETE FROM ${sql.table(t.deltas)}`.execute(tx);
  await sql`DELETE FROM ${sql.table(t.rollups)}`.execute(tx);
  await sql`INSERT INTO ${sql.table(t.rollups)} (${columns(t.key)}, ${columns(t.sums)}) ${select}`.execute(tx);
}
