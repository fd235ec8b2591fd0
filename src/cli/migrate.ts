import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { migrate, openStore } from '../store/index.js';

/** `wapulse migrate`: applies pending migrations and exits. */
export async function migrateCommand(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const store = openStore(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url }
      : { kind: 'pglite', dataDir: config.database.dataDir },
  );
  try {
    const r = await migrate(store);
    log.info({ applied: r.applied, alreadyApplied: r.alreadyApplied }, 'migrations up to date');
  } finally {
    await store.close();
  }
}
