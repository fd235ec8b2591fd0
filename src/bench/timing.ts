import { percentile } from './stats.js';

/**
 * p50/p95 in ms of `runs` warm runs; `cutOffMs` is set when a run hit the statement timeout,
 * and then the figure is only "more than cutOffMs".
 */
export type Timing = { p50: number; p95: number; runs: number; cutOffMs?: number };

const QUERY_CANCELED = '57014';

/**
 * One untimed warm-up call (plans cached, pages in shared buffers: the "warm"), then
 * `runs` timed calls one after another; p50/p95 by nearest rank, in ms. A call cancelled by
 * the store's statement timeout (`cutOffMs`, --quick's bound on reports far off their target)
 * ends the timing: repeating a run that cannot finish would only spend the budget.
 */
export async function timeIt(runs: number, work: () => Promise<unknown>, cutOffMs?: number): Promise<Timing> {
  const samples: number[] = [];
  try {
    await work();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await work();
      samples.push(performance.now() - t0);
    }
  } catch (err) {
    if (cutOffMs === undefined || !isCancel(err)) throw err;
    return { p50: Number.NaN, p95: Number.NaN, runs: samples.length, cutOffMs };
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

function isCancel(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === QUERY_CANCELED) return true;
  }
  return false;
}
