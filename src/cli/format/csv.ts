import { isObject, isRate, isStats } from './values.js';

/**
 * CSV of a report: the rows at `rowsPath` (e.g. the agents table), one column per flattened
 * field (`frt.median`, `delivery_rate.value` …); without a rows path, `path,value` pairs.
 */
export function formatCsv(result: Record<string, unknown>, rowsPath?: string): string {
  const rows = rowsPath ? (get(result, rowsPath) as unknown) : undefined;
  const records = Array.isArray(rows) ? rows.map((r) => flatten(r)) : Object.entries(flatten(result)).map(([path, value]) => ({ path, value }));
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return [columns, ...records.map((r) => columns.map((c) => (r as Record<string, unknown>)[c]))].map((row) => row.map(quote).join(',')).join('\n') + '\n';
}

function flatten(v: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (isObject(v) || (isStats(v) || isRate(v))) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) {
    v.forEach((x, i) => flatten(x, `${prefix}[${i}]`, out));
  } else {
    out[prefix] = Array.isArray(v) ? v.join(' ') : v;
  }
  return out;
}

function get(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

function quote(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
