import type { Matrix } from '../../metrics/busy-hours.js';
import { formatCompact } from '../../charts/format.js';
import { width } from './table.js';

/**
 * A weekday × hour grid (rows Mon..Sun, local hours 0..23), printed as two blocks of twelve
 * hours so a line stays under 80 columns; counts above 999 are compacted (`1.2k`), cells that
 * never occur in the window are `·`.
 */
export function heatmapLines(weekdays: readonly string[], m: Matrix<number | null>, format: (v: number) => string = formatCompact): string[] {
  const cells = m.map((row) => row.map((v) => (v === null ? '·' : format(v))));
  const w = Math.max(2, ...cells.flat().map(width));
  const pad = (s: string) => ' '.repeat(w - width(s)) + s;
  // weekday labels are 3 wide: the hour header starts under the first cell
  const block = (start: number) => [
    `       ${Array.from({ length: 12 }, (_, i) => pad(String(start + i).padStart(2, '0'))).join(' ')}`,
    ...weekdays.map((d, i) => `  ${d.padEnd(3)}  ${(cells[i] ?? []).slice(start, start + 12).map(pad).join(' ')}`),
  ];
  return [...block(0), '', ...block(12)];
}
