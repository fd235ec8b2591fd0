import { parseCommandArgs } from '../cli/args.js';
import { UsageError } from '../cli/usage-error.js';

export type BenchOptions = {
  quick: boolean;
  /** admin URL: the bench creates and drops its scratch and seed databases through it */
  databaseUrl: string;
  only: 'ingest' | 'reports' | null;
  reseed: boolean;
  /** message counts to seed and report over */
  scales: number[];
  /** timed runs per report (after one warm-up) */
  runs: number;
  /** a report run longer than this is cancelled and shown as "> cutOff" (far off its target) */
  reportCutOffMs: number;
};

export const BENCH_USAGE = `usage: npm run bench -- [--quick] [--database-url postgres://…] [--only ingest|reports] [--reseed]
  --quick          under 2 minutes: short ingest runs, reports at 100k and 300k messages, 3 runs each
  --database-url   admin URL (default BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
  --only           run only the ingest or only the reports half
  --scale          report at these message counts instead (repeatable: --scale 1m --scale 300k)
  --reseed         seed the report databases again even when a complete one exists`;

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Parses the bench's command line; env supplies the default database URL. */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseCommandArgs(argv, {
    quick: { type: 'boolean' },
    'database-url': { type: 'string' },
    only: { type: 'string' },
    reseed: { type: 'boolean' },
    scale: { type: 'string', multiple: true },
  });
  const only = values.only ?? null;
  if (only !== null && only !== 'ingest' && only !== 'reports') throw new UsageError('--only must be ingest or reports');
  const databaseUrl = values['database-url'] ?? env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url must be a postgres:// URL');
  const quick = values.quick === true;
  return {
    quick,
    databaseUrl,
    only,
    reseed: values.reseed === true,
    // --quick's larger scale is 300k, not 1M: seeding 1M alone took 103 s of the 2-minute budget
    // on a fresh machine, and its reports another ~60 s; the full run keeps 1M and 10M.
    scales: values.scale?.map(parseScale) ?? (quick ? [100_000, 300_000] : [1_000_000, 10_000_000]),
    runs: quick ? 3 : 10,
    reportCutOffMs: quick ? 2_000 : 60_000,
  };
}

/** "300k", "1m", "10M" or a plain count → messages; the seeder's smallest sensible scale is 10k. */
function parseScale(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  const n = m ? Number(m[1]) * ({ '': 1, k: 1_000, m: 1_000_000 } as const)[m[2]!.toLowerCase() as '' | 'k' | 'm'] : NaN;
  if (!Number.isInteger(n) || n < 10_000) throw new UsageError(`--scale must be a message count of at least 10k, like 300k or 1m (got "${text}")`);
  return n;
}
