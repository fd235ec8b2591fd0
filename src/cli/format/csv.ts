import type { DurationStats, Rate } from '../../metrics/index.js';
import type { Column, SectionTable } from './columns.js';

/**
 * One section as RFC 4180 CSV: a header row of named columns (always, even with no rows),
 * CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. Values stay raw:
 * fractions as fractions, durations in seconds (to the millisecond), instants as ISO UTC.
 */
export function formatCsv(table: SectionTable): string {
  const columns = (table.columns as Column<unknown>[]).filter((c) => !c.tableOnly);
  const header = columns.flatMap(csvNames);
  const rows = table.rows.map((row) => columns.flatMap((c) => csvValues(c, c.get(row))));
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

function csvNames(c: Column<unknown>): string[] {
  switch (c.kind) {
    case 'rate':
      return [c.name, `${c.name}Numerator`, `${c.name}Denominator`];
    case 'stats':
      // a stats column without a name (the row is one duration figure) gives count, avgSec…
      return ['Count', 'AvgSec', 'MedianSec', 'P90Sec', 'MaxSec'].map((s) => (c.name ? `${c.name}${s}` : `${s[0]!.toLowerCase()}${s.slice(1)}`));
    default:
      return [c.name];
  }
}

function csvValues(c: Column<unknown>, v: unknown): unknown[] {
  switch (c.kind) {
    case 'rate': {
      const r = v as Rate;
      return [r.value, r.numerator, r.denominator];
    }
    case 'stats': {
      const s = v as DurationStats;
      return [s.count, ...[s.avg, s.median, s.p90, s.max].map(millis)];
    }
    case 'seconds':
      return [millis(v as number | null)];
    default:
      return [v];
  }
}

/** Durations come from millisecond timestamps: more digits are float noise (117.69649999999999). */
function millis(s: number | null): number | null {
  return s === null ? null : Math.round(s * 1000) / 1000;
}

function quote(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
