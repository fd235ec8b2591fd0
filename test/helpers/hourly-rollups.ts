import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/index.js';

/** An hourly rollup (migrations/0016, 0017) and the 15-minute rollup its trigger sums. */
export type HourlyPair = { quarters: string; hourly: string; keys: readonly string[] };

export const MESSAGE_HOURLY: HourlyPair = {
  quarters: 'message_rollups', hourly: 'message_rollups_hourly', keys: ['kind', 'phone_number_id', 'error_code', 'error_title', 'pricing_category'],
};
export const BUSY_HOURLY: HourlyPair = { quarters: 'busy_hour_rollups', hourly: 'busy_hour_rollups_hourly', keys: ['kind', 'phone_number_id', 'agent_id'] };

/**
 * Up to 5 keys whose hourly count differs from the 15-minute rollup summed per UTC hour over the
 * hourly table's keys (written here independently of the trigger: date_bin to the hour, a full
 * join that treats nulls as equal). [] when the trigger kept them equal.
 */
export async function hourlyMismatches(db: Kysely<Database>, p: HourlyPair): Promise<unknown[]> {
  const keys = sql.join(p.keys.map((k) => sql.ref(k)));
  const same = sql.join(p.keys.map((k) => sql`h.${sql.ref(k)} IS NOT DISTINCT FROM w.${sql.ref(k)}`), sql` AND `);
  const { rows } = await sql`
    WITH want AS (
      SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour, ${keys}, sum(n) AS n
      FROM ${sql.table(p.quarters)} GROUP BY 1, ${keys}
    )
    SELECT coalesce(w.hour, h.hour) AS hour, coalesce(w.kind, h.kind) AS kind, w.n AS want, h.n AS got
    FROM want w FULL JOIN ${sql.table(p.hourly)} h ON h.hour = w.hour AND ${same}
    WHERE coalesce(w.n, 0) <> coalesce(h.n, 0)
    LIMIT 5`.execute(db);
  return rows;
}

/** Runs `f` in a transaction that is always rolled back (what it wrote is never seen outside). */
export async function rolledBack(db: Kysely<Database>, f: (tx: Kysely<Database>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await f(tx);
    throw new RolledBack();
  }).catch((e: unknown) => {
    if (!(e instanceof RolledBack)) throw e;
  });
}

class RolledBack extends Error {}
