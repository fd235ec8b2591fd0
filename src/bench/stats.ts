/**
 * Pure arithmetic and formatting for benchmark figures, kept apart so tests can check them
 * with hand-made samples.
 */

/**
 * The nearest-rank percentile (p in [0, 100]) of a sample: the smallest value with at least
 * p % of the sample at or below it. Nearest-rank, not interpolated, so p99 of a latency sample
 * is a latency that some request actually had. NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** `a ÷ b` as a percentage text ("15.2 %"), or "n/a" when the baseline is missing or zero. */
export function ratioText(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return 'n/a';
  const pct = (value / baseline) * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

/** A target beside a figure: which way is good, the bound, and how the bound reads. */
export type Target = { kind: 'atLeast' | 'atMost'; bound: number; text: string };

/**
 * "pass (≥ 5000/s)" or "MISS ×3.2 (≥ 5000/s)": a miss says by how much, as the factor between
 * the figure and the bound, so the note is useful without the table beside it.
 */
export function targetText(value: number, target: Target | undefined): string {
  if (!target) return '';
  if (!Number.isFinite(value)) return `n/a (${target.text})`;
  const ok = target.kind === 'atLeast' ? value >= target.bound : value <= target.bound;
  if (ok) return `pass (${target.text})`;
  // A bound of zero (errors) has no factor to miss by: say the figure instead.
  if (target.bound === 0) return `MISS: ${value} (${target.text})`;
  const factor = target.kind === 'atLeast' ? target.bound / Math.max(value, 1e-9) : value / target.bound;
  return `MISS ×${factor.toFixed(1)} (${target.text})`;
}

/** Human-sized numbers for the table: 1234567 → "1.23M", 43210 → "43.2k", 87.5 → "87.5". */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (abs >= 100) return n.toFixed(0);
  return n.toFixed(1);
}

/** Milliseconds for the table: under 10 ms with one decimal, else whole. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`;
}

/** /proc's kB (which are KiB) as whole MiB, labelled MB as `top` does. */
export function mib(kib: number): string {
  return Number.isFinite(kib) && kib > 0 ? `${Math.round(kib / 1024)} MB` : 'n/a';
}
