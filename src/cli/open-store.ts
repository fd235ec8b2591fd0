import type { Config } from '../config.js';
import { migrate, openStore, type Store } from '../store/index.js';
import { withDatabaseFaults } from './database-fault.js';

/** The configured store (Postgres or PGlite), migrated; connection and login failures as one-line faults. */
export async function openMigratedStore(config: Config): Promise<Store> {
  const store = openStore(config.database);
  try {
    await withDatabaseFaults(config.database, () => migrate(store));
    return store;
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}
