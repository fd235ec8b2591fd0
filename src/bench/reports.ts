import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { chartForReport } from '../charts/index.js';
import { REPORT_NAMES, runReport, type ReportName, type ReportQuery, type ReportResult } from '../metrics/index.js';
import { SEED_TZ } from './seed-plan.js';
import { openSeedStore, type Seeded } from './seeded-database.js';
import { percentile } from './stats.js';
import { timeIt, type Timing } from './timing.js';

export type ReportTiming = { name: ReportName; days: number; timing: Timing };
export type DigestTiming = { reports: Timing; charts: Timing; total: Timing; charted: number; pngs: number };
export type ScaleFigures = { seeded: Omit<Seeded, 'store' | 'url'>; countAll: Timing; reports: ReportTiming[]; digest: DigestTiming };

const DAY_MS = 86_400_000;
/** The reports a digest charts (src/charts/from-reports.ts); the overview has no chart of its own. */
const CHARTED: ReportName[] = ['messages', 'failures', 'agents', 'busy-hours'];

/**
 * Every report over the last 90 and the last 7 days of the seed (ending where the seed ends,
 * so a reused database is asked the same question), each beside a bare `count(*)` over all
 * messages timed in the same run; then the work of a digest: the overview plus the charted
 * reports over 7 days, each chart rendered to PNG.
 */
export async function measureReports(seeded: Seeded, runs: number, cutOffMs: number, log: (s: string) => void): Promise<ScaleFigures> {
  const store = openSeedStore(seeded.url, cutOffMs);
  try {
    return await measureOn(store.db, seeded, runs, cutOffMs, log);
  } finally {
    await store.close();
  }
}

async function measureOn(db: Kysely<Database>, seeded: Seeded, runs: number, cutOffMs: number, log: (s: string) => void): Promise<ScaleFigures> {
  const now = seeded.end;
  const ctx = { now, serviceLevel: 0.8, frtTargetSec: 300 };
  const query = (days: number): ReportQuery => ({ window: { from: new Date(now.getTime() - days * DAY_MS), to: now, tz: SEED_TZ }, filters: {} });
  const countAll = await timeIt(runs, () => sql`SELECT count(*) FROM messages`.execute(db));
  const reports: ReportTiming[] = [];
  for (const days of [90, 7]) {
    for (const name of REPORT_NAMES) {
      log(`reports: ${name}, last ${days} days`);
      reports.push({ name, days, timing: await timeIt(runs, () => runReport(db, name, query(days), ctx), cutOffMs) });
    }
  }
  log('reports: digest (overview + charted reports + PNGs), last 7 days');
  // One after another, as a digest job would run them on one connection's worth of work.
  const ask = async () => {
    const out: ReportResult[] = [];
    for (const n of ['overview' as const, ...CHARTED]) out.push(await runReport(db, n, query(7), ctx));
    return out;
  };
  const results: ReportResult[] = await ask().catch(() => []);
  const draw = async () => {
    let n = 0;
    for (const r of results) if (await chartForReport(r)) n++;
    return n;
  };
  const pngs = await draw();
  // each timed run draws the charts of the reports it just asked for, as a digest would
  const askAndKeep = async () => results.splice(0, results.length, ...(await ask()));
  const digest = { ...(await timeDigest(runs, askAndKeep, draw, cutOffMs)), charted: CHARTED.length, pngs };
  const { store: _store, url: _url, ...rest } = seeded;
  return { seeded: rest, countAll, reports, digest };
}

/**
 * The digest's three figures from one series of runs: each timed run asks the reports and then
 * draws their charts, and the two parts are timed inside it. Timing reports, charts and the
 * whole in three separate series cost three warm-ups and three times the runs for the same
 * figures.
 */
async function timeDigest(
  runs: number, ask: () => Promise<unknown>, draw: () => Promise<number>, cutOffMs: number,
): Promise<Pick<DigestTiming, 'reports' | 'charts' | 'total'>> {
  const asked: number[] = [];
  const drawn: number[] = [];
  const total = await timeIt(runs, async () => {
    const t0 = performance.now();
    await ask();
    const t1 = performance.now();
    await draw();
    asked.push(t1 - t0);
    drawn.push(performance.now() - t1);
  }, cutOffMs);
  // timeIt's first call is its untimed warm-up; the parts of a call cut off never got pushed
  const part = (samples: number[]): Timing => total.cutOffMs !== undefined
    ? { p50: Number.NaN, p95: Number.NaN, runs: Math.max(0, samples.length - 1), cutOffMs: total.cutOffMs }
    : { p50: percentile(samples.slice(1), 50), p95: percentile(samples.slice(1), 95), runs: samples.length - 1 };
  return { reports: part(asked), charts: part(drawn), total };
}
