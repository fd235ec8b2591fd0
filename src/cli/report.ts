import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { useChartBackend } from '../charts/index.js';
import type { Config } from '../config.js';
import { settleConversations } from '../conversations/index.js';
import { explicitWindow, parsePeriod, REPORT_NAMES, runReport, type ReportName } from '../metrics/index.js';
import { parseCommandArgs } from './args.js';
import { withDatabaseFaults } from './database-fault.js';
import { DEMO_TZ } from './demo-days.js';
import { FORMATS, render, type Format } from './format/render.js';
import { resolveFilters } from './known-filters.js';
import { OutsideFault } from './outside-fault.js';
import { reportContext } from './report-context.js';
import { openReportStore, reportReads } from './report-store.js';
import { UsageError } from './usage-error.js';
import { describeInstant, describeWindow } from './format/window-text.js';

export type ReportArgs = {
  name: ReportName;
  format: Format;
  section?: string;
  out?: string;
  /** True when --tz was given, so nothing else may choose the zone. */
  tzGiven: boolean;
  query: Parameters<typeof runReport>[2];
};

const OPTIONS = {
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
} as const;

/**
 * Parses `wapulse report <name> …`; every mistake is a UsageError saying what to write instead.
 * Days are taken in --tz, else `defaultTz` (REPORT_TZ). Dates in --from/--to and --period
 * a..b mean the same whole local days, both ends included.
 */
export function parseReportArgs(argv: string[], config: Config, now: Date, defaultTz = config.reports.tz): ReportArgs {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 1);
  const name = positionals[0] as ReportName | undefined;
  if (!name || !REPORT_NAMES.includes(name)) {
    throw new UsageError(`${name ? `unknown report "${name}"; ` : ''}report name must be one of ${REPORT_NAMES.join(', ')}`);
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (format === 'png' && !values.out) throw new UsageError('--format png needs --out FILE.png');
  const tz = values.tz ?? defaultTz;
  if (values.period && (values.from || values.to)) throw new UsageError('give --period or --from/--to, not both');
  if (Boolean(values.from) !== Boolean(values.to)) throw new UsageError('--from and --to go together');
  const win = values.from ? explicitWindow(values.from, values.to!, tz) : parsePeriod(values.period ?? '7d', tz, now);
  if (!win.ok) throw new UsageError(win.error);
  const filters = { channel: values.channel, agent: values.agent, team: values.team };
  return {
    name,
    format,
    section: values.section,
    out: values.out,
    tzGiven: values.tz !== undefined,
    query: { window: win.window, filters: dropUndefined(filters) },
  };
}

export type ReportDeps = { now?: Date; env?: NodeJS.ProcessEnv; stdout?: (s: string | Buffer) => void; stderr?: (s: string) => void };

/** `wapulse report`: the same numbers as Slack, as a table, JSON (the stable contract), CSV or a PNG chart. */
export async function reportCommand(config: Config, argv: string[], deps: ReportDeps = {}): Promise<void> {
  const now = deps.now ?? new Date();
  const env = deps.env ?? process.env;
  useChartBackend(config.chartBackend);
  const stdout = deps.stdout ?? ((s) => process.stdout.write(s));
  const stderr = deps.stderr ?? ((s) => process.stderr.write(s));
  let args = parseReportArgs(argv, config, now);
  // Before the work, not after it.
  if (args.out && !existsSync(dirname(args.out))) throw missingFolder(args.out);
  const primary = await openReportStore(config);
  const { store, target, demo } = primary;
  const reads = reportReads(config, primary);
  try {
    if (demo) {
      // The demo's traffic lives in Dubai: its days and hours read right only in its zone.
      const zoned = !args.tzGiven && !env.REPORT_TZ;
      if (zoned) args = parseReportArgs(argv, config, now, DEMO_TZ);
      stderr(
        `reading the demo's database in ${target.kind === 'pglite' ? target.dataDir : ''} (nothing in DATA_DIR ${config.dataDir})` +
          `${zoned ? `, days in ${DEMO_TZ}` : ''}; set DATABASE_URL or DATA_DIR to read another store\n`,
      );
    }
    // Settle writes derived cycles (idle closes): the primary. The report reads where REPORTS_DATABASE_URL says.
    await withDatabaseFaults(target, () => settleConversations(store.db, now, config.conversationIdleMs));
    const result = await withDatabaseFaults(reads.target, async () => {
      const query = { ...args.query, filters: await resolveFilters(reads.store.db, args.query.filters) };
      return runReport(reads.store.db, args.name, query, reportContext(config, now));
    });
    const output = await render(result, args.format, { section: args.section, tz: args.query.window.tz });
    // The table states its window in its header; other formats keep stdout clean for machines.
    if (args.format !== 'table' || args.out) {
      stderr(`${args.name === 'live' ? describeInstant(now, args.query.window.tz) : describeWindow(args.query.window)}\n`);
    }
    if (args.out) {
      await writeOut(args.out, output);
      stderr(`wrote ${args.out}\n`);
    } else {
      stdout(output);
    }
  } finally {
    await reads.close();
    await store.close();
  }
}

/** Writes --out, with a missing folder or a refused write named in one line. */
async function writeOut(path: string, data: string | Buffer): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw missingFolder(path, err);
    if (code === 'EACCES' || code === 'EPERM') throw new OutsideFault(`cannot write ${path}: permission denied`, { cause: err });
    if (code === 'EISDIR') throw new OutsideFault(`cannot write ${path}: it is a folder; give a file name`, { cause: err });
    throw err;
  }
}

function missingFolder(path: string, cause?: unknown): OutsideFault {
  return new OutsideFault(`cannot write ${path}: folder ${dirname(path)} does not exist`, { cause });
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
