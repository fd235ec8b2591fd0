import type { Config } from './config.js';
import type { AppContext } from './http/index.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './observability/metrics.js';
import { SpoolFiles } from './spool/index.js';
import { migrate, openStore, type Store } from './store/index.js';

export type AppOptions = { log?: Logger; store?: Store; now?: () => Date };

/**
 * Wires config → logger, store, spool and metrics, without touching the database: the app
 * starts "not migrated" (webhooks 503 or spool, /readyz 503) until `migrate` has run, which
 * `serve` does in a retry loop so it can start while the database is still down.
 */
export function createApp(config: Config, opts: AppOptions = {}): AppContext {
  const log = opts.log ?? createLogger(config.logLevel);
  const now = opts.now ?? (() => new Date());
  const store =
    opts.store ??
    openStore(config.database, (err) => log.warn({ reason: err.message }, 'database connection lost'));
  const spool = config.spool.maxBytes > 0 ? new SpoolFiles(config.spool.dir, config.spool.maxBytes, now) : undefined;
  return { config, store, log, metrics: createMetrics(), now, state: { migrated: false }, spool };
}

/** Applies pending migrations and marks the app ready for webhooks. */
export async function migrateApp(app: AppContext): Promise<void> {
  const result = await migrate(app.store);
  if (result.applied.length) app.log.info({ applied: result.applied }, 'migrations applied');
  app.state.migrated = true;
}

/**
 * The app, migrated before it returns (tests, `demo`): what is tested is what runs, minus
 * the wait for an unreachable database.
 */
export async function buildApp(config: Config, opts: AppOptions = {}): Promise<AppContext> {
  const app = createApp(config, opts);
  await migrateApp(app);
  return app;
}
