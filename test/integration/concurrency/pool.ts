import { openStore, type Store } from '../../../src/store/index.js';
import type { TestStore } from '../../helpers/databases.js';

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

export { shuffle } from '../../helpers/shuffle.js';

export const HAS_POSTGRES = Boolean(process.env.TEST_DATABASE_URL);
