import { attachSlack, createApp, type AppOptions } from '../app.js';
import type { Config } from '../config.js';
import { startHttpServer, type AppContext, type RunningServer } from '../http/index.js';
import { pruneChartImagesJob } from '../jobs/prune-chart-images.js';
import { pruneRawEventsJob } from '../jobs/prune-raw-events.js';
import { maintainPartitionsJob } from '../jobs/maintain-partitions.js';
import { pruneMessagesJob } from '../jobs/prune-messages.js';
import { createJobRunner, type JobRunner } from '../jobs/runner.js';
import { settleConversationsJob } from '../jobs/settle-conversations.js';
import { replaySpoolJob } from '../jobs/replay-spool.js';
import { migrateWhenReachable, type Backoff } from './migrate-when-reachable.js';

export type ServeOptions = AppOptions & {
  port?: number;
  hostname?: string;
  /** Job cadences (ms); tests shorten them. */
  every?: Partial<{ settle: number; prune: number; spoolReplay: number; partitions: number }>;
  backoff?: Backoff;
};

export type ShutdownReport = { ms: number; requestsFinished: boolean; jobsLeft: string[]; poolClosed: boolean };

export type Serving = {
  app: AppContext;
  server: RunningServer;
  jobs: JobRunner;
  /** Resolves once migrations are applied (true), or false if shutdown came first; rejects on a fault waiting won't fix. */
  migrated: Promise<boolean>;
  /** Graceful stop within `deadlineMs` (default 10 s); never calls process.exit. */
  shutdown(deadlineMs?: number): Promise<ShutdownReport>;
};

const EVERY = { settle: 30_000, prune: 3_600_000, spoolReplay: 2_000, partitions: 86_400_000 };
export const SHUTDOWN_DEADLINE_MS = 10_000;
// Left at the end of the deadline for closing the pool.
const POOL_CLOSE_MS = 1_500;

/**
 * Everything `wapulse serve` runs: HTTP at once (healthz answers while the database is down),
 * migrations as soon as the database answers, then background jobs (settle, prune, spool
 * replay). Returns handles so tests drive the very same wiring.
 */
export async function startServe(config: Config, opts: ServeOptions = {}): Promise<Serving> {
  const app = createApp(config, opts);
  // The Slack app (when configured) answers /slack/* on the same port, or over Socket Mode.
  const slack = attachSlack(app);
  // A port in use rejects here (the CLI words it); close the store so the process can end.
  const server = await startHttpServer(app, opts.port ?? config.port, opts.hostname ?? config.host, slack?.httpListener).catch(async (err: unknown) => {
    await app.store.close().catch(() => {});
    await app.reports?.close().catch(() => {});
    throw err;
  });
  // Checks the token and, in Socket Mode, connects; a failure is logged and shown in /readyz, never fatal.
  const slackStarted = slack ? slack.start() : Promise.resolve();
  const jobs = createJobRunner(app.log);
  const every = { ...EVERY, ...opts.every };
  const stopMigrating = new AbortController();

  const migrated = migrateWhenReachable(app, stopMigrating.signal, opts.backoff).then((ok) => {
    if (!ok) return false;
    // Settle works in short batches and checks the signal between them, so shutdown waits for one batch at most.
    jobs.every('settle', every.settle, (signal) => settleConversationsJob(app.store, app.now(), config.conversationIdleMs, app.log, signal));
    jobs.every('prune', every.prune, () => pruneRawEventsJob(app.store, config.rawRetentionDays, app.now(), app.log), { immediately: true });
    if (slack) jobs.every('prune-charts', every.prune, () => pruneChartImagesJob(app.store, app.now(), app.log), { immediately: true });
    jobs.every('partitions', every.partitions, () => maintainPartitionsJob(app.store, app.now(), app.log), { immediately: true });
    if (config.messageRetentionDays > 0) {
      jobs.every('prune-messages', every.prune, () => pruneMessagesJob(app.store, config.messageRetentionDays, app.now(), app.log), { immediately: true });
    }
    if (app.spool) jobs.every('spool-replay', every.spoolReplay, (signal) => replaySpoolJob(app, signal), { immediately: true });
    return true;
  });

  return {
    app,
    server,
    jobs,
    migrated,
    async shutdown(deadlineMs = SHUTDOWN_DEADLINE_MS) {
      const started = Date.now();
      const budget = Math.max(0, deadlineMs - POOL_CLOSE_MS);
      stopMigrating.abort();
      await slackStarted;
      await slack?.stop().catch((err: unknown) => app.log.warn({ err }, 'Slack Socket Mode did not stop cleanly'));
      // Stop accepting and let requests in flight finish, while the current job batch finishes.
      const [requestsFinished, jobsLeft] = await Promise.all([server.drain(budget), jobs.stop(budget)]);
      const left = Math.max(0, deadlineMs - (Date.now() - started));
      // A job still holding a connection at the deadline would keep pool.end() waiting; the
      // process exits regardless, and Postgres rolls back the open transaction.
      const poolClosed = await Promise.race([
        Promise.all([app.store.close(), app.reports?.close()]).then(() => true, () => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), left).unref()),
      ]);
      return { ms: Date.now() - started, requestsFinished, jobsLeft, poolClosed };
    },
  };
}
