/**
 * Axis ends a reader can take in at a glance, times a power of ten, each with a tick step that
 * divides it evenly (so the top tick is the end, not a stray "15 %" after "14 %").
 */
const NICE: readonly (readonly [max: number, step: number])[] = [
  [1, 0.2], [1.5, 0.5], [2, 0.5], [3, 1], [4, 1], [5, 1], [6, 2], [8, 2], [10, 2],
];

export type RateAxis = { max: number; step: number };

/** Rounds away float noise (0.1 × 3 = 0.30000000000000004). */
const clean = (n: number) => Math.round(n * 1e9) / 1e9;

/**
 * The failure-rate axis, in percent: its top is the smallest nice value at least 10 % above the
 * highest rate (room for the value printed above that point), at least 1 % and at most 100 %.
 * A fixed 0–100 % axis would lay rates of a few percent flat on the floor.
 */
export function rateAxis(ratesPercent: readonly (number | null)[]): RateAxis {
  const top = Math.max(0, ...ratesPercent.filter((r): r is number => r !== null && Number.isFinite(r)));
  const wanted = Math.min(100, Math.max(1, top * 1.1));
  const power = 10 ** Math.floor(Math.log10(wanted));
  const [max, step] = NICE.find(([m]) => clean(m * power) >= wanted - 1e-9) ?? [10, 2];
  return { max: clean(max * power), step: clean(step * power) };
}

/** Top of {@link rateAxis}. */
export const rateAxisMax = (ratesPercent: readonly (number | null)[]): number => rateAxis(ratesPercent).max;
