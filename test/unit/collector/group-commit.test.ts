import { describe, expect, it } from 'vitest';
import { createGroupCommit, type GroupCommitOptions } from '../../../src/collector/group-commit.js';

/**
 * The coalescer with a hand-driven clock and a flush the test resolves itself, so every
 * batch boundary below is decided by the rules alone: a batch goes at maxBatch items or
 * maxWaitMs after its first item, at most maxInFlight at once, and past maxQueue waiting
 * items a submit is answered `overloaded`.
 */
function harness(over: Partial<GroupCommitOptions<string, string>> = {}) {
  let now = 0;
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const flushes: { items: string[]; resolve: (r: string[]) => void; reject: (e: unknown) => void }[] = [];
  const sizes: number[] = [];
  const gc = createGroupCommit<string, string>({
    maxBatch: 3,
    maxWaitMs: 2,
    maxInFlight: 2,
    maxQueue: 10,
    flush: (items) => new Promise((resolve, reject) => flushes.push({ items, resolve, reject })),
    onBatch: (n) => sizes.push(n),
    schedule: (run, ms) => {
      const t = { at: now + ms, run, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
    ...over,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => !x.cancelled && x.at <= now)) {
      t.cancelled = true;
      t.run();
    }
  };
  // lets resolved flush promises run their continuations
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { gc, advance, flushes, sizes, settle };
}

const echo = (items: string[]) => items.map((i) => `ok:${i}`);

describe('createGroupCommit', () => {
  it('flushes a full batch at once, without waiting for the timer', async () => {
    const h = harness();
    const answers = ['a', 'b', 'c'].map((x) => h.gc.submit(x));
    expect(h.flushes.map((f) => f.items)).toEqual([['a', 'b', 'c']]);
    h.flushes[0]!.resolve(echo(h.flushes[0]!.items));
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c'].map((x) => ({ kind: 'done', result: `ok:${x}` })));
  });

  it('flushes a partial batch maxWaitMs after its first item, not before', async () => {
    const h = harness();
    const a = h.gc.submit('a');
    h.advance(1);
    const b = h.gc.submit('b');
    expect(h.flushes).toHaveLength(0); // 1 ms after 'a': still waiting
    h.advance(1); // 2 ms after 'a' (1 ms after 'b'): both go together
    expect(h.flushes.map((f) => f.items)).toEqual([['a', 'b']]);
    h.flushes[0]!.resolve(echo(['a', 'b']));
    expect([await a, await b]).toEqual([{ kind: 'done', result: 'ok:a' }, { kind: 'done', result: 'ok:b' }]);
  });

  it('answers nobody before its own batch has been flushed', async () => {
    const h = harness();
    let answered = false;
    void h.gc.submit('a').then(() => (answered = true));
    h.advance(2);
    await h.settle();
    expect(answered).toBe(false); // flush started, not finished
    h.flushes[0]!.resolve(['ok:a']);
    await h.settle();
    expect(answered).toBe(true);
  });

  it('runs at most maxInFlight flushes; items queue meanwhile and go when a flush ends', async () => {
    const h = harness();
    // 8 items, batches of 3: two flushes of 3 start, 2 items wait for a free slot.
    const answers = Array.from({ length: 8 }, (_, i) => h.gc.submit(`i${i}`));
    expect(h.flushes.map((f) => f.items)).toEqual([['i0', 'i1', 'i2'], ['i3', 'i4', 'i5']]);
    h.advance(10); // their wait is over, but both slots are taken
    expect(h.flushes).toHaveLength(2);
    expect(h.gc.stats).toEqual({ queued: 2, inFlight: 2 });
    h.flushes[0]!.resolve(echo(h.flushes[0]!.items));
    await h.settle();
    expect(h.flushes.map((f) => f.items)[2]).toEqual(['i6', 'i7']);
    h.flushes[1]!.resolve(echo(h.flushes[1]!.items));
    h.flushes[2]!.resolve(echo(h.flushes[2]!.items));
    expect((await Promise.all(answers)).map((a) => (a.kind === 'done' ? a.result : a.kind))).toEqual(
      Array.from({ length: 8 }, (_, i) => `ok:i${i}`),
    );
    expect(h.sizes).toEqual([3, 3, 2]);
  });

  it('rejects every waiter of a failed batch with its error, and only them', async () => {
    const h = harness();
    const first = ['a', 'b', 'c'].map((x) => h.gc.submit(x));
    const second = ['d', 'e', 'f'].map((x) => h.gc.submit(x));
    const outage = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    h.flushes[0]!.reject(outage);
    h.flushes[1]!.resolve(echo(['d', 'e', 'f']));
    const firstOutcomes = await Promise.allSettled(first);
    expect(firstOutcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value))).toEqual([outage, outage, outage]);
    expect((await Promise.all(second)).map((a) => (a.kind === 'done' ? a.result : a.kind))).toEqual(['ok:d', 'ok:e', 'ok:f']);
  });

  it('treats a flush that answers the wrong number of results as a failure of its batch', async () => {
    const h = harness();
    const answers = ['a', 'b', 'c'].map((x) => h.gc.submit(x));
    h.flushes[0]!.resolve(['ok:a']);
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('answers overloaded past maxQueue waiting items, and queues again once there is room', async () => {
    // maxQueue 4 with both flush slots taken: items 7 … 10 queue (4), the 11th is refused.
    const h = harness({ maxQueue: 4 });
    const taken = Array.from({ length: 6 }, (_, i) => h.gc.submit(`t${i}`)); // two flushes of 3
    const waiting = Array.from({ length: 4 }, (_, i) => h.gc.submit(`w${i}`));
    expect(await h.gc.submit('over')).toEqual({ kind: 'overloaded' });
    expect(h.gc.stats).toEqual({ queued: 4, inFlight: 2 });
    h.flushes[0]!.resolve(echo(h.flushes[0]!.items)); // frees a slot: w0 w1 w2 go
    await h.settle();
    expect(h.flushes[2]!.items).toEqual(['w0', 'w1', 'w2']);
    const again = h.gc.submit('again'); // 2 waiting now (w3, again): accepted
    h.flushes[1]!.resolve(echo(h.flushes[1]!.items));
    await h.settle();
    // a slot is free, but w3 + again are no full batch: they wait for the timer w0 started
    expect(h.flushes).toHaveLength(3);
    h.advance(2);
    expect(h.flushes[3]!.items).toEqual(['w3', 'again']);
    h.flushes[2]!.resolve(echo(h.flushes[2]!.items));
    h.flushes[3]!.resolve(echo(h.flushes[3]!.items));
    await Promise.all([...taken, ...waiting, again]);
  });

  it('drain flushes what is queued without waiting for the timer and resolves once every flush ended', async () => {
    const h = harness();
    const a = h.gc.submit('a');
    let drained = false;
    const d = h.gc.drain().then(() => (drained = true));
    expect(h.flushes.map((f) => f.items)).toEqual([['a']]);
    await h.settle();
    expect(drained).toBe(false);
    h.flushes[0]!.resolve(['ok:a']);
    await d;
    expect(await a).toEqual({ kind: 'done', result: 'ok:a' });
    await expect(h.gc.drain()).resolves.toBeUndefined(); // nothing left: at once
  });
});
