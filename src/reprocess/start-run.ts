import type { Kysely } from 'kysely';
import {
  classifyDbError,
  emptyDerivedTables,
  insertReprocessRun,
  markReprocessRun,
  openReprocessRun,
  prunedRawEvidence,
  rawEventsEnd,
  type Database,
  type ReprocessRun,
} from '../store/index.js';

export type ReprocessMode = 'apply' | 'rebuild';

export type StartOptions = {
  mode: ReprocessMode;
  batchSize: number;
  /** continue the unfinished run */
  resume: boolean;
  /** abandon the unfinished run and start a new one */
  restart: boolean;
  /** --rebuild although raw bodies were pruned or serve looks alive */
  force: boolean;
  now: () => Date;
};

/** Why a run was not started; each names what the operator can do. */
export type Refusal =
  | { kind: 'unfinished'; run: ReprocessRun }
  | { kind: 'nothing_to_resume' }
  | { kind: 'pruned'; oldestRawAt: Date | null; oldestDerivedAt: Date | null }
  | { kind: 'serve_active'; lastReceivedAt: Date };

export type Started = { ok: true; run: ReprocessRun; resumed: boolean } | { ok: false; refusal: Refusal };

// serve stores a body within this long of receiving it; a body this recent means it is running
const SERVE_ACTIVE_MS = 2 * 60_000;

/**
 * Finds or creates the run to work on. A rebuild empties the derived tables and records its run
 * in ONE transaction: a crash right after leaves an unfinished run with no cursor, which
 * `--resume` replays from the first body, never tables emptied with no record of why.
 */
export async function startRun(db: Kysely<Database>, o: StartOptions): Promise<Started> {
  const open = await openReprocessRun(db);
  if (o.resume) return open ? { ok: true, run: open, resumed: true } : { ok: false, refusal: { kind: 'nothing_to_resume' } };
  if (open && !o.restart) return { ok: false, refusal: { kind: 'unfinished', run: open } };
  if (o.mode === 'rebuild' && !o.force) {
    const pruned = await prunedRawEvidence(db);
    if (pruned) return { ok: false, refusal: { kind: 'pruned', oldestRawAt: pruned.oldestRawAt, oldestDerivedAt: pruned.oldestDerivedAt } };
    const { end } = await rawEventsEnd(db);
    if (end && o.now().getTime() - end.receivedAt.getTime() < SERVE_ACTIVE_MS) {
      return { ok: false, refusal: { kind: 'serve_active', lastReceivedAt: end.receivedAt } };
    }
  }
  // only once the new run may start: a refused --restart leaves the unfinished run resumable
  if (open) await markReprocessRun(db, open.id, 'abandoned_at', o.now());
  try {
    const run = await db.transaction().execute(async (tx) => {
      if (o.mode === 'rebuild') await emptyDerivedTables(tx);
      const { end, total } = await rawEventsEnd(tx);
      return insertReprocessRun(tx, { mode: o.mode, batchSize: o.batchSize, startedAt: o.now(), end, total });
    });
    return { ok: true, run, resumed: false };
  } catch (err) {
    // another process started a run between our check and our insert (migrations/0011's index)
    if (classifyDbError(err) !== 'conflict') throw err;
    const other = await openReprocessRun(db);
    if (!other) throw err;
    return { ok: false, refusal: { kind: 'unfinished', run: other } };
  }
}
