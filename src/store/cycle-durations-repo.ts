import type { Kysely } from 'kysely';
import { sql, type RawBuilder } from 'kysely';
import { chunks } from './chunks.js';
import { retryConflicts } from './db-errors.js';
import type { Database } from './schema.js';

/**
 * cycle_durations: every first-response, response and resolution value of each conversation
 * cycle, kept current at write time so reports aggregate it instead of re-deriving from
 * messages. The rules live in one place, the SQL function wapulse_cycle_durations (migration
 * 0008, with why unwindowed values equal the per-window ones); this file only says when to
 * apply them. A deleted cycle takes its rows along (ON DELETE CASCADE).
 *
 * Callers refresh at the same points, and under the same per-key locks, as first agent replies
 * (refreshFirstReplies): settle (pair locks), inbox rebuild and message.sent (conversation and
 * pair locks), auto-close (pair locks). Two writers of one cycle can still meet (an inbox
 * cycle refreshed by settle under its pair lock and by message.sent under its conversation lock;
 * a bulk rebuild beside live ingest): each one's DELETE cannot see rows the other inserts after
 * it, so the INSERTs say what wins on the key instead of failing. A refresh, computed after
 * the change it follows, overwrites; a rebuild, a background sweep, leaves what a refresh wrote.
 */

export type CycleRefreshScope = { conversationIds?: readonly number[]; contactIds?: readonly number[]; refs?: readonly string[] };

/** Recomputes the values of the cycles in `scope` (by id, by contact, or by inbox conversation id). */
export async function refreshCycleDurations(db: Kysely<Database>, scope: CycleRefreshScope): Promise<void> {
  // one statement pair per thousand keys, like refreshFirstReplies
  const conditions = [
    ...chunks(scope.conversationIds ?? []).map((part) => sql`c.id IN (${sql.join(part)})`),
    ...chunks(scope.contactIds ?? []).map((part) => sql`c.contact_id IN (${sql.join(part)})`),
    ...chunks(scope.refs ?? []).map((part) => sql`c.external_id IN (${sql.join(part)})`),
  ];
  for (const condition of conditions) await refreshWhere(db, condition);
}

async function refreshWhere(db: Kysely<Database>, condition: RawBuilder<unknown>): Promise<void> {
  // the ids once, in id order, so both statements agree and row locks come in a fixed order
  const { rows } = await sql<{ id: number }>`SELECT c.id FROM conversations c WHERE ${condition} ORDER BY c.id`.execute(db);
  if (rows.length === 0) return;
  const ids = sql`${rows.map((r) => Number(r.id))}::bigint[]`;
  await sql`DELETE FROM cycle_durations WHERE cycle_id = ANY (${ids})`.execute(db);
  await sql`INSERT INTO cycle_durations SELECT * FROM wapulse_cycle_durations(${ids})
    ON CONFLICT (cycle_id, metric, seq) DO UPDATE
      SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, agent_id = EXCLUDED.agent_id, seconds = EXCLUDED.seconds`.execute(db);
}

export type RebuildProgress = (done: number, total: number) => void;

/**
 * Recomputes every cycle's values from scratch, `slice` cycle ids per transaction (resumable:
 * each slice is replaced whole, so re-running after an interruption is safe). For the bulk
 * paths: `wapulse reprocess`, benchmarks, and checking the incremental upkeep in tests. Beside
 * live ingest, or a second rebuild, a value another writer stored first is kept (see above).
 */
export async function rebuildCycleDurations(db: Kysely<Database>, opts: { slice?: number; onProgress?: RebuildProgress } = {}): Promise<number> {
  const slice = opts.slice ?? 10_000;
  const bounds = await sql<{ lo: number | null; hi: number | null }>`SELECT min(id)::float8 AS lo, max(id)::float8 AS hi FROM conversations`.execute(db);
  const lo = Number(bounds.rows[0]?.lo ?? 0);
  const hi = Number(bounds.rows[0]?.hi ?? -1);
  // rows of cycles that no longer exist are gone by the cascade; what is left is replaced slice by slice
  let written = 0;
  for (let start = lo; start <= hi; start += slice) {
    const end = start + slice;
    // beside live ingest, a slice's DELETE and a settle's refresh of the same cycles can each
    // hold rows the other wants: Postgres aborts one, and the slice, replaced whole, runs again
    const r = await retryConflicts(() => db.transaction().execute(async (tx) => {
      await sql`DELETE FROM cycle_durations WHERE cycle_id >= ${start} AND cycle_id < ${end}`.execute(tx);
      return sql`INSERT INTO cycle_durations SELECT * FROM wapulse_cycle_durations(
        ARRAY(SELECT id FROM conversations WHERE id >= ${start} AND id < ${end}))
        ON CONFLICT (cycle_id, metric, seq) DO NOTHING`.execute(tx);
    }));
    written += Number(r.numAffectedRows ?? 0);
    opts.onProgress?.(Math.min(end, hi + 1) - lo, hi + 1 - lo);
  }
  return written;
}
