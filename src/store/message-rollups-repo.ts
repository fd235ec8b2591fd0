import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DirtyPair } from './derived-cycles-repo.js';
import type { Database } from './schema.js';

/**
 * The message count rollups of migrations/0009. Triggers on `messages` append deltas; these
 * functions fold them in, rebuild everything, and repair `inside_window` for settled pairs.
 */

const COMPACT_BATCH = 20_000;
const KEY = sql.raw('bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category');

/**
 * Folds up to `batch` deltas into message_rollups in ONE statement (DELETE … RETURNING feeding an
 * upsert that adds), so a delta is either still a delta or already in the rollup — a report reading
 * both never counts it twice or not at all. Two replicas may compact at once: a delta row is
 * deleted, and so added, by one of them only (the other skips it once the first commits), and
 * both upsert in key order, so they wait on each other instead of deadlocking. Returns the number
 * of deltas folded.
 */
export async function compactMessageRollupsOnce(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (
      DELETE FROM message_rollup_deltas
      WHERE ctid IN (SELECT ctid FROM message_rollup_deltas LIMIT ${batch})
      RETURNING ${KEY}, n
    ), summed AS (
      SELECT ${KEY}, sum(n) AS n, count(*) AS cnt FROM moved GROUP BY ${KEY}
    ), upserted AS (
      INSERT INTO message_rollups (${KEY}, n)
      SELECT ${KEY}, n FROM summed WHERE n <> 0
      ORDER BY ${KEY}
      ON CONFLICT ON CONSTRAINT message_rollups_key DO UPDATE SET n = message_rollups.n + excluded.n
      RETURNING 1
    )
    SELECT coalesce((SELECT sum(cnt) FROM summed), 0)::int AS moved, (SELECT count(*) FROM upserted)::int AS upserted`.execute(db);
  return Number(rows[0]?.moved ?? 0);
}

/** Compacts until the deltas table is empty (or a batch comes back short). Returns deltas folded. */
export async function compactMessageRollups(db: Kysely<Database>, batch = COMPACT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await compactMessageRollupsOnce(db, batch);
    total += moved;
    if (moved < batch) return total;
  }
}

/**
 * Recomputes every outbound inside_window, then the rollups from scratch (bulk: for benchmarks,
 * `wapulse reprocess`, and as the reference in tests). The deltas table is locked EXCLUSIVE
 * while the rollups are replaced: writers that already appended deltas are waited for (their
 * rows are then in the snapshot the rebuild reads), later writers wait for the rebuild and
 * append their deltas after it — nothing is counted twice or lost.
 */
export async function rebuildMessageRollups(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`
      UPDATE messages m SET inside_window = x.inside
      FROM (SELECT o.wamid, (o.counted_at IS NOT NULL AND ${insideExists(sql`o`)}) AS inside
            FROM messages o WHERE o.direction = 'outbound' AND o.origin <> 'history') x
      WHERE m.wamid = x.wamid AND m.inside_window IS DISTINCT FROM x.inside`.execute(tx);
    await sql`LOCK TABLE message_rollup_deltas IN EXCLUSIVE MODE`.execute(tx);
    await sql`DELETE FROM message_rollup_deltas`.execute(tx);
    await sql`DELETE FROM message_rollups`.execute(tx);
    await sql`
      INSERT INTO message_rollups (${KEY}, n)
      SELECT message_rollup_bucket(c.at), c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, count(*)
      FROM messages m CROSS JOIN LATERAL message_contributions(m) c
      GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(tx);
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
