/**
 * Multi-row statements are cut into chunks: Postgres allows 65,535 bind parameters per
 * statement, and a 3 MB WhatsApp body can hold thousands of statuses of ~16 columns each.
 */
export const ROWS_PER_STATEMENT = 1_000;

export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
