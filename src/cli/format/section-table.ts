import type { ReportResult } from '../../metrics/index.js';
import { sectionTable as lookUp, type SectionTable, type SectionLookup } from '../../tables/index.js';
import { UsageError } from '../usage-error.js';

/** `--section` named a section the report lacks: the one line the CLI prints, valid names listed. */
export function unknownSection(failure: Extract<SectionLookup, { ok: false }>): UsageError {
  return new UsageError(`--section for the ${failure.report} report must be one of ${failure.valid.join(', ')} (default ${failure.main})`);
}

/** The table of one section (default: the report's main one); an unknown name is a UsageError. */
export function sectionTable(result: ReportResult, name?: string): SectionTable {
  const found = lookUp(result, name);
  if (!found.ok) throw unknownSection(found);
  return found.table;
}
