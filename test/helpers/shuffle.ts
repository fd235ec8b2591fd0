/**
 * Deterministic Fisher–Yates shuffle driven by Park–Miller (minimal standard) steps, so a
 * "shuffled" delivery order is the same on every run and every machine. `seed` in 1 … 2^31−2.
 */
export function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
