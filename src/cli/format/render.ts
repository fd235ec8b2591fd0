import { chartForReport } from '../../charts/index.js';
import type { ReportResult } from '../../metrics/index.js';
import { UsageError } from '../usage-error.js';
import { reportCsv } from '../../tables/index.js';
import { formatTable } from './report-table.js';
import { unknownSection } from './section-table.js';

export const FORMATS = ['table', 'json', 'csv', 'png'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * How to render: `section` picks the CSV table (default: the report's main one; an unknown
 * name is a UsageError listing them), or the one section a text table shows (default: all); `tz` is the zone the live report's times are shown in
 * (other reports carry theirs in `window.tz`).
 */
export type RenderOptions = { section?: string; tz?: string };

export { REPORT_SECTIONS } from '../../tables/index.js';

export async function render(result: ReportResult, format: Format, opts: RenderOptions = {}): Promise<string | Buffer> {
  if (opts.section !== undefined && (format === 'json' || format === 'png')) {
    throw new UsageError(`--section picks one table of the report: use it with --format csv or table, not ${format}`);
  }
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'table':
      return formatTable(result, opts);
    case 'csv': {
      // the CLI's CSV keeps its English headers: scripts read them
      const out = reportCsv(result, { section: opts.section, locale: 'en' });
      if (!out.ok) throw unknownSection(out);
      return out.csv;
    }
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
