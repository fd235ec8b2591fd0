import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { openMigratedStore } from './open-store.js';

/** `wapulse migrate`: applies pending migrations and exits. */
export async function migrateCommand(config: Config): Promise<void> {
  const store = await openMigratedStore(config);
  await store.close();
  createLogger(config.logLevel).info('migrations up to date');
}
