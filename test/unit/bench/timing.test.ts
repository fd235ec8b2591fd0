import { describe, expect, it } from 'vitest';
import { timeIt } from '../../../src/bench/timing.js';

describe('timeIt', () => {
  it('runs once untimed, then the asked number of timed runs', async () => {
    let calls = 0;
    const t = await timeIt(3, async () => void calls++);
    // 1 warm-up + 3 timed
    expect(calls).toBe(4);
    expect(t.runs).toBe(3);
    expect(t.cutOffMs).toBeUndefined();
    expect(t.p95).toBeGreaterThanOrEqual(t.p50);
  });

  it('stops at a statement-timeout cancel (57014, possibly wrapped) and says "more than the cut-off"', async () => {
    let calls = 0;
    const cancel = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const t = await timeIt(3, async () => {
      calls++;
      if (calls === 2) throw new Error('report failed', { cause: cancel });
    }, 2_000);
    // warm-up fine, first timed run cancelled: nothing repeated after it
    expect(calls).toBe(2);
    expect(t).toMatchObject({ runs: 0, cutOffMs: 2_000 });
    expect(t.p95).toBeNaN();
  });

  it('lets any other error through: a broken report is not a slow one', async () => {
    await expect(timeIt(1, async () => { throw Object.assign(new Error('boom'), { code: '42P01' }); }, 2_000)).rejects.toThrow('boom');
  });
});
