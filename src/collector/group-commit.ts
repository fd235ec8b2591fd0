/**
 * A group commit: many callers' items written by one flush (one transaction), each caller
 * answered with its own item's result only after that flush returned — the same durability as
 * one transaction per item, a fraction of the round trips and commits.
 *
 * A batch is flushed when it holds `maxBatch` items, or `maxWaitMs` after its first item was
 * queued, whichever comes first. At most `maxInFlight` flushes run at once (one batch fills
 * while another commits); items keep queueing meanwhile and go out as soon as a flush ends.
 * Past `maxQueue` waiting items, `submit` answers `overloaded` at once instead of queueing:
 * the caller says "retry later" (HTTP 503) rather than letting latency and memory grow.
 *
 * A flush that throws (a database outage) rejects every waiter of that batch with the same
 * error; nothing else is affected and no rejection is ever left unhandled.
 */
export type GroupCommitOptions<I, R> = {
  /** Writes the items together; resolves with one result per item, in item order. */
  flush: (items: I[]) => Promise<R[]>;
  maxBatch: number;
  maxWaitMs: number;
  maxInFlight: number;
  maxQueue: number;
  /** Called with each batch's size as it starts (a metric); must not throw. */
  onBatch?: (size: number) => void;
  /** Timer source, injected so tests control time. Returns a cancel function. */
  schedule?: (run: () => void, ms: number) => () => void;
};

export type Submitted<R> = { kind: 'done'; result: R } | { kind: 'overloaded' };

export type GroupCommit<I, R> = {
  /** Queues `item`; resolves once its batch committed, rejects with the flush's error. */
  submit(item: I): Promise<Submitted<R>>;
  /** Flushes whatever is queued without waiting for the timer, and resolves once every flush has ended. */
  drain(): Promise<void>;
  /** Items queued and not yet in a flush; flushes running. */
  readonly stats: { queued: number; inFlight: number };
};

type Waiter<I, R> = { item: I; resolve: (r: Submitted<R>) => void; reject: (err: unknown) => void };

const defaultSchedule = (run: () => void, ms: number) => {
  const t = setTimeout(run, ms);
  return () => clearTimeout(t);
};

export function createGroupCommit<I, R>(opts: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const schedule = opts.schedule ?? defaultSchedule;
  let queue: Waiter<I, R>[] = [];
  let inFlight = 0;
  // `due`: the oldest queued item has waited maxWaitMs; it goes with the next free flush slot.
  let due = false;
  let cancelTimer: (() => void) | null = null;
  let idle: (() => void)[] = [];

  const startTimer = () => {
    cancelTimer = schedule(() => {
      cancelTimer = null;
      due = true;
      pump();
    }, opts.maxWaitMs);
  };

  function pump(): void {
    while (inFlight < opts.maxInFlight && queue.length && (due || queue.length >= opts.maxBatch)) {
      const batch = queue.slice(0, opts.maxBatch);
      queue = queue.slice(batch.length);
      if (queue.length === 0) {
        due = false;
        cancelTimer?.();
        cancelTimer = null;
      } else if (!due && !cancelTimer) {
        startTimer();
      }
      void run(batch);
    }
    if (inFlight === 0 && queue.length === 0) {
      const done = idle;
      idle = [];
      for (const resolve of done) resolve();
    }
  }

  async function run(batch: Waiter<I, R>[]): Promise<void> {
    inFlight++;
    try {
      opts.onBatch?.(batch.length);
      const results = await opts.flush(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`group commit flush returned ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve({ kind: 'done', result: results[i]! }));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      inFlight--;
      pump();
    }
  }

  return {
    submit(item) {
      if (queue.length >= opts.maxQueue) return Promise.resolve({ kind: 'overloaded' });
      return new Promise<Submitted<R>>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length === 1 && !due && !cancelTimer) startTimer();
        pump();
      });
    },
    drain() {
      if (queue.length) {
        due = true;
        pump();
      }
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    get stats() {
      return { queued: queue.length, inFlight };
    },
  };
}
