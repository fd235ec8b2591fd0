import { messages, type Locale } from '../i18n/index.js';
import type { DurationStats, Rate } from '../metrics/index.js';
import type { Column, ColumnName, SectionTable } from './columns.js';

/**
 * One section as RFC 4180 CSV: a header row of named columns (always, even with no rows),
 * CRLF line ends, fields quoted when they hold a comma, quote, CR or LF. Values stay raw:
 * fractions as fractions, durations in seconds (to the millisecond), instants as ISO UTC.
 * Only the header row speaks `locale` (the catalog's `tables` area): values are for machines.
 */
export function formatCsv(table: SectionTable, locale: Locale = 'en'): string {
  const columns = (table.columns as Column<unknown>[]).filter((c) => !c.tableOnly);
  const header = columns.flatMap((c) => csvNames(c, locale));
  const rows = table.rows.map((row) => columns.flatMap((c) => csvValues(c, c.get(row))));
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** The catalog's header of a column; the nameless one (`''`) has none. */
export function columnHeader(name: ColumnName, locale: Locale): string {
  return name ? messages(locale).tables.columns[name] : '';
}

function csvNames(c: Column<unknown>, locale: Locale): string[] {
  const m = messages(locale).tables;
  switch (c.kind) {
    case 'rate':
      return m.rateColumns(columnHeader(c.name, locale));
    case 'stats':
      // a stats column without a name (the row is one duration figure) gives count, avgSec…
      return m.statsColumns(columnHeader(c.name, locale));
    default:
      return [columnHeader(c.name, locale)];
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
