import { sql, type Kysely } from 'kysely';
import { compactRollup, compactRollupOnce, replaceRollup, type RollupTables } from './rollup-upkeep.js';
import type { Database } from './schema.js';

/**
 * The duration rollups of migrations/0012 (per UTC day, metric, bucket, and agent or all
 * agents). Triggers on cycle_durations append deltas; these functions fold them in and rebuild
 * everything. Same design and guarantees as the other rollups (rollup-upkeep.ts).
 */

export const DURATION_ROLLUPS: RollupTables = {
  rollups: 'duration_rollups',
  deltas: 'duration_rollup_deltas',
  constraint: 'duration_rollups_key',
  key: ['day', 'metric', 'by_agent', 'agent_id', 'bucket'],
  sums: ['n', 'sum_seconds'],
};

/** Folds up to `batch` deltas into duration_rollups (compactRollupOnce). Returns deltas folded. */
export const compactDurationRollupsOnce = (db: Kysely<Database>, batch?: number) => compactRollupOnce(db, DURATION_ROLLUPS, batch);

/** Compacts until the deltas table is empty (compactRollup). Returns deltas folded. */
export const compactDurationRollups = (db: Kysely<Database>, batch?: number) => compactRollup(db, DURATION_ROLLUPS, batch);

/** Recomputes the rollups from cycle_durations (replaceRollup: benchmarks, `wapulse reprocess`, tests). */
export async function rebuildDurationRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((tx) =>
    replaceRollup(tx, DURATION_ROLLUPS, sql`
      SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, count(*), sum(r.seconds::numeric)
      FROM cycle_durations r CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
      GROUP BY 1, 2, 3, 4, 5`),
  );
}
