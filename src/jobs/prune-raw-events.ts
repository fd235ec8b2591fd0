import type { Logger } from '../log.js';
import { pruneRawEvents, type Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/**
 * Deletes raw webhook bodies older than RAW_RETENTION_DAYS (derived rows stay).
 * Cadence: hourly from `serve`. Idempotency key: the cutoff time — a time-bounded delete, so a
 * re-run deletes nothing new. Works in batches of short statements, never holding a long lock
 * a webhook could need. Two replicas: each batch skips rows the other holds (SKIP LOCKED), so
 * they split the work instead of waiting on each other.
 */
export async function pruneRawEventsJob(store: Store, retentionDays: number, now: Date, log: Logger): Promise<void> {
  try {
    const deleted = await pruneRawEvents(store.db, new Date(now.getTime() - retentionDays * DAY_MS));
    if (deleted) log.info({ deleted, retentionDays }, 'pruned raw webhook bodies');
  } catch (err) {
    log.warn({ err }, 'raw body pruning failed; will retry next hour');
  }
}
