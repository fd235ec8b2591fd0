import { cell, humanChange, isDelta, isObject, isRate, isStats } from './values.js';

/**
 * A plain-text rendering of any report result: scalars and metric values as `key: value`
 * lines (nested objects by dotted path), arrays of objects as aligned tables.
 */
export function formatTable(result: Record<string, unknown>): string {
  const lines: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isObject(value) && Object.keys(value).length && Object.values(value).every(isDelta)) {
      // KPIs beside the previous period: one row each
      const rows = Object.entries(value).map(([name, d]) => {
        const k = d as { current: number | null; previous: number | null; change: number | null };
        return { name, current: k.current, previous: k.previous, change: humanChange(k.change) };
      });
      lines.push('', `${path}:`, ...grid(rows), '');
    } else if (Array.isArray(value) && value.length && value.every(isObject) && !value.every((v) => isStats(v) || isRate(v))) {
      lines.push('', `${path}:`, ...grid(value as Record<string, unknown>[]), '');
    } else if (isObject(value) && !isStats(value) && !isRate(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else {
      lines.push(`${path}: ${cell(value)}`);
    }
  };
  walk(result, '');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function grid(rows: Record<string, unknown>[]): string[] {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...cells.map((row) => row[i]!.length))));
  const line = (xs: string[]) => `  ${xs.map((x, i) => x.slice(0, widths[i]).padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}
