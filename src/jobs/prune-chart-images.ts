import type { Logger } from '../log.js';
import { pruneChartImages } from '../store/index.js';
import type { Store } from '../store/index.js';

/**
 * Deletes chart PNGs whose signed links have expired (served to Slack image blocks, 7 days).
 * Cadence: hourly from `serve`, only when Slack is configured. Idempotency key: `now` — a
 * time-bounded delete, so a re-run or a second replica deletes nothing new.
 */
export async function pruneChartImagesJob(store: Store, now: Date, log: Logger): Promise<void> {
  try {
    const deleted = await pruneChartImages(store.db, now);
    if (deleted) log.info({ deleted }, 'pruned expired chart images');
  } catch (err) {
    log.warn({ err }, 'chart image pruning failed; will retry next hour');
  }
}
