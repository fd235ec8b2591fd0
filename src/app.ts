import type { Config } from './config.js';
import type { AppContext } from './http/index.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './observability/metrics.js';
import { migrate, openStore, type Store } from './store/index.js';

/**
 * Wires config → logger, store (migrated) and metrics. `main.ts` and the tests both build
 * the application through here, so what is tested is what runs.
 */
export async function buildApp(
  config: Config,
  opts: { log?: Logger; store?: Store; now?: () => Date } = {},
): Promise<AppContext> {
  const log = opts.log ?? createLogger(config.logLevel);
  const store =
    opts.store ??
    openStore(config.database, (err) => log.warn({ err: err.message }, 'database connection lost'));
  const result = await migrate(store);
  if (result.applied.length) log.info({ applied: result.applied }, 'migrations applied');
  return { config, store, log, metrics: createMetrics(), now: opts.now ?? (() => new Date()) };
}
