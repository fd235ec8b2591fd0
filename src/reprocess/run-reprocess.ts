import type { Kysely } from 'kysely';
import { describeDbError, reapplyBodies, type ReapplyOptions } from '../collector/index.js';
import { settleConversations, type SettleResult } from '../conversations/index.js';
import {
  advanceReprocessRun,
  analyzeRawEvents,
  classifyDbError,
  lockReprocessRun,
  markReprocessRun,
  rawBodiesAfter,
  retryConflicts,
  type Database,
  type RawPosition,
  type ReprocessRun,
} from '../store/index.js';
import { afterReprocess, type AfterReprocessHook } from './after-reprocess.js';
import { startRun, type Refusal, type StartOptions } from './start-run.js';

export type ReprocessDeps = {
  reapply: ReapplyOptions;
  /** CONVERSATION_IDLE_HOURS in ms, for the settle step */
  idleMs: number;
  now: () => Date;
  /** default: afterReprocess */
  hooks?: readonly AfterReprocessHook[];
  /** checked between batches: the run stops with its cursor committed, to be resumed */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
};

export type ReprocessResult =
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'stopped' | 'finished'; run: ReprocessRun; resumed: boolean; settle: SettleResult | null };

/** The first this many failed bodies are listed by raw id in the run; all are counted. */
const LISTED_FAILURES = 100;

/**
 * `wapulse reprocess`: re-applies every stored raw body, oldest first by (received_at, id), in
 * batches of the run's batch size, each one transaction that also moves the run's cursor — so
 * a run killed anywhere resumes after its last committed batch and never applies a batch twice.
 * Then settles conversations and runs the after-reprocess hooks (both idempotent: a run stopped
 * there does them again on resume).
 *
 * Bad bodies never stop the run: a batch the database refuses ('data' or 'bug') is retried body
 * by body, and a body refused alone is skipped, counted and listed by raw id. Outages propagate
 * (the command says to rerun with --resume); deadlocks with serve re-run the batch.
 * Two processes resuming one run take turns on its row lock and share the work.
 */
export async function reprocess(db: Kysely<Database>, start: StartOptions, deps: ReprocessDeps): Promise<ReprocessResult> {
  const started = await startRun(db, start);
  if (!started.ok) return { kind: 'refused', refusal: started.refusal };
  const { resumed } = started;
  let run = started.run;
  const stopped = async () => ({ kind: 'stopped' as const, run: await reload(db, run.id), resumed, settle: null });

  if (run.replayed_at === null) {
    const end = run.end_id === null || run.end_received_at === null ? null : { receivedAt: run.end_received_at, id: run.end_id };
    const size = run.batch_size;
    await analyzeRawEvents(db);
    deps.onProgress?.(run.done, run.total);
    while (end) {
      if (deps.signal?.aborted) return stopped();
      let step: Step;
      try {
        step = await inTransaction(db, (tx) => applyNext(tx, run.id, end, size, deps.reapply));
      } catch (err) {
        if (!isBodyFailure(err)) throw err;
        // one body of the batch is refused by the database: find it, one body per transaction
        step = { kind: 'applied', done: run.done, total: run.total };
        for (let i = 0; i < size && step.kind === 'applied'; i++) step = await applyAlone(db, run.id, end, deps.reapply);
      }
      if (step.kind === 'end') break;
      run = { ...run, done: step.done };
      deps.onProgress?.(step.done, step.total);
    }
    await markReprocessRun(db, run.id, 'replayed_at', deps.now());
  }

  const settle = await settleConversations(db, deps.now(), deps.idleMs, { signal: deps.signal });
  if (settle.stopped) return stopped();
  for (const hook of deps.hooks ?? afterReprocess) {
    if (deps.signal?.aborted) return stopped();
    // each rebuild is idempotent: one that lost a deadlock to live ingest runs again
    await retryConflicts(() => hook.run(db));
  }
  await markReprocessRun(db, run.id, 'finished_at', deps.now());
  return { kind: 'finished', run: await reload(db, run.id), resumed, settle };
}

type Step = { kind: 'applied'; done: number; total: number } | { kind: 'end' };

const inTransaction = <T>(db: Kysely<Database>, work: (tx: Kysely<Database>) => Promise<T>) =>
  retryConflicts(() => db.transaction().execute(work));

const isBodyFailure = (err: unknown) => ['data', 'bug'].includes(classifyDbError(err));

/** Under the run's row lock: the next bodies after its cursor, applied, and the cursor moved past them. */
async function applyNext(tx: Kysely<Database>, runId: number, end: RawPosition, limit: number, opts: ReapplyOptions): Promise<Step> {
  const run = await lockReprocessRun(tx, runId);
  const bodies = await rawBodiesAfter(tx, cursorOf(run), end, limit);
  if (bodies.length === 0) return { kind: 'end' };
  const outcomes = await reapplyBodies(
    tx,
    bodies.map((b) => ({ rawEventId: b.id, source: b.source, receivedAt: b.received_at, body: b.body })),
    opts,
  );
  const failures = outcomes.flatMap((o) => (o.kind === 'failed' ? [{ rawEventId: o.rawEventId, reason: o.reason }] : []));
  const last = bodies[bodies.length - 1]!;
  await advanceReprocessRun(tx, runId, {
    cursor: { receivedAt: last.received_at, id: last.id },
    applied: outcomes.filter((o) => o.kind === 'applied').length,
    unreadable: outcomes.filter((o) => o.kind === 'unreadable').length,
    failures,
    keep: LISTED_FAILURES - run.failed,
  });
  return { kind: 'applied', done: run.done + bodies.length, total: run.total };
}

/** The next body alone; if the database refuses it too, it is skipped and named. */
async function applyAlone(db: Kysely<Database>, runId: number, end: RawPosition, opts: ReapplyOptions): Promise<Step> {
  try {
    return await inTransaction(db, (tx) => applyNext(tx, runId, end, 1, opts));
  } catch (err) {
    if (!isBodyFailure(err)) throw err;
    return inTransaction(db, async (tx) => {
      const run = await lockReprocessRun(tx, runId);
      const [body] = await rawBodiesAfter(tx, cursorOf(run), end, 1);
      if (!body) return { kind: 'end' as const };
      const reason = `the database refused its facts: ${describeDbError(err)}`;
      await advanceReprocessRun(tx, runId, {
        cursor: { receivedAt: body.received_at, id: body.id },
        applied: 0,
        unreadable: 0,
        failures: [{ rawEventId: body.id, reason }],
        keep: LISTED_FAILURES - run.failed,
      });
      return { kind: 'applied' as const, done: run.done + 1, total: run.total };
    });
  }
}

const cursorOf = (run: ReprocessRun): RawPosition | null =>
  run.cursor_id === null || run.cursor_received_at === null ? null : { receivedAt: run.cursor_received_at, id: run.cursor_id };

async function reload(db: Kysely<Database>, id: number): Promise<ReprocessRun> {
  return db.selectFrom('reprocess_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
