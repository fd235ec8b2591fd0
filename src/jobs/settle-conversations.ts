import { settleConversations } from '../conversations/index.js';
import type { Logger } from '../log.js';
import { compactBusyHourRollups, compactContactCountRollups, compactCycleCountRollups, compactDurationRollups, compactMessageRollups, settleContactDays, type Store } from '../store/index.js';

/**
 * Keeps derived conversations and first replies current (see settleConversations).
 *
 * Cadence: every 30 s from `serve`; reports also settle before they read.
 * Idempotency key: the contact × channel pair and its dirty-row version — a pair is cleared only
 * if nobody marked it again while it was being settled, so re-running settles nothing twice and
 * loses nothing. Runs in batches of short transactions; a webhook never waits behind it for more
 * than one batch's final statement.
 * Two replicas: both may run at once. Each batch locks its pairs' keys; a second replica that
 * picked the same pairs waits for that batch, then finds them settled and moves on. Auto-closing
 * skips rows another replica holds (SKIP LOCKED), so nothing is closed twice.
 * Then compacts the message count, duration, busy-hours and conversation count rollups: each
 * batch is one statement, a delta is folded by one replica only, so two replicas compacting at
 * once is safe. Then stores the contact days marked since (settles are serialised by a table
 * lock writers never take; a mark is taken by one only).
 * Stopping: pass `signal`; it is checked between batches, and what is left stays dirty for
 * the next run (on this or another replica).
 */
export async function settleConversationsJob(
  store: Store,
  now: Date,
  idleMs: number,
  log: Logger,
  signal?: AbortSignal,
): Promise<void> {
  try {
    const r = await settleConversations(store.db, now, idleMs, { signal });
    if (r.pairs || r.closedIdle || r.stopped) log.debug(r, 'conversations settled');
    // fold the message count deltas into the rollups (reports read both, so this is for speed only)
    const folded = await compactMessageRollups(store.db);
    if (folded) log.debug({ folded }, 'message rollups compacted');
    const foldedDurations = await compactDurationRollups(store.db);
    if (foldedDurations) log.debug({ folded: foldedDurations }, 'duration rollups compacted');
    const foldedBusy = await compactBusyHourRollups(store.db);
    if (foldedBusy) log.debug({ folded: foldedBusy }, 'busy-hours rollups compacted');
    const foldedCounts = await compactCycleCountRollups(store.db);
    if (foldedCounts) log.debug({ folded: foldedCounts }, 'conversation count rollups compacted');
    const foldedContacts = await compactContactCountRollups(store.db);
    if (foldedContacts) log.debug({ folded: foldedContacts }, 'contact count rollups compacted');
    // store the contact days marked since (reports compute marked ones themselves: speed only)
    const days = await settleContactDays(store.db);
    if (days) log.debug({ days }, 'contact days settled');
  } catch (err) {
    log.warn({ err }, 'settling conversations failed; will retry');
  }
}
