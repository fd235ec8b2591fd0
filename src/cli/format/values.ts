/** Recognises the metric value shapes every report shares, for humane printing. */

export type StatsLike = { count: number; avg: number | null; median: number | null; p90: number | null; max: number | null };
export type RateLike = { value: number | null; numerator: number; denominator: number };

export function isStats(v: unknown): v is StatsLike {
  return isObject(v) && 'count' in v && 'median' in v && 'p90' in v && 'max' in v && 'avg' in v;
}

export function isRate(v: unknown): v is RateLike {
  return isObject(v) && 'value' in v && 'numerator' in v && 'denominator' in v && Object.keys(v).length === 3;
}

/** `{ current, previous, change }`: a KPI beside the previous period. */
export function isDelta(v: unknown): v is { current: number | null; previous: number | null; change: number | null } {
  return isObject(v) && 'current' in v && 'previous' in v && 'change' in v && Object.keys(v).length === 3;
}

export function humanChange(change: number | null): string {
  return change === null ? 'n/a' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** 252 → "4m 12s"; 3 h 5 m → "3h 5m"; under a minute with one decimal. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return 'n/a';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
  const s = Math.round(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  return `${m}m ${sec}s`;
}

export function humanRate(r: RateLike): string {
  return r.value === null ? `n/a (${r.numerator}/${r.denominator})` : `${(r.value * 100).toFixed(1)}% (${r.numerator}/${r.denominator})`;
}

export function humanStats(s: StatsLike): string {
  if (s.count === 0) return 'no values';
  return `n=${s.count} median ${humanDuration(s.median)} p90 ${humanDuration(s.p90)} avg ${humanDuration(s.avg)} max ${humanDuration(s.max)}`;
}

/** One cell of text for any value. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isStats(v)) return humanStats(v);
  if (isRate(v)) return humanRate(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.join(' ') : JSON.stringify(v);
  if (isObject(v)) return JSON.stringify(v);
  return String(v);
}
