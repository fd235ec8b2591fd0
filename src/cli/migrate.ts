import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { parseCommandArgs } from './args.js';
import { openMigratedStore } from './open-store.js';

/** `wapulse migrate`: applies pending migrations and exits. */
export async function migrateCommand(config: Config, argv: string[] = []): Promise<void> {
  parseCommandArgs(argv, {});
  const store = await openMigratedStore(config);
  await store.close();
  createLogger(config.logLevel).info('migrations up to date');
}
