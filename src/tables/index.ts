/**
 * Reports as tables: each report's sections (a day, a channel, an agent per row) with named,
 * typed columns, and CSV of any of them. The CLI prints and exports them; Slack attaches the
 * CSV. Headers come from the catalog (`tables` area); values stay raw in every language.
 */
import type { Locale } from '../i18n/index.js';
import type { ReportResult } from '../metrics/index.js';
import { formatCsv } from './csv.js';
import { sectionTable, type SectionLookup } from './sections/index.js';

export { columnHeader, formatCsv } from './csv.js';
export { entries, tableOf, type Column, type ColumnKind, type ColumnName, type ReportSections, type Section, type SectionTable } from './columns.js';
export { REPORT_SECTIONS, sectionsOf, sectionTable, type SectionLookup } from './sections/index.js';
export { kpiRows, KPI_UNITS } from './sections/overview.js';

export type CsvExport = { ok: true; csv: string } | Extract<SectionLookup, { ok: false }>;

/** One section of a report (default: its main one) as CSV with headers in `locale`; an unknown section is a value. */
export function reportCsv(result: ReportResult, opts: { section?: string; locale?: Locale } = {}): CsvExport {
  const found = sectionTable(result, opts.section);
  return found.ok ? { ok: true, csv: formatCsv(found.table, opts.locale ?? 'en') } : found;
}
