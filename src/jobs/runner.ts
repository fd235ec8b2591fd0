import type { Logger } from '../log.js';

/** A job gets a signal that aborts at shutdown; long jobs check it between batches. */
export type Job = (signal: AbortSignal) => Promise<unknown>;

export type JobRunner = {
  /** Runs `job` every `ms` (and at once when `immediately`); a tick is skipped while it still runs. */
  every(name: string, ms: number, job: Job, opts?: { immediately?: boolean }): void;
  /** Names of the jobs running right now. */
  running(): string[];
  /**
   * Stops scheduling, aborts the signal and waits up to `timeoutMs` for running jobs to finish.
   * Resolves with the names of jobs still running at the deadline (their transactions are left
   * to the database: closing the pool ends them, and Postgres rolls them back).
   */
  stop(timeoutMs: number): Promise<string[]>;
};

/** The background work of `serve` (settling, pruning, spool replay), stoppable as one. */
export function createJobRunner(log: Logger): JobRunner {
  const abort = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<string, Promise<void>>();

  const tick = (name: string, job: Job) => {
    if (abort.signal.aborted || inFlight.has(name)) return;
    const run = job(abort.signal)
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err, job: name }, 'background job failed; will run again'))
      .finally(() => inFlight.delete(name));
    inFlight.set(name, run);
  };

  return {
    every(name, ms, job, opts = {}) {
      const timer = setInterval(() => tick(name, job), ms);
      timer.unref();
      timers.push(timer);
      if (opts.immediately) tick(name, job);
    },
    running: () => [...inFlight.keys()],
    async stop(timeoutMs) {
      for (const t of timers) clearInterval(t);
      abort.abort();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(inFlight.values()), deadline]);
      clearTimeout(timer);
      return [...inFlight.keys()];
    },
  };
}
