import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/simulate/prng.js';

const draw = (seed: number, n: number) => {
  const r = new Rng(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('Rng', () => {
  it('repeats for a seed and differs between neighbouring seeds', () => {
    expect(draw(1, 50)).toEqual(draw(1, 50));
    expect(draw(2, 50)).not.toEqual(draw(1, 50));
    expect(draw(0, 1)[0]).not.toBe(draw(1, 1)[0]);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const xs = draw(3, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('samples Poisson and log-normal with the requested centre', () => {
    const r = new Rng(4);
    const p = Array.from({ length: 20_000 }, () => r.poisson(3.5));
    expect(p.reduce((a, b) => a + b, 0) / p.length).toBeCloseTo(3.5, 1);
    const ln = Array.from({ length: 20_001 }, () => r.logNormal(60, 1)).sort((a, b) => a - b);
    expect(ln[10_000]!).toBeGreaterThan(55);
    expect(ln[10_000]!).toBeLessThan(65);
  });

  it('draws distinct items without replacement and honours weights', () => {
    const r = new Rng(5);
    const picked = r.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(picked).size).toBe(4);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i += 1) counts[r.weighted([['a', 9], ['b', 1]] as const)] += 1;
    expect(counts.a / 10_000).toBeCloseTo(0.9, 1);
  });
});
