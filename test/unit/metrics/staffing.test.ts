import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangB, erlangC, serviceLevel } from '../../../src/metrics/staffing.js';

// Hand values are rounded to 6 places, so they are compared to 5.
// Erlang C by hand, A = 2 Erlangs, through the Erlang B recursion B(k) = A·B(k−1) / (k + A·B(k−1)):
//   B(0) = 1
//   B(1) = 2·1 / (1 + 2)          = 2/3
//   B(2) = 2·(2/3) / (2 + 4/3)    = (4/3) / (10/3) = 2/5
//   B(3) = 2·(2/5) / (3 + 4/5)    = (4/5) / (19/5) = 4/19
//   B(4) = 2·(4/19) / (4 + 8/19)  = (8/19) / (84/19) = 2/21
// C(N, A) = N·B / (N − A·(1 − B)):
//   C(3, 2) = (12/19) / (3 − 2·15/19) = (12/19) / (27/19) = 4/9   ≈ 0.4444
//   C(4, 2) = (8/21) / (4 − 2·19/21)  = (8/21) / (46/21)  = 4/23  ≈ 0.1739
// Cross-check with the textbook sum form, N = 3: A^N/N! · N/(N−A) = (8/6)·3 = 4;
//   Σ_{k<3} A^k/k! = 1 + 2 + 2 = 5; C = 4 / (5 + 4) = 4/9. ✓
describe('erlangB / erlangC', () => {
  it('matches the hand-worked recursion for A = 2', () => {
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangC(3, 2)).toBeCloseTo(0.4444, 4);
    expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 12);
  });

  it('one agent waits with probability A (C(1, A) = 1·A/(1+A) / (1 − A·1/(1+A)) = A)', () => {
    expect(erlangC(1, 2 / 3)).toBeCloseTo(2 / 3, 12);
  });

  it('is 1 for an unstable queue (N ≤ A) and 0 without load', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(1, 5)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('reproduces the classic call-centre example: 100 calls / 30 min, AHT 180 s (A = 10), 80 % in 20 s', () => {
    // A = (100 / 1800 s) · 180 s = 10 Erlangs. Published figures (e.g. callcentrehelper.com's
    // Erlang C walk-through): 13 agents → wait probability 28.5 %, service level 79.6 %;
    // 14 agents → 17.4 %, 88.8 % — so 14 agents are needed for 80 % in 20 s.
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
    expect(serviceLevel(13, 10, 20, 180)).toBeCloseTo(0.7956, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel(14, 10, 20, 180)).toBeCloseTo(0.8884, 4);
    expect(agentsNeeded({ arrivalRatePerSec: 100 / 1800, handleTimeSec: 180, targetSec: 20, serviceLevel: 0.8 })).toBe(14);
  });
});

describe('serviceLevel', () => {
  it('is 1 − C·e^{−(N−A)·T/AHT}', () => {
    // N = 3, A = 2, T = AHT = 600 s: 1 − (4/9)·e^{−1} = 1 − 0.444444·0.367879 = 1 − 0.163502 = 0.836498
    expect(serviceLevel(3, 2, 600, 600)).toBeCloseTo(0.836498, 5);
    // N = 3, A = 2, T = 300, AHT = 3600: 1 − (4/9)·e^{−1/12} = 1 − 0.444444·0.920044 = 0.591092
    expect(serviceLevel(3, 2, 300, 3600)).toBeCloseTo(0.591092, 5);
    // N = 4: 1 − (4/23)·e^{−2/12} = 1 − 0.173913·0.846482 = 1 − 0.147214 = 0.852786
    expect(serviceLevel(4, 2, 300, 3600)).toBeCloseTo(0.852786, 5);
  });
});

describe('agentsNeeded', () => {
  it('takes the smallest N > A reaching the target', () => {
    // λ = 2 per hour = 2/3600 per s, AHT = 3600 s → A = 2; SL(3) = 0.591 < 0.8, SL(4) = 0.853 → 4
    expect(agentsNeeded({ arrivalRatePerSec: 2 / 3600, handleTimeSec: 3600, targetSec: 300, serviceLevel: 0.8 })).toBe(4);
    // Same λ, AHT 1200 s (3600 / concurrency 3): A = 2/3.
    //   N = 1: C = 2/3, SL = 1 − (2/3)·e^{−(1/3)·300/1200} = 1 − 0.666667·0.920044 = 0.386637 < 0.8
    //   N = 2: B(1) = (2/3)/(5/3) = 2/5, B(2) = (4/15)/(2 + 4/15) = 2/17,
    //          C = (4/17) / (2 − (2/3)·(15/17)) = (4/17)/(24/17) = 1/6,
    //          SL = 1 − (1/6)·e^{−(4/3)·(1/4)} = 1 − 0.166667·0.716531 = 0.880578 ≥ 0.8 → 2
    expect(agentsNeeded({ arrivalRatePerSec: 2 / 3600, handleTimeSec: 1200, targetSec: 300, serviceLevel: 0.8 })).toBe(2);
  });

  it('needs more agents for a stricter level, and none without arrivals', () => {
    // A = 2, T = 300, AHT = 3600: SL(4) = 0.853 < 0.9; N = 5: B(5) = 2·(2/21)/(5 + 4/21) = 4/109,
    // C = (20/109)/(5 − 2·105/109) = (20/109)/(335/109) = 4/67 ≈ 0.059701,
    // SL = 1 − 0.059701·e^{−3/12} = 1 − 0.059701·0.778801 = 0.953504 ≥ 0.9 → 5
    expect(agentsNeeded({ arrivalRatePerSec: 2 / 3600, handleTimeSec: 3600, targetSec: 300, serviceLevel: 0.9 })).toBe(5);
    expect(agentsNeeded({ arrivalRatePerSec: 0, handleTimeSec: 3600, targetSec: 300, serviceLevel: 0.8 })).toBe(0);
  });

  it('rejects nonsense input', () => {
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(2, -1)).toThrow(RangeError);
    expect(() => agentsNeeded({ arrivalRatePerSec: Number.NaN, handleTimeSec: 1, targetSec: 1, serviceLevel: 0.8 })).toThrow(RangeError);
  });
});
