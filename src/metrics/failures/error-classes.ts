import { sql, type RawBuilder } from 'kysely';

/**
 * Error classes of the delivery-failures chart: the Meta error codes worth a colour of their
 * own, everything else (and failures without a code) as "Other". Labels start with the code
 * so the chart can keep one colour per code across reports.
 */
export const ERROR_CLASSES = [
  { code: 131047, label: '131047 Re-engagement' },
  { code: 131026, label: '131026 Undeliverable' },
  { code: 131049, label: '131049 Ecosystem limit' },
  { code: 131050, label: '131050 User stopped marketing' },
  { code: 130472, label: '130472 Experiment' },
  { code: 131000, label: '131000 Something went wrong' },
] as const;

export const OTHER_CLASS = 'Other';

/** Every class label, in chart stacking order (bottom first), "Other" last. */
export const ERROR_CLASS_LABELS: readonly string[] = [...ERROR_CLASSES.map((c) => c.label), OTHER_CLASS];

export function errorClassOf(code: number | null): string {
  return ERROR_CLASSES.find((c) => c.code === code)?.label ?? OTHER_CLASS;
}

/** The same mapping in SQL, over an integer error-code expression (literals: a fixed list). */
export function errorClassSql(code: RawBuilder<unknown>): RawBuilder<string> {
  const whens = ERROR_CLASSES.map((c) => sql`WHEN ${sql.lit(c.code)} THEN ${sql.lit(c.label)}`);
  return sql<string>`(CASE ${code} ${sql.join(whens, sql` `)} ELSE ${sql.lit(OTHER_CLASS)} END)`;
}
