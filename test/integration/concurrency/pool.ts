import { sql, type Kysely } from 'kysely';
import { deliverToServer } from '../../../src/cli/deliver-traffic.js';
import type { SimulatedDelivery } from '../../../src/simulate/index.js';
import { openStore, type Database, type Store } from '../../../src/store/index.js';
import type { TestStore } from '../../helpers/databases.js';
import { APP_SECRET, INBOX_SECRET } from '../../helpers/fixtures.js';
import { shuffle } from '../../helpers/shuffle.js';

/** Runs `work` over `items` with at most `inFlight` running at once; results in item order. */
export async function inParallel<T, R>(items: readonly T[], inFlight: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
  return out;
}

/**
 * A second, independent store (its own pool) on the same Postgres database as `store`: what a
 * second app instance (replica) sees. Only for real Postgres; close it before dropping `store`.
 */
export function secondStore(store: TestStore): Store {
  if (!store.url) throw new Error('a second app instance needs a Postgres database URL');
  return openStore({ kind: 'postgres', url: store.url, poolSize: 5 });
}

export { shuffle };

export const HAS_POSTGRES = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Every body of `traffic` twice, shuffled (seed `seed`), split between the app instances at
 * `servers` and delivered at 16 requests in flight each, all at once. Returns the HTTP status
 * tally over both (e.g. { 200: 2 × traffic.length }).
 */
export async function deliverTwiceShuffled(urls: readonly string[], traffic: readonly SimulatedDelivery[], seed: number): Promise<Record<string, number>> {
  const shuffled = shuffle(traffic.flatMap((d) => [d, d]), seed);
  const parts = urls.map((_, i) => shuffled.filter((__, k) => k % urls.length === i));
  const tallies = await Promise.all(urls.map((url, i) => deliverToServer(url, parts[i]!, { whatsapp: APP_SECRET, inbox: INBOX_SECRET }, undefined, 16)));
  const statuses: Record<string, number> = {};
  for (const t of tallies) for (const [k, n] of Object.entries(t.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  return statuses;
}

/** Runs `once` on every store at the same time, each until it reports no work left (returns 0). */
export async function drainTogether(stores: readonly Store[], once: (db: Kysely<Database>) => Promise<number>): Promise<void> {
  await Promise.all(stores.map(async (s) => { while ((await once(s.db)) > 0); }));
}

/** Rows left in `table` (a deltas or marks table that should be empty once drained). */
export async function rowsLeft(db: Kysely<Database>, table: string): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);
}
