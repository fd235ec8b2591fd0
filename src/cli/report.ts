import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { settleConversations } from '../conversations/index.js';
import { explicitWindow, parsePeriod, REPORT_NAMES, runReport, type ReportName, type ReportResult } from '../metrics/index.js';
import type { Store } from '../store/index.js';
import { FORMATS, render, type Format } from './format/render.js';
import { openMigratedStore } from './open-store.js';
import { reportContext } from './report-context.js';
import { UsageError } from './usage-error.js';

export type ReportArgs = { name: ReportName; format: Format; section?: string; out?: string; query: Parameters<typeof runReport>[2] };

/** Parses `wapulse report <name> …`; every mistake is a UsageError saying what to write instead. */
export function parseReportArgs(argv: string[], config: Config, now: Date): ReportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      period: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      tz: { type: 'string' },
      channel: { type: 'string' },
      agent: { type: 'string' },
      team: { type: 'string' },
      format: { type: 'string', default: 'table' },
      out: { type: 'string' },
      section: { type: 'string' },
    },
  });
  const name = positionals[0] as ReportName | undefined;
  if (!name || !REPORT_NAMES.includes(name)) throw new UsageError(`report name must be one of ${REPORT_NAMES.join(', ')}`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (format === 'png' && !values.out) throw new UsageError('--format png needs --out FILE.png');
  const tz = values.tz ?? config.reports.tz;
  if (values.period && (values.from || values.to)) throw new UsageError('give --period or --from/--to, not both');
  if (Boolean(values.from) !== Boolean(values.to)) throw new UsageError('--from and --to go together');
  const win = values.from ? explicitWindow(values.from, values.to!, tz) : parsePeriod(values.period ?? '7d', tz, now);
  if (!win.ok) throw new UsageError(win.error);
  const filters = { channel: values.channel, agent: values.agent, team: values.team };
  return { name, format, section: values.section, out: values.out, query: { window: win.window, filters: dropUndefined(filters) } };
}

/** `wapulse report`: the same numbers as Slack, as a table, JSON (the stable contract), CSV or a PNG chart. */
export async function reportCommand(config: Config, argv: string[], now = new Date()): Promise<void> {
  const args = parseReportArgs(argv, config, now);
  const store = await openMigratedStore(config);
  try {
    const result = await settledReport(store, config, args.name, args.query, now);
    const output = await render(result, args.format, { section: args.section });
    if (args.out) {
      await writeFile(args.out, output);
      process.stderr.write(`wrote ${args.out}\n`);
    } else {
      process.stdout.write(output);
    }
  } finally {
    await store.close();
  }
}

/** Settles conversations at `now` (derived cycles, idle closes), then runs the report. */
async function settledReport(store: Store, config: Config, name: ReportName, query: ReportArgs['query'], now: Date): Promise<ReportResult> {
  await settleConversations(store.db, now, config.conversationIdleMs);
  return runReport(store.db, name, query, reportContext(config, now));
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
