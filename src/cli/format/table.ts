import type { Column, SectionTable } from '../../tables/index.js';
import { humanise } from './human.js';

/** Wider grids with few rows are printed turned (one column per row), so lines stay readable. */
const MAX_WIDTH = 100;
const MAX_TURNED_ROWS = 8;

/** Text width as a terminal counts it, near enough: code points, not UTF-16 units. */
export const width = (s: string) => [...s].length;
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** `deliveryRate` → `delivery rate`. */
export function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Text longer than `max` is shortened at a word boundary and marked with an ellipsis, never cut mid-word. */
export function shorten(s: string, max: number | undefined): string {
  if (max === undefined || width(s) <= max) return s;
  const cut = [...s].slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const shown = (t: SectionTable) => (t.columns as Column<unknown>[]).filter((c) => !c.csvOnly);
const header = (c: Column<unknown>) => c.label ?? words(c.name);
const rightAligned = (c: Column<unknown>) => c.kind !== 'text' && c.kind !== 'instant' && c.kind !== 'date';

/** A section of one row as aligned `label: value` lines, values in full. */
export function keyValueLines(t: SectionTable, tz: string): string[] {
  const row = t.rows[0];
  const columns = shown(t);
  const labelWidth = Math.max(...columns.map((c) => width(header(c))));
  return columns.map((c) => `  ${padEnd(`${header(c)}:`, labelWidth + 1)} ${humanise(c.kind, c.get(row), tz, true) || (c.blank ?? '')}`.trimEnd());
}

/** A section as an aligned grid: a header, a rule, a line per row; numbers right-aligned. */
export function gridLines(t: SectionTable, tz: string, canTurn = true): string[] {
  const columns = shown(t);
  if (t.rows.length === 0) return ['  (none)'];
  const cells = t.rows.map((row) => columns.map((c) => shorten(humanise(c.kind, c.get(row), tz) || (c.blank ?? ''), c.maxWidth)));
  const widths = columns.map((c, i) => Math.max(width(header(c)), ...cells.map((r) => width(r[i]!))));
  const total = widths.reduce((a, b) => a + b + 2, 0);
  if (canTurn && total > MAX_WIDTH && t.rows.length <= MAX_TURNED_ROWS) {
    const turnedLines = turned(columns, cells);
    // turning only helps when the rows are narrower than the columns were
    if (Math.max(...turnedLines.map(width)) < total) return turnedLines;
  }
  const line = (xs: string[]) => `  ${xs.map((x, i) => (rightAligned(columns[i]!) ? padStart(x, widths[i]!) : padEnd(x, widths[i]!))).join('  ')}`.trimEnd();
  return [line(columns.map(header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

/** The grid turned: one line per column, one column per row, headed by the row's first cell. */
function turned(columns: Column<unknown>[], cells: string[][]): string[] {
  const labels = columns.map(header);
  const labelWidth = Math.max(...labels.map(width));
  const colWidths = cells.map((r) => Math.max(...r.map(width)));
  const line = (label: string, xs: string[], right: boolean) =>
    `  ${padEnd(label, labelWidth)}  ${xs.map((x, j) => (right ? padStart(x, colWidths[j]!) : padEnd(x, colWidths[j]!))).join('  ')}`.trimEnd();
  return [
    line(labels[0]!, cells.map((r) => r[0]!), false),
    line('', colWidths.map((w) => '-'.repeat(w)), false),
    ...columns.slice(1).map((c, i) => line(labels[i + 1]!, cells.map((r) => r[i + 1]!), rightAligned(c))),
  ];
}
