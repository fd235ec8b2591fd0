import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareInsertRate } from './bare-insert.js';
import { bodyMaker } from './bodies.js';
import { startChild, type ChildServer } from './child-server.js';
import { createDatabase, dropDatabase } from './databases.js';
import { closedLoop, openLoop, type LoadResult } from './load.js';

export type IngestRun = { perBody: number; concurrency: number; wapulse: LoadResult; bare: LoadResult };
export type IngestFigures = {
  runs: IngestRun[];
  bareInsertRowsPerSec: number;
  /** 1 status per body at a fixed 1,000 req/s */
  open: LoadResult;
  pglite: LoadResult;
  pgliteBare: LoadResult;
  serveRssKiB: number;
  pgliteRssKiB: number;
};

const SECRET = 'bench-app-secret-not-a-real-one';
const MAIN = new URL('../main.js', import.meta.url).pathname;
const BARE = new URL('./bare-http-server.js', import.meta.url).pathname;
const WEBHOOK = '/webhooks/whatsapp';

/**
 * The ingest half of the bench. The real collector (`node dist/main.js serve`) runs as a child
 * on a scratch database the bench creates and drops; beside it, in the same run and with the
 * same generator, the bare HTTP server and the bare batched INSERT. Runs alternate bare/wapulse
 * per configuration so drift in a shared machine's load hits both alike.
 */
export async function measureIngest(adminUrl: string, quick: boolean, log: (s: string) => void): Promise<IngestFigures> {
  const runMs = quick ? 1_500 : 10_000;
  const warmMs = quick ? 500 : 2_000;
  const scratch = `wapulse_bench_ingest_${process.pid}`;
  const url = await createDatabase(adminUrl, scratch);
  const env = (extra: Record<string, string>) => ({
    WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'bench-verify-token', LOG_LEVEL: 'warn', ...extra,
  });
  let tag = 0;
  const make = (perBody: number) => bodyMaker(`${process.pid}x${tag++}`, perBody, SECRET, Math.floor(Date.now() / 1000));
  const started: ChildServer[] = [];
  const start = async (script: string, args: string[], e: Record<string, string>, ready: string) => {
    const child = await startChild(script, args, e, ready);
    started.push(child);
    return child;
  };
  try {
    const bare = await start(BARE, [], {}, '/');
    const serve = await start(MAIN, ['serve'], env({ DATABASE_URL: url }), '/readyz');
    for (const s of [bare, serve]) await closedLoop(s.url + WEBHOOK, make(1), 16, warmMs); // warm-up (JIT, pools)
    const runs: IngestRun[] = [];
    for (const perBody of [1, 50]) {
      for (const concurrency of [1, 16, 64]) {
        log(`ingest: ${perBody} status(es) per body, ${concurrency} in flight`);
        const b = await closedLoop(bare.url + WEBHOOK, make(perBody), concurrency, runMs);
        const w = await closedLoop(serve.url + WEBHOOK, make(perBody), concurrency, runMs);
        runs.push({ perBody, concurrency, wapulse: w, bare: b });
      }
    }
    log('ingest: open loop, 1 status per body at 1,000 req/s');
    const open = await openLoop(serve.url + WEBHOOK, make(1), 1_000, quick ? 3_000 : 20_000);
    await serve.stop();
    const serveRssKiB = serve.peakRssKiB();
    log('ingest: bare batched INSERT baseline');
    const bareInsertRowsPerSec = await bareInsertRate(url, runMs);

    log('ingest: PGlite, 1 status per body, 16 in flight');
    const dir = mkdtempSync(join(tmpdir(), 'wapulse-bench-pglite-'));
    try {
      const lite = await start(MAIN, ['serve'], env({ DATA_DIR: dir }), '/readyz');
      await closedLoop(lite.url + WEBHOOK, make(1), 16, warmMs);
      const pgliteBare = await closedLoop(bare.url + WEBHOOK, make(1), 16, runMs);
      const pglite = await closedLoop(lite.url + WEBHOOK, make(1), 16, runMs);
      await lite.stop();
      return { runs, bareInsertRowsPerSec, open, pglite, pgliteBare, serveRssKiB, pgliteRssKiB: lite.peakRssKiB() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    for (const child of started) await child.stop();
    await dropDatabase(adminUrl, scratch);
  }
}
