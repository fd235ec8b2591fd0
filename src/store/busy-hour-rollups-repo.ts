import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The busy-hours count rollups of migrations/0014 (agent replies, cycles opened and closed per
 * 15-minute bucket, channel and agent). Triggers on `messages` and `conversations` append
 * deltas; these functions fold them in and rebuild everything — the same design, and the same
 * reasoning about concurrent writers and compactors, as message-rollups-repo.ts.
 */

const COMPACT_BATCH = 20_000;
const KEY = sql.raw('bucket, kind, phone_number_id, agent_id');

/**
 * Folds up to `batch` deltas into busy_hour_rollups in ONE statement (DELETE … RETURNING feeding
 * an adding upsert), so a report reading both tables sees every delta exactly once. Two
 * compactors: a delta is deleted, and so added, by one of them only; both upsert in key order,
 * so they wait on each other instead of deadlocking. Returns the number of deltas folded.
 */
export async function compactBusyHourRollupsOnce(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (
      DELETE FROM busy_hour_rollup_deltas
      WHERE ctid IN (SELECT ctid FROM busy_hour_rollup_deltas LIMIT ${batch})
      RETURNING ${KEY}, n
    ), summed AS (
      SELECT ${KEY}, sum(n) AS n, count(*) AS cnt FROM moved GROUP BY ${KEY}
    ), upserted AS (
      INSERT INTO busy_hour_rollups (${KEY}, n)
      SELECT ${KEY}, n FROM summed WHERE n <> 0
      ORDER BY ${KEY}
      ON CONFLICT ON CONSTRAINT busy_hour_rollups_key DO UPDATE SET n = busy_hour_rollups.n + excluded.n
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(cnt) FROM summed), 0)::int AS moved, (SELECT count(*) FROM upserted)::int AS upserted`.execute(db);
  return Number(rows[0]?.moved ?? 0);
}

/** Compacts until the deltas table is empty (or a batch comes back short). Returns deltas folded. */
export async function compactBusyHourRollups(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await compactBusyHourRollupsOnce(db, batch);
    total += moved;
    if (moved < batch) return total;
  }
}

/**
 * Recomputes the rollups from scratch (bulk: benchmarks, `wapulse reprocess`, tests). The
 * deltas table is locked EXCLUSIVE while the rollups are replaced: writers that already appended
 * deltas are waited for (their rows are then in the snapshot the rebuild reads), later writers
 * wait and append after it — nothing is counted twice or lost.
 */
export async function rebuildBusyHourRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE busy_hour_rollup_deltas IN EXCLUSIVE MODE`.execute(tx);
    await sql`DELETE FROM busy_hour_rollup_deltas`.execute(tx);
    await sql`DELETE FROM busy_hour_rollups`.execute(tx);
    await sql`
      INSERT INTO busy_hour_rollups (${KEY}, n)
      SELECT message_rollup_bucket(x.at), x.kind, x.phone_number_id, x.agent_id, count(*)
      FROM (
        SELECT f.* FROM messages m CROSS JOIN LATERAL busy_hour_message_facts(m) f
        UNION ALL
        SELECT f.* FROM conversations c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
      ) x
      GROUP BY 1, 2, 3, 4`.execute(tx);
  });
}
