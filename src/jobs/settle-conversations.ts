import { settleConversations } from '../conversations/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

/**
 * Keeps derived conversations and first replies current (see settleConversations).
 * Cadence: every 30 s from `serve`; reports also settle before they read. Idempotent; two
 * replicas take disjoint dirty pairs, and auto-closing twice closes nothing new.
 */
export async function settleConversationsJob(store: Store, now: Date, idleMs: number, log: Logger): Promise<void> {
  try {
    const r = await settleConversations(store.db, now, idleMs);
    if (r.pairs || r.closedIdle) log.debug(r, 'conversations settled');
  } catch (err) {
    log.warn({ err }, 'settling conversations failed; will retry');
  }
}
