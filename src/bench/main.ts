#!/usr/bin/env node
import { UsageError } from '../cli/usage-error.js';
import { wantsHelp } from '../cli/args.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './args.js';
import { procMemory } from './child-server.js';
import { measureIngest } from './ingest.js';
import { ingestRows } from './ingest-rows.js';
import { describeMachine } from './machine.js';
import { reportRows } from './report-rows.js';
import { measureReports } from './reports.js';
import { seededDatabase } from './seeded-database.js';
import { mib } from './stats.js';
import { layoutTable, type Row } from './table.js';

/**
 * `npm run bench`: ingest through the real collector and reports over seeded history, each
 * figure beside a bare baseline measured in the same run, printed as one table on stdout.
 * Progress goes to stderr, so `npm run bench > figures.txt` keeps just the figures.
 */
async function bench(opts: BenchOptions): Promise<void> {
  const started = performance.now();
  const log = (s: string) => void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);
  const header = await describeMachine(opts.databaseUrl);
  for (const line of header) log(line);
  const rows: Row[] = [];
  if (opts.only !== 'reports') rows.push(...ingestRows(await measureIngest(opts.databaseUrl, opts.quick, log)));
  if (opts.only !== 'ingest') {
    for (const messages of opts.scales) {
      const seeded = await seededDatabase(opts.databaseUrl, messages, { reseed: opts.reseed, now: new Date() });
      await seeded.store.close();
      log(`reports: ${messages} messages, ${seeded.reused ? `reused (seeded in ${seeded.seedSeconds.toFixed(0)} s)` : `seeded in ${seeded.seedSeconds.toFixed(0)} s`}`);
      rows.push(...reportRows(await measureReports(seeded, opts.runs, opts.reportCutOffMs, log)));
    }
  }
  rows.push({ section: 'bench process', figure: 'peak RSS (VmHWM)', value: mib(procMemory('self').hwm) });
  rows.push({ section: 'bench process', figure: 'wall time', value: `${((performance.now() - started) / 1000).toFixed(0)} s` });
  process.stdout.write(`\nwapulse bench${opts.quick ? ' --quick' : ''}, ${new Date().toISOString()}\n${header.join('\n')}\n\n${layoutTable(rows)}`);
}

const argv = process.argv.slice(2);
if (wantsHelp(argv)) {
  process.stdout.write(`${BENCH_USAGE}\n`);
} else {
  try {
    await bench(parseBenchArgs(argv));
  } catch (err) {
    const usage = err instanceof UsageError;
    process.stderr.write(`bench: ${(err as Error).message}\n${usage ? `${BENCH_USAGE}\n` : ''}`);
    if (!usage && (err as Error).cause) process.stderr.write(`  cause: ${String((err as Error).cause)}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}
