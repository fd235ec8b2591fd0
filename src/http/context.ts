import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { SlackHealth } from '../slack/web/slack-health.js';
import type { AppMetrics } from '../observability/metrics.js';
import type { SpoolFiles } from '../spool/index.js';
import type { Store } from '../store/index.js';

/** What the HTTP layer needs, injected (time included) so every route is testable. */
export type AppContext = {
  config: Config;
  store: Store;
  /**
   * Where report reads go when REPORTS_DATABASE_URL is set (a read replica); absent = `store`.
   * Only reads: anything written (chart images included) goes to `store`.
   */
  reports?: Store;
  log: Logger;
  metrics: AppMetrics;
  now: () => Date;
  /** `migrated` stays false until migrations are applied; webhooks answer 503 (or spool) until then. */
  state: { migrated: boolean };
  /** The disk spool for senders that never retry; absent when SPOOL_MAX_BYTES=0. */
  spool?: SpoolFiles;
  /** Whether Slack accepts the bot token; absent when Slack is not configured. */
  slackHealth?: SlackHealth;
};
