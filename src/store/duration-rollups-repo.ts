import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The duration rollups of migrations/0012 (per UTC day, metric, bucket, and agent or all
 * agents). Triggers on cycle_durations append deltas; these functions fold them in and rebuild
 * everything. Same design and guarantees as message-rollups-repo.ts.
 */

const COMPACT_BATCH = 20_000;
const KEY = sql.raw('day, metric, by_agent, agent_id, bucket');

/**
 * Folds up to `batch` deltas into duration_rollups in ONE statement (DELETE … RETURNING feeding
 * an upsert that adds), so a report reading rollups + deltas sees each delta exactly once. Two
 * replicas compacting at once: each delta row is taken by one of them, and both upsert in key
 * order (no deadlock). Returns the number of deltas folded.
 */
export async function compactDurationRollupsOnce(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (
      DELETE FROM duration_rollup_deltas
      WHERE ctid IN (SELECT ctid FROM duration_rollup_deltas LIMIT ${batch})
      RETURNING ${KEY}, n, sum_seconds
    ), summed AS (
      SELECT ${KEY}, sum(n) AS n, sum(sum_seconds) AS sum_seconds, count(*) AS cnt FROM moved GROUP BY ${KEY}
    ), upserted AS (
      INSERT INTO duration_rollups (${KEY}, n, sum_seconds)
      SELECT ${KEY}, n, sum_seconds FROM summed WHERE n <> 0 OR sum_seconds <> 0
      ORDER BY ${KEY}
      ON CONFLICT ON CONSTRAINT duration_rollups_key DO UPDATE
        SET n = duration_rollups.n + excluded.n, sum_seconds = duration_rollups.sum_seconds + excluded.sum_seconds
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(cnt) FROM summed), 0)::int AS moved, (SELECT count(*) FROM upserted)::int AS upserted`.execute(db);
  return Number(rows[0]?.moved ?? 0);
}

/** Compacts until the deltas table is empty (or a batch comes back short). Returns deltas folded. */
export async function compactDurationRollups(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await compactDurationRollupsOnce(db, batch);
    total += moved;
    if (moved < batch) return total;
  }
}

/**
 * Recomputes the rollups from cycle_durations (bulk: benchmarks, `wapulse reprocess`, and the
 * reference in tests). The deltas table is locked EXCLUSIVE meanwhile: writers that already
 * appended deltas are waited for (their rows are then in the snapshot read here), later ones
 * append after the rebuild — nothing counted twice or lost.
 */
export async function rebuildDurationRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE duration_rollup_deltas IN EXCLUSIVE MODE`.execute(tx);
    await sql`DELETE FROM duration_rollup_deltas`.execute(tx);
    await sql`DELETE FROM duration_rollups`.execute(tx);
    await sql`
      INSERT INTO duration_rollups (${KEY}, n, sum_seconds)
      SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, count(*), sum(r.seconds::numeric)
      FROM cycle_durations r CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
      GROUP BY 1, 2, 3, 4, 5`.execute(tx);
  });
}
