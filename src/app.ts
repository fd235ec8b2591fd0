import type { Config } from './config.js';
import type { AppContext } from './http/index.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './observability/metrics.js';
import { createSlackApp, type SlackApp, type SlackAppDeps } from './slack/index.js';
import { createSlackHealth } from './slack/web/index.js';
import { SpoolFiles } from './spool/index.js';
import { migrate, openStore, type Store } from './store/index.js';

export type AppOptions = { log?: Logger; store?: Store; reports?: Store; now?: () => Date };

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
  // A second pool for report reads on the read replica (REPORTS_DATABASE_URL); never migrated
  // here: a streaming replica follows the primary's schema.
  const reports =
    opts.reports ??
    (config.reportsDatabase
      ? openStore(config.reportsDatabase, (err) => log.warn({ reason: err.message }, 'reports database connection lost'))
      : undefined);
  const spool = config.spool.maxBytes > 0 ? new SpoolFiles(config.spool.dir, config.spool.maxBytes, now) : undefined;
  // Slack's token state, shared by the Slack app's client and /readyz.
  const slackHealth = config.slack ? createSlackHealth(log) : undefined;
  return { config, store, reports, log, metrics: createMetrics(), now, state: { migrated: false }, spool, slackHealth };
}

/**
 * The Slack app over this app's store, logger, metrics and clock, when Slack is configured
 * (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET); `serve`, the tests and `demo --slack` all mount it
 * this way. The caller passes `httpListener` to startHttpServer and calls start().
 */
export function attachSlack(app: AppContext, opts: Pick<SlackAppDeps, 'tuning'> = {}): SlackApp | undefined {
  const slack = app.config.slack;
  if (!slack) return undefined;
  return createSlackApp({ config: app.config, slack, store: app.store, reports: app.reports, log: app.log, metrics: app.metrics, now: app.now, health: app.slackHealth, ...opts });
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
