import type { Logger } from '../log.js';
import { pruneRawEvents, type Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/**
 * Deletes raw webhook bodies older than RAW_RETENTION_DAYS (derived rows stay).
 * Cadence: hourly from `serve`. Idempotent: a plain time-bounded DELETE, so two replicas
 * running it at once only race to delete the same rows.
 */
export async function pruneRawEventsJob(store: Store, retentionDays: number, now: Date, log: Logger): Promise<void> {
  try {
    const deleted = await pruneRawEvents(store.db, new Date(now.getTime() - retentionDays * DAY_MS));
    if (deleted) log.info({ deleted, retentionDays }, 'pruned raw webhook bodies');
  } catch (err) {
    log.warn({ err }, 'raw body pruning failed; will retry next hour');
  }
}
