import type { Logger } from '../log.js';
import { pruneMessageHistory, type Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/**
 * Deletes WhatsApp history older than MESSAGE_RETENTION_DAYS (messages, statuses, conversations
 * closed before the cutoff, webhook errors); only scheduled when the setting is above 0.
 * Cadence: hourly from `serve`. Idempotency key: the cutoff time — a re-run deletes nothing
 * new. Statuses' months wholly older are dropped (giving up after 1 s of waiting for the lock,
 * retried next hour); everything else goes in batches of short statements. Two replicas: drops
 * take turns on an advisory lock; delete batches skip rows the other holds (SKIP LOCKED).
 */
export async function pruneMessagesJob(store: Store, retentionDays: number, now: Date, log: Logger): Promise<void> {
  try {
    const r = await pruneMessageHistory(store.db, new Date(now.getTime() - retentionDays * DAY_MS));
    if (r.partitions.length || r.statuses || r.messages || r.conversations || r.webhookErrors) {
      log.info({ ...r, retentionDays }, 'pruned message history');
    }
  } catch (err) {
    log.warn({ err }, 'message history pruning failed; will retry next hour');
  }
}
