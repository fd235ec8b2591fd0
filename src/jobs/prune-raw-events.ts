import type { Logger } from '../log.js';
import { pruneRawEvents, type Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/**
 * Deletes raw webhook bodies older than RAW_RETENTION_DAYS, with their dedup keys (derived
 * rows stay): months wholly older are dropped, the rest deleted in batches.
 * Cadence: hourly from `serve`. Idempotency key: the cutoff time — a time-bounded delete, so a
 * re-run deletes nothing new. Short statements only, never holding a long lock a webhook could
 * need (a month's drop gives up after 1 s of waiting and is retried next hour). Two replicas:
 * drops take turns on an advisory lock, the later one finds the month gone; each delete batch
 * skips rows the other holds (SKIP LOCKED), so they split the work instead of waiting.
 */
export async function pruneRawEventsJob(store: Store, retentionDays: number, now: Date, log: Logger): Promise<void> {
  try {
    const { partitions, rows } = await pruneRawEvents(store.db, new Date(now.getTime() - retentionDays * DAY_MS));
    if (partitions.length || rows) log.info({ partitions, deleted: rows, retentionDays }, 'pruned raw webhook bodies');
  } catch (err) {
    log.warn({ err }, 'raw body pruning failed; will retry next hour');
  }
}
