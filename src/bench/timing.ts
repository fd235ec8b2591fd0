import { percentile } from './stats.js';

export type Timing = { p50: number; p95: number; runs: number };

/**
 * One untimed warm-up call (plans cached, pages in shared buffers: the "warm"), then
 * `runs` timed calls one after another; p50/p95 by nearest rank, in ms.
 */
export async function timeIt(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}
