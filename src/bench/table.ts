/**
 * The bench's one final table. Every row is a figure, the baseline measured beside it in the
 * same run, their ratio, and the target with pass/miss; sections group the rows.
 */
export type Row = {
  section: string;
  figure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
};

const HEADERS = ['figure', 'value', 'baseline (same run)', 'ratio', 'target'] as const;

/** Lays rows out as fixed-width text columns, with a rule and a heading per section. */
export function layoutTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.figure, r.value, r.baseline ?? '', r.ratio ?? '', r.target ?? '']);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  // Trailing empty cells are left off, so a row without a baseline ends at its value.
  const line = (cols: readonly string[]) => {
    const used = cols.length - [...cols].reverse().findIndex((c) => c !== '');
    return cols.slice(0, used).map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  };
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const out = [line(HEADERS), rule];
  let section: string | null = null;
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(`== ${section} ==`);
    }
    out.push(line(cells[i]!));
  });
  return `${out.join('\n')}\n`;
}
