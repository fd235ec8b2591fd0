import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/index.js';

/**
 * Up to 5 keys whose duration_rollups_monthly row (migrations/0021) differs from duration_rollups
 * summed per UTC calendar month (written here independently of the trigger: the month from the
 * day's UTC year and month, a full join that treats a null agent as equal). [] when the triggers
 * kept them equal; rows that net to zero on both sides are equal.
 */
export async function monthlyMismatches(db: Kysely<Database>): Promise<unknown[]> {
  const { rows } = await sql`
    WITH want AS (
      SELECT make_timestamptz(extract(year FROM day AT TIME ZONE 'UTC')::int, extract(month FROM day AT TIME ZONE 'UTC')::int, 1, 0, 0, 0, 'UTC') AS month,
        metric, by_agent, agent_id, bucket, sum(n) AS n, sum(sum_seconds) AS s
      FROM duration_rollups GROUP BY 1, 2, 3, 4, 5
    )
    SELECT coalesce(w.month, m.month) AS month, coalesce(w.metric, m.metric) AS metric, coalesce(w.agent_id, m.agent_id) AS agent_id,
      w.n::text AS want_n, m.n::text AS got_n, w.s::text AS want_s, m.sum_seconds::text AS got_s
    FROM want w FULL JOIN duration_rollups_monthly m
      ON m.month = w.month AND m.metric = w.metric AND m.by_agent = w.by_agent AND m.agent_id IS NOT DISTINCT FROM w.agent_id AND m.bucket = w.bucket
    WHERE coalesce(w.n, 0) <> coalesce(m.n, 0) OR coalesce(w.s, 0) <> coalesce(m.sum_seconds, 0)
    LIMIT 5`.execute(db);
  return rows;
}

/** Rows of duration_rollups_monthly with a count: guards against comparing two empty tables. */
export async function monthlyRows(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM duration_rollups_monthly WHERE n <> 0`.execute(db);
  return Number(rows[0]!.n);
}
