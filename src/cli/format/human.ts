import { formatCount, formatDayLabel, humaniseDuration } from '../../charts/format.js';
import type { DurationStats, Rate } from '../../metrics/index.js';
import type { ColumnKind } from '../../tables/index.js';
import { formatInstant } from './window-text.js';

/** Shown for a value that does not exist (no data, or a rate over nothing). */
export const NONE = '–';

/** `0.984` → `98.4 %`. */
export function percent(f: number | null): string {
  return f === null ? NONE : `${(f * 100).toFixed(1)} %`;
}

/** A relative change: `+12.5 %`, `−3.0 %`, `n/a` where there was nothing before. */
export function change(c: number | null): string {
  if (c === null) return 'n/a';
  const p = (Math.abs(c) * 100).toFixed(1);
  return c > 0 ? `+${p} %` : c < 0 ? `−${p} %` : '0.0 %';
}

export function duration(s: number | null): string {
  return s === null ? NONE : humaniseDuration(s);
}

/**
 * One value as text for people. `wide` is the key-value layout, where a rate shows what it
 * was computed from and a duration figure shows all its statistics; grids show the rate and
 * the median / p90 of a duration (the tail beside the middle).
 */
export function humanise(kind: ColumnKind, v: unknown, tz: string, wide = false): string {
  if (v === null || v === undefined) return kind === 'text' ? '' : NONE;
  switch (kind) {
    case 'count':
      return formatCount(v as number);
    case 'number':
      return formatNumber(v as number);
    case 'fraction':
      return percent(v as number);
    case 'seconds':
      return duration(v as number);
    case 'rate': {
      const r = v as Rate;
      return wide ? `${percent(r.value)} (${formatCount(r.numerator)} of ${formatCount(r.denominator)})` : percent(r.value);
    }
    case 'stats': {
      const s = v as DurationStats;
      if (s.count === 0) return NONE;
      return wide
        ? `median ${duration(s.median)} · p90 ${duration(s.p90)} · avg ${duration(s.avg)} · max ${duration(s.max)} (${formatCount(s.count)} values)`
        : `${duration(s.median)} / ${duration(s.p90)}`;
    }
    case 'instant':
      return formatInstant(new Date(v as string), tz);
    case 'flag':
      return v ? 'yes' : 'no';
    case 'date':
      return formatDayLabel(v as string).join(' ');
    case 'text':
      return String(v);
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

/** Up to two decimals, trailing zeros dropped: 2.5, 0.33, 12. */
function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}
