import { describe, expect, it } from 'vitest';
import { compact, mib, ms, percentile, ratioText, targetText } from '../../../src/bench/stats.js';

describe('percentile (nearest rank)', () => {
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]; // 1…10 shuffled
  it('takes the smallest value with p % of the sample at or below it', () => {
    // rank ⌈p/100 · 10⌉: p50 → 5th = 5, p90 → 9th = 9, p95 → ⌈9.5⌉ = 10th = 10, p99 → 10th = 10
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 99)).toBe(10);
    // p0 still names a sample: the smallest
    expect(percentile(ten, 0)).toBe(1);
  });
  it('is NaN for no samples and the value itself for one', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([42], 99)).toBe(42);
  });
  it('does not reorder the caller\'s array', () => {
    const a = [3, 1, 2];
    percentile(a, 50);
    expect(a).toEqual([3, 1, 2]);
  });
});

describe('ratio and target text', () => {
  it('states a ratio as a percentage of the baseline', () => {
    // 530 / 42 000 = 1.26 % → one decimal under 10 %; 7 300 / 44 000 = 16.6 % → whole
    expect(ratioText(530, 42_000)).toBe('1.3 %');
    expect(ratioText(7_300, 44_000)).toBe('17 %');
    expect(ratioText(5, 0)).toBe('n/a');
    expect(ratioText(Number.NaN, 10)).toBe('n/a');
  });
  it('passes a figure on the right side of its bound, and says by how much a miss misses', () => {
    const atLeast = { kind: 'atLeast', bound: 5000, text: '≥ 5000 req/s' } as const;
    const atMost = { kind: 'atMost', bound: 300, text: 'p95 ≤ 300 ms' } as const;
    expect(targetText(5000, atLeast)).toBe('pass (≥ 5000 req/s)');
    // 5000 / 2000 = 2.5 times short
    expect(targetText(2000, atLeast)).toBe('MISS ×2.5 (≥ 5000 req/s)');
    expect(targetText(300, atMost)).toBe('pass (p95 ≤ 300 ms)');
    // 1 200 / 300 = 4 times over
    expect(targetText(1200, atMost)).toBe('MISS ×4.0 (p95 ≤ 300 ms)');
    expect(targetText(Number.NaN, atMost)).toBe('n/a (p95 ≤ 300 ms)');
    expect(targetText(1, undefined)).toBe('');
  });
  it('a zero-errors target passes only at zero', () => {
    const zero = { kind: 'atMost', bound: 0, text: '0 errors' } as const;
    expect(targetText(0, zero)).toBe('pass (0 errors)');
    expect(targetText(3, zero)).toBe('MISS: 3 (0 errors)');
  });
});

describe('number formatting', () => {
  it('sizes numbers, durations and memory for the table', () => {
    expect(compact(1_234_567)).toBe('1.23M');
    expect(compact(43_210)).toBe('43.2k');
    expect(compact(5_735)).toBe('5735');
    expect(compact(87.54)).toBe('87.5');
    expect(ms(4.26)).toBe('4.3 ms');
    expect(ms(263.4)).toBe('263 ms');
    // /proc reports KiB: 212 992 KiB = 208 MiB
    expect(mib(212_992)).toBe('208 MB');
    expect(mib(0)).toBe('n/a');
  });
});
