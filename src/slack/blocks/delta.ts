import { formatCount, formatDuration, formatPercent, messages, type Locale } from '../../i18n/index.js';

/**
 * A change against the previous period in colour-neutral words: an arrow and a relative %, since
 * "more" is good for replies and bad for failures. `change` is relative (0.12 = +12 %); null
 * when the previous value was 0 or missing → n/a, never a division by zero.
 */
export function deltaText(change: number | null, locale: Locale): string {
  const m = messages(locale).common;
  if (change === null || !Number.isFinite(change)) return m.deltaNoBase;
  const pct = Math.abs(change * 100);
  if (pct < 0.05) return m.deltaFlat;
  const shown = pct >= 10 ? pct.toFixed(0) : pct.toFixed(1);
  return change > 0 ? m.deltaUp(shown) : m.deltaDown(shown);
}

export type KpiValue =
  | { kind: 'count'; value: number | null }
  | { kind: 'rate'; value: number | null }
  | { kind: 'duration'; value: number | null };

/** A KPI's value in the locale's words: 1,234 / 98.4 % / 4m 12s, n/a when there is nothing to show. */
export function kpiValueText(v: KpiValue, locale: Locale): string {
  switch (v.kind) {
    case 'count':
      return v.value === null ? messages(locale).common.notAvailable : formatCount(v.value, locale);
    case 'rate':
      return formatPercent(v.value, locale);
    case 'duration':
      return formatDuration(v.value, locale);
    default: {
      const never: never = v;
      throw new Error(`unknown KPI kind ${JSON.stringify(never)}`);
    }
  }
}

/** "1,234  ▲ 12 %" — the value, then its change when there is one to compare. */
export function kpiWithDelta(v: KpiValue, change: number | null | undefined, locale: Locale): string {
  const value = kpiValueText(v, locale);
  return change === undefined ? value : `${value}   ${deltaText(change, locale)}`;
}
