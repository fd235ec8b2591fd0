import { sql, type Kysely } from 'kysely';
import { compactRollup, compactRollupOnce, replaceRollup, type RollupTables } from './rollup-upkeep.js';
import type { Database } from './schema.js';

/**
 * The contact count rollups of migrations/0023 (contacts created and deleted per UTC day and
 * source label). Triggers on contacts append deltas; these functions fold them in and rebuild
 * everything. Same design and guarantees as the other rollups (rollup-upkeep.ts).
 */

export const CONTACT_COUNT_ROLLUPS: RollupTables = {
  rollups: 'contact_count_rollups',
  deltas: 'contact_count_rollup_deltas',
  constraint: 'contact_count_rollups_key',
  key: ['event', 'day', 'source'],
  sums: ['n'],
};

/** Folds up to `batch` deltas into contact_count_rollups (compactRollupOnce). Returns deltas folded. */
export const compactContactCountRollupsOnce = (db: Kysely<Database>, batch?: number) => compactRollupOnce(db, CONTACT_COUNT_ROLLUPS, batch);

/** Compacts until the deltas table is empty (compactRollup). Returns deltas folded. */
export const compactContactCountRollups = (db: Kysely<Database>, batch?: number) => compactRollup(db, CONTACT_COUNT_ROLLUPS, batch);

/** Recomputes the rollups from contacts (replaceRollup: benchmarks, `wapulse reprocess`, tests). */
export async function rebuildContactCountRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((tx) =>
    replaceRollup(tx, CONTACT_COUNT_ROLLUPS, sql`
      SELECT f.event, cycle_count_day(f.at), f.source, count(*)
      FROM contacts ct CROSS JOIN LATERAL contact_count_facts(ct) f
      GROUP BY 1, 2, 3`),
  );
}
