import { sql, type Kysely } from 'kysely';
import { compactRollup, compactRollupOnce, replaceRollup, type RollupTables } from './rollup-upkeep.js';
import type { Database } from './schema.js';

/**
 * The busy-hours count rollups of migrations/0014 (agent replies, cycles opened and closed per
 * 15-minute bucket, channel and agent). Triggers on `messages` and `conversations` append
 * deltas; these functions fold them in and rebuild everything — the same design, and the same
 * reasoning about concurrent writers and compactors, as the other rollups (rollup-upkeep.ts).
 */

export const BUSY_HOUR_ROLLUPS: RollupTables = {
  rollups: 'busy_hour_rollups',
  deltas: 'busy_hour_rollup_deltas',
  constraint: 'busy_hour_rollups_key',
  key: ['bucket', 'kind', 'phone_number_id', 'agent_id'],
  sums: ['n'],
};

/** Folds up to `batch` deltas into busy_hour_rollups (compactRollupOnce). Returns deltas folded. */
export const compactBusyHourRollupsOnce = (db: Kysely<Database>, batch?: number) => compactRollupOnce(db, BUSY_HOUR_ROLLUPS, batch);

/** Compacts until the deltas table is empty (compactRollup). Returns deltas folded. */
export const compactBusyHourRollups = (db: Kysely<Database>, batch?: number) => compactRollup(db, BUSY_HOUR_ROLLUPS, batch);

/** Recomputes the rollups from scratch (replaceRollup: benchmarks, `wapulse reprocess`, tests). */
export async function rebuildBusyHourRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((tx) =>
    replaceRollup(tx, BUSY_HOUR_ROLLUPS, sql`
      SELECT message_rollup_bucket(x.at), x.kind, x.phone_number_id, x.agent_id, count(*)
      FROM (
        SELECT f.* FROM messages m CROSS JOIN LATERAL busy_hour_message_facts(m) f
        UNION ALL
        SELECT f.* FROM conversations c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
      ) x
      GROUP BY 1, 2, 3, 4`),
  );
}
