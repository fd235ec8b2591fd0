import type { Config } from '../config.js';
import { maintainPartitionsJob } from '../jobs/maintain-partitions.js';
import { createLogger } from '../log.js';
import { parseCommandArgs } from './args.js';
import { openMigratedStore } from './open-store.js';

/** `wapulse migrate`: applies pending migrations and exits. */
export async function migrateCommand(config: Config, argv: string[] = []): Promise<void> {
  parseCommandArgs(argv, {});
  const store = await openMigratedStore(config);
  const log = createLogger(config.logLevel);
  // A database migrated now takes traffic into real monthly partitions at once.
  await maintainPartitionsJob(store, new Date(), log);
  await store.close();
  log.info('migrations up to date');
}
