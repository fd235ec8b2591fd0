import { chartForReport } from '../../charts/index.js';
import type { ReportName, ReportResult } from '../../metrics/index.js';
import { UsageError } from '../usage-error.js';
import { formatCsv } from './csv.js';
import { formatTable } from './table.js';

export const FORMATS = ['table', 'json', 'csv', 'png'] as const;
export type Format = (typeof FORMATS)[number];

/** How to render: `section` picks the CSV table (default: the report's main one). */
export type RenderOptions = { section?: string };

export async function render(result: ReportResult, format: Format, _opts: RenderOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'table':
      return formatTable(result as unknown as Record<string, unknown>);
    case 'csv':
      return formatCsv(result as unknown as Record<string, unknown>, CSV_ROWS[result.report]);
    case 'png': {
      const png = await chartForReport(result);
      if (!png) throw new UsageError(`no chart for the ${result.report} report; charts exist for messages, failures, agents and busy-hours`);
      return png;
    }
    default: {
      const never: never = format;
      throw new UsageError(`unknown format ${String(never)}`);
    }
  }
}

/** The table each report's CSV holds (one row per agent, per error code…); others flatten to path,value. */
const CSV_ROWS: Partial<Record<ReportName, string>> = {
  agents: 'agents',
  failures: 'byCode',
  messages: 'byChannel',
  live: 'queue',
};

