import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../src/bench/args.js';
import { UsageError } from '../../../src/cli/usage-error.js';

describe('parseBenchArgs', () => {
  it('reports at 1M and 10M by default, 100k and 300k with --quick', () => {
    expect(parseBenchArgs([], {}).scales).toEqual([1_000_000, 10_000_000]);
    expect(parseBenchArgs(['--quick'], {}).scales).toEqual([100_000, 300_000]);
  });
  it('takes --scale in k and m, repeated, over either default', () => {
    // 1m = 1,000,000; 300k = 300,000; 2.5m = 2,500,000; a plain count is taken as written
    expect(parseBenchArgs(['--scale', '1m'], {}).scales).toEqual([1_000_000]);
    expect(parseBenchArgs(['--quick', '--scale', '300k', '--scale', '2.5M', '--scale', '50000'], {}).scales).toEqual([300_000, 2_500_000, 50_000]);
  });
  it('refuses a scale that is not a count of at least 10k', () => {
    for (const bad of ['ten', '5k', '1.0005k', '-1m', '']) expect(() => parseBenchArgs(['--scale', bad], {})).toThrow(UsageError);
  });
});
