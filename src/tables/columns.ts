import type { Catalog } from '../i18n/index.js';
import type { DurationStats, Rate } from '../metrics/index.js';

/**
 * Every column's name, from the catalog's header list: a column without a header in English and
 * Arabic does not compile. `''` is the nameless duration figure of a row that is one figure.
 */
export type ColumnName = keyof Catalog['tables']['columns'] | '';

/**
 * A report section as a table of named columns, one row per thing (a day, a channel, an
 * agent…). Both outputs read it: CSV writes the raw values, the text table humanises them.
 * A column's kind says what its values are, so each output knows how to write them:
 * - `count` integer, `number` any number, `fraction` in [0, 1], `seconds` a duration;
 * - `rate` a Rate: CSV writes `<name>`, `<name>Numerator`, `<name>Denominator`;
 * - `stats` DurationStats in seconds: CSV writes `<name>Count`, `…AvgSec`, `…MedianSec`, `…P90Sec`, `…MaxSec`;
 * - `instant` an ISO time (CSV as is; tables in local time), `flag` a boolean, `text`;
 * - `date` a local calendar day `YYYY-MM-DD` (CSV as is; tables as `Wed 25 Nov`).
 */
export type ColumnKind = 'text' | 'count' | 'number' | 'fraction' | 'seconds' | 'rate' | 'stats' | 'instant' | 'flag' | 'date';

export type Column<T> = {
  name: ColumnName;
  kind: ColumnKind;
  get: (row: T) => unknown;
  /** header in the text table (default: the name in words) */
  label?: string;
  /** CSV only: too detailed for the text table */
  csvOnly?: boolean;
  /** text table only: a summary of other columns (CSV has those) */
  tableOnly?: boolean;
  /** text table: longer text is shortened at a word boundary, with an ellipsis */
  maxWidth?: number;
  /** text table: what an empty value means (`none given` for a null category); CSV leaves it empty */
  blank?: string;
};

export type SectionTable = { columns: Column<never>[]; rows: unknown[] };

/** A section: its rows and columns; `single` sections (one row of totals) print as `label: value` lines. */
export type Section<R> = {
  describe: string;
  single?: boolean;
  /** false: CSV only (a long table the text output shows in another shape, or leaves out) */
  inTable?: false;
  /** text table: never printed turned (one column per row), however wide */
  neverTurn?: true;
  /** text table: a line under the heading saying how to read it */
  caption?: string;
  table: (result: R) => SectionTable;
};

export type ReportSections<R> = { main: string; sections: Record<string, Section<R>> };

export function tableOf<T>(rows: readonly T[], columns: Column<T>[]): SectionTable {
  return { columns: columns as Column<never>[], rows: [...rows] };
}

export const text = <T>(name: ColumnName, get: (r: T) => unknown, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'text', get, ...extra });
export const count = <T>(name: ColumnName, get: (r: T) => number | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'count', get, ...extra });
export const num = <T>(name: ColumnName, get: (r: T) => number | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'number', get, ...extra });
export const fraction = <T>(name: ColumnName, get: (r: T) => number | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'fraction', get, ...extra });
export const seconds = <T>(name: ColumnName, get: (r: T) => number | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'seconds', get, ...extra });
export const rate = <T>(name: ColumnName, get: (r: T) => Rate, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'rate', get, ...extra });
export const stats = <T>(name: ColumnName, get: (r: T) => DurationStats, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'stats', get, ...extra });
export const instant = <T>(name: ColumnName, get: (r: T) => string | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'instant', get, ...extra });
export const date = <T>(name: ColumnName, get: (r: T) => string | null, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'date', get, ...extra });
export const flag = <T>(name: ColumnName, get: (r: T) => boolean, extra: Partial<Column<T>> = {}): Column<T> => ({ name, kind: 'flag', get, ...extra });

/** `{ a: 1, b: 2 }` → rows `{ key: 'a', value: 1 }`…, for tidy tables of by-key counts. */
export function entries<V>(record: Record<string, V>): { key: string; value: V }[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}
