import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { AppMetrics } from '../observability/metrics.js';
import type { Store } from '../store/index.js';

/** What the HTTP layer needs, injected (time included) so every route is testable. */
export type AppContext = {
  config: Config;
  store: Store;
  log: Logger;
  metrics: AppMetrics;
  now: () => Date;
};
