import { sql, type Kysely } from 'kysely';
import { compactRollup, compactRollupOnce, replaceRollup, type RollupTables } from './rollup-upkeep.js';
import type { Database } from './schema.js';

/**
 * The conversation count rollups of migrations/0018 (per UTC day and cycle_count_facts' event
 * and keys; 0020 added the agent a close counts for). Triggers on conversations append deltas; these functions fold them in and rebuild
 * everything. Same design and guarantees as the other rollups (rollup-upkeep.ts).
 */

export const CYCLE_COUNT_ROLLUPS: RollupTables = {
  rollups: 'cycle_count_rollups',
  deltas: 'cycle_count_rollup_deltas',
  constraint: 'cycle_count_rollups_key',
  key: ['event', 'day', 'opened_by', 'closed_by', 'category', 'unanswered', 'agent_id'],
  sums: ['n'],
};

/** Folds up to `batch` deltas into cycle_count_rollups (compactRollupOnce). Returns deltas folded. */
export const compactCycleCountRollupsOnce = (db: Kysely<Database>, batch?: number) => compactRollupOnce(db, CYCLE_COUNT_ROLLUPS, batch);

/** Compacts until the deltas table is empty (compactRollup). Returns deltas folded. */
export const compactCycleCountRollups = (db: Kysely<Database>, batch?: number) => compactRollup(db, CYCLE_COUNT_ROLLUPS, batch);

/** Recomputes the rollups from conversations (replaceRollup: benchmarks, `wapulse reprocess`, tests). */
export async function rebuildCycleCountRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((tx) =>
    replaceRollup(tx, CYCLE_COUNT_ROLLUPS, sql`
      SELECT f.event, cycle_count_day(f.at), f.opened_by, f.closed_by, f.category, f.unanswered, f.agent_id, count(*)
      FROM conversations c CROSS JOIN LATERAL cycle_count_facts(c) f
      GROUP BY 1, 2, 3, 4, 5, 6, 7`),
  );
}
