import type { Logger } from '../log.js';
import { createMonthsAhead, PARTITIONED_TABLES, type Store } from '../store/index.js';

/** This month and this many after it always have partitions. */
export const MONTHS_AHEAD = 2;

/**
 * Creates the monthly partitions of raw_events and message_statuses for this month and the
 * next two (UTC), so rows never pile up in the DEFAULT partition. Rows of a new month that did
 * land in DEFAULT (history messages, a clock gone wrong) move into it.
 * Cadence: when `serve` starts, then daily; `wapulse migrate` runs it too. Idempotency key:
 * the month — an existing month is left alone, so a re-run creates nothing. Two replicas: they
 * take turns on an advisory lock and the later one finds the months there; a failure (a lock
 * held too long) is logged and retried on the next run, with two months still in hand.
 */
export async function maintainPartitionsJob(store: Store, now: Date, log: Logger): Promise<string[]> {
  const created: string[] = [];
  try {
    for (const table of PARTITIONED_TABLES) created.push(...(await createMonthsAhead(store.db, table, now, MONTHS_AHEAD)));
    if (created.length) log.info({ created }, 'created monthly partitions');
  } catch (err) {
    log.warn({ err }, 'creating monthly partitions failed; will retry tomorrow');
  }
  return created;
}
