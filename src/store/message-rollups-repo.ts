import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DirtyPair } from './derived-cycles-repo.js';
import { compactRollup, compactRollupOnce, replaceRollup, type RollupTables } from './rollup-upkeep.js';
import type { Database } from './schema.js';

/**
 * The message count rollups of migrations/0009. Triggers on `messages` append deltas; these
 * functions fold them in, rebuild everything, and repair `inside_window` for settled pairs.
 */

export const MESSAGE_ROLLUPS: RollupTables = {
  rollups: 'message_rollups',
  deltas: 'message_rollup_deltas',
  constraint: 'message_rollups_key',
  key: ['bucket', 'kind', 'phone_number_id', 'agent_id', 'error_code', 'error_title', 'pricing_category'],
  sums: ['n'],
};

/** Folds up to `batch` deltas into message_rollups (compactRollupOnce). Returns deltas folded. */
export const compactMessageRollupsOnce = (db: Kysely<Database>, batch?: number) => compactRollupOnce(db, MESSAGE_ROLLUPS, batch);

/** Compacts until the deltas table is empty (compactRollup). Returns deltas folded. */
export const compactMessageRollups = (db: Kysely<Database>, batch?: number) => compactRollup(db, MESSAGE_ROLLUPS, batch);

/**
 * Recomputes every outbound inside_window, then the rollups from scratch (replaceRollup: bulk,
 * for benchmarks, `wapulse reprocess`, and as the reference in tests).
 */
export async function rebuildMessageRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`
      UPDATE messages m SET inside_window = x.inside
      FROM (SELECT o.wamid, (o.counted_at IS NOT NULL AND ${insideExists(sql`o`)}) AS inside
            FROM messages o WHERE o.direction = 'outbound' AND o.origin <> 'history') x
      WHERE m.wamid = x.wamid AND m.inside_window IS DISTINCT FROM x.inside`.execute(tx);
    await replaceRollup(tx, MESSAGE_ROLLUPS, sql`
      SELECT message_rollup_bucket(c.at), c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, count(*)
      FROM messages m CROSS JOIN LATERAL message_contributions(m) c
      GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  });
}

/**
 * Settle step: recomputes inside_window of the outbound messages of these contact × channel
 * pairs sent at or after the pair's `since` (any inbound that changed there can only affect
 * those). The triggers already keep the flag on every write; this repairs the one case they
 * cannot see — an inbound and an outbound of one pair written by two transactions at once, each
 * blind to the other's uncommitted row. Writes only rows whose flag changes (the rollup trigger
 * then moves the count).
 */
export async function refreshInsideWindow(db: Kysely<Database>, pairs: readonly DirtyPair[]): Promise<void> {
  if (pairs.length === 0) return;
  const values = sql.join(pairs.map((p) => sql`(${p.contact_id}::bigint, ${p.phone_number_id}::text, ${p.since}::timestamptz)`));
  await sql`
    UPDATE messages m SET inside_window = x.inside
    FROM (
      SELECT o.wamid, (o.counted_at IS NOT NULL AND ${insideExists(sql`o`)}) AS inside
      FROM (VALUES ${values}) AS p(contact_id, phone_number_id, since)
      JOIN messages o ON o.contact_id = p.contact_id AND o.phone_number_id = p.phone_number_id AND o.counted_at >= p.since
      WHERE o.direction = 'outbound' AND o.origin <> 'history'
    ) x
    WHERE m.wamid = x.wamid AND m.inside_window IS DISTINCT FROM x.inside`.execute(db);
}

/** The contact wrote on the channel in (t − 24h, t], t = counted_at of the row aliased `o` (as in 0009). */
function insideExists(o: RawBuilder<unknown>) {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM messages i
    WHERE i.contact_id = ${o}.contact_id AND i.phone_number_id = ${o}.phone_number_id
      AND i.counted_at > ${o}.counted_at - interval '24 hours' AND i.counted_at <= ${o}.counted_at
      AND i.direction = 'inbound' AND i.origin <> 'history' AND coalesce(i.type, '') <> 'system')`;
}
