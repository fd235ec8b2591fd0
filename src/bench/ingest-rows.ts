import type { IngestFigures } from './ingest.js';
import type { LoadResult } from './load.js';
import { compact, mib, ms, percentile, ratioText, targetText, type Target } from './stats.js';
import type { Row } from './table.js';

/** The ingest targets (issue 10, "Targets"). */
export const INGEST_TARGETS = {
  singleReqPerSec: { kind: 'atLeast', bound: 5_000, text: '≥ 5000 req/s' },
  batchShareOfInsert: { kind: 'atLeast', bound: 0.5, text: '≥ 50 % of INSERT' },
  errorsAt64: { kind: 'atMost', bound: 0, text: '0 errors' },
  openP99Ms: { kind: 'atMost', bound: 50, text: 'p99 ≤ 50 ms' },
  serveRssMiB: { kind: 'atMost', bound: 300, text: '≤ 300 MB' },
} as const satisfies Record<string, Target>;

const perSec = (r: LoadResult) => ({ req: r.requests / r.seconds, statuses: r.statuses / r.seconds });
const latency = (r: LoadResult) => `p50 ${ms(percentile(r.latencies, 50))} p99 ${ms(percentile(r.latencies, 99))}`;

/** One row per configuration, the open-loop row, PGlite's row and the serve RSS row. */
export function ingestRows(f: IngestFigures): Row[] {
  const section = 'ingest: real `serve` on Postgres (statuses/s; req/s; latency; errors)';
  const rows: Row[] = f.runs.map((run) => {
    const w = perSec(run.wapulse);
    const b = perSec(run.bare);
    const targets: string[] = [];
    if (run.perBody === 1 && run.concurrency >= 16) targets.push(targetText(w.req, INGEST_TARGETS.singleReqPerSec));
    if (run.perBody === 50 && run.concurrency >= 16) {
      targets.push(targetText(w.statuses / f.bareInsertRowsPerSec, INGEST_TARGETS.batchShareOfInsert));
    }
    if (run.concurrency === 64) targets.push(targetText(run.wapulse.errors, INGEST_TARGETS.errorsAt64));
    return {
      section,
      figure: `${run.perBody}/body, ${run.concurrency} in flight`,
      value: `${compact(w.statuses)} st/s; ${compact(w.req)} req/s; ${latency(run.wapulse)}; ${run.wapulse.errors} err`,
      baseline: `HTTP ${compact(b.req)} req/s; INSERT ${compact(f.bareInsertRowsPerSec)} rows/s`,
      ratio: `${ratioText(w.statuses, f.bareInsertRowsPerSec)} of INSERT; ${ratioText(w.req, b.req)} of HTTP`,
      target: targets.join('; '),
    };
  });
  const open = f.open;
  rows.push({
    section,
    figure: '1/body, open loop 1000 req/s',
    value: `${compact(perSec(open).req)} req/s; ${latency(open)}; ${open.errors} err`,
    target: targetText(percentile(open.latencies, 99), INGEST_TARGETS.openP99Ms),
  });
  rows.push({
    section,
    figure: 'serve peak RSS (VmHWM)',
    value: mib(f.serveRssKiB),
    target: targetText(f.serveRssKiB / 1024, INGEST_TARGETS.serveRssMiB),
  });
  const lite = perSec(f.pglite);
  const liteBare = perSec(f.pgliteBare);
  const pgliteSection = 'ingest: real `serve` on PGlite (embedded, no DATABASE_URL)';
  rows.push({
    section: pgliteSection,
    figure: '1/body, 16 in flight',
    value: `${compact(lite.statuses)} st/s; ${latency(f.pglite)}; ${f.pglite.errors} err`,
    baseline: `HTTP ${compact(liteBare.req)} req/s`,
    ratio: `${ratioText(lite.req, liteBare.req)} of HTTP`,
  });
  rows.push({ section: pgliteSection, figure: 'serve peak RSS (VmHWM)', value: mib(f.pgliteRssKiB) });
  return rows;
}
