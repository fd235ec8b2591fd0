import { describe, expect, it } from 'vitest';
import { RollupMismatch, unlessMismatch } from '../../../src/metrics/conversations/rolled-durations.js';

describe('unlessMismatch', () => {
  const slow = async () => 'slow';
  it('keeps the fast answer', async () => {
    await expect(unlessMismatch(Promise.resolve('fast'), slow)).resolves.toBe('fast');
  });
  it('takes the slow path when the rollups do not account for the rows', async () => {
    await expect(unlessMismatch(Promise.reject(new RollupMismatch('no bucket holds rank 7')), slow)).resolves.toBe('slow');
  });
  it('passes any other failure on instead of running the slow path', async () => {
    let ran = false;
    const fault = Object.assign(new Error('connection terminated'), { code: '57P01' });
    await expect(unlessMismatch(Promise.reject(fault), async () => { ran = true; return 'slow'; })).rejects.toBe(fault);
    expect(ran).toBe(false);
  });
});
