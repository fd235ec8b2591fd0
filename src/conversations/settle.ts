import type { Kysely } from 'kysely';
import {
  clearDirtyPairs,
  closeIdleDerived,
  derivationAnchor,
  dirtyPairCandidates,
  inboxChannels,
  lockKeys,
  pairLockKey,
  pairMessages,
  readDirtyPairs,
  refreshCycleDurations,
  refreshFirstReplies,
  refreshInsideWindow,
  replaceDerivedCycles,
  retryConflicts,
  type ClaimedPair,
  type Database,
} from '../store/index.js';
import { deriveCycles } from './derived-cycles.js';

export type SettleOptions = {
  /** Dirty pairs per transaction, and idle cycles per auto-close statement. Default 50. */
  batchSize?: number;
  /** Checked between batches: once aborted, settle returns with `stopped: true`; what is left stays dirty. */
  signal?: AbortSignal;
};

export type SettleResult = { pairs: number; derivedPairs: number; closedIdle: number; batches: number; stopped: boolean };

const BATCH = 50;

/**
 * Brings conversations up to date with messages that arrived since the last call and with
 * the passage of time: re-derives cycles of channels without an inbox for every contact ×
 * channel whose messages changed, refreshes first agent replies there, and auto-closes derived
 * cycles idle for `idleMs` at `now`.
 *
 * Never blocks ingest: the work goes in batches of `batchSize` pairs, each its own short
 * transaction (a conflict re-runs just that batch), and the only locks a WhatsApp webhook might
 * wait for — the dirty rows it re-marks — are taken at the end of the batch with SKIP LOCKED
 * (clearDirtyPairs): settle never waits for a webhook there, so a webhook waits at most for
 * one short DELETE and the COMMIT. Pairs marked while this runs, or skipped because a webhook
 * held them, stay dirty and are picked up by a later batch (or the next call). Two replicas can run it at
 * once: a pair is settled under its pair lock, the second waits for the first's batch and then
 * finds the pair settled. Idempotent. Returns once a batch comes back short.
 */
export async function settleConversations(db: Kysely<Database>, now: Date, idleMs: number, opts: SettleOptions = {}): Promise<SettleResult> {
  const size = opts.batchSize ?? BATCH;
  const result: SettleResult = { pairs: 0, derivedPairs: 0, closedIdle: 0, batches: 0, stopped: false };
  for (let full = true; full; ) {
    if (opts.signal?.aborted) return { ...result, stopped: true };
    const batch = await retryConflicts(() => db.transaction().execute((tx) => settleBatch(tx, now, idleMs, size)));
    result.pairs += batch.pairs;
    result.derivedPairs += batch.derivedPairs;
    result.batches++;
    full = batch.candidates === size;
  }
  for (let full = true; full; ) {
    if (opts.signal?.aborted) return { ...result, stopped: true };
    const closed = await closeIdleDerived(db, now, idleMs, size);
    result.closedIdle += closed;
    full = closed === size;
  }
  return result;
}

/** One batch, inside its own transaction: lock the pairs, then read them, derive, clear. */
async function settleBatch(tx: Kysely<Database>, now: Date, idleMs: number, limit: number) {
  const candidates = await dirtyPairCandidates(tx, limit);
  await lockKeys(tx, 'pair', candidates.map((p) => pairLockKey(p.contact_id, p.phone_number_id)));
  // re-read under the locks: another replica may have settled some meanwhile
  const dirty = await readDirtyPairs(tx, candidates);
  const withInbox = await inboxChannels(tx, [...new Set(dirty.map((p) => p.phone_number_id))]);
  let derivedPairs = 0;
  for (const pair of dirty) {
    if (withInbox.has(pair.phone_number_id)) continue;
    derivedPairs++;
    await derivePair(tx, pair, now, idleMs);
  }
  if (dirty.length) await refreshFirstReplies(tx, { contactIds: [...new Set(dirty.map((p) => p.contact_id))] });
  if (dirty.length) await refreshCycleDurations(tx, { contactIds: [...new Set(dirty.map((p) => p.contact_id))] });
  // the 24 h-window flag of outbound rows, which triggers miss when an inbound and an outbound of a pair commit concurrently
  await refreshInsideWindow(tx, dirty);
  await clearDirtyPairs(tx, dirty);
  return { candidates: candidates.length, pairs: dirty.length, derivedPairs };
}

async function derivePair(tx: Kysely<Database>, pair: ClaimedPair, now: Date, idleMs: number): Promise<void> {
  const from = await derivationAnchor(tx, pair.contact_id, pair.phone_number_id, pair.since, idleMs);
  const messages = await pairMessages(tx, pair.contact_id, pair.phone_number_id, from);
  const cycles = deriveCycles(
    messages.flatMap((m) => (m.at ? [{ at: m.at, direction: m.direction }] : [])),
    idleMs,
    now,
  );
  await replaceDerivedCycles(tx, pair.contact_id, pair.phone_number_id, from, cycles);
}
