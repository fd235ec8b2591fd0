import type { Config } from '../config.js';
import { migrate, openStore, type Store } from '../store/index.js';

/** The configured store (Postgres or PGlite), migrated. */
export async function openMigratedStore(config: Config): Promise<Store> {
  const store = openStore(config.database);
  await migrate(store);
  return store;
}
