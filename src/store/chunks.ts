/**
 * Multi-row statements are cut into chunks: Postgres allows 65,535 bind parameters per
 * statement, and a 3 MB WhatsApp body can hold thousands of statuses of ~16 columns each.
 */
export const ROWS_PER_STATEMENT = 1_000;

/**
 * Rows sorted by a text key (code-unit order, the same on every process). Concurrent
 * transactions that write overlapping rows lock them in the same order this way, so they
 * queue behind each other instead of deadlocking (A locks x then y while B locks y then x).
 */
export function byKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  return rows
    .map((r) => [key(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
