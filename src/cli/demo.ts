import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { chartForReport } from '../charts/index.js';
import type { Config } from '../config.js';
import { startHttpServer } from '../http/index.js';
import { createLogger } from '../log.js';
import { settleConversations } from '../conversations/index.js';
import { parsePeriod, REPORT_NAMES, runReport } from '../metrics/index.js';
import { openStore } from '../store/index.js';
import { reportContext } from './report-context.js';
import { render } from './format/render.js';
import { simulateIntoStore } from './simulate.js';

const DEMO_TZ = 'Asia/Dubai';
const DAY_MS = 86_400_000;

/**
 * `wapulse demo` (`npm run demo`): a fresh embedded database under DATA_DIR/demo, 14 simulated
 * days ending now, every report's JSON and every chart in ./demo-out/, the overview printed,
 * then the collector serving that database (secrets generated for the session when unset).
 */
export async function demoCommand(base: Config, outDir = 'demo-out', now = new Date()): Promise<void> {
  const dataDir = join(base.database.kind === 'pglite' ? base.database.dataDir : './.data', 'demo');
  const config: Config = {
    ...base,
    database: { kind: 'pglite', dataDir },
    whatsapp: { ...base.whatsapp, appSecret: base.whatsapp.appSecret ?? randomBytes(16).toString('hex') },
    inbox: { secret: base.inbox.secret ?? randomBytes(16).toString('hex') },
    reports: { ...base.reports, tz: DEMO_TZ },
  };
  const say = (s: string) => process.stdout.write(s);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await buildApp(config, { log, store: openStore(config.database) });

  say(`wapulse demo: embedded database in ${dataDir}\n`);
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 14 * DAY_MS);
  await simulateIntoStore(app.store, config, { days: 14, scale: 1, seed: 42, start, tz: DEMO_TZ }, now, say);

  const week = parsePeriod('7d', DEMO_TZ, now);
  if (!week.ok) throw new Error(week.error);
  const written: string[] = [];
  // Settle once: the reports below all read the same state at `now`.
  await settleConversations(app.store.db, now, config.conversationIdleMs);
  const context = reportContext(config, now);
  for (const name of REPORT_NAMES) {
    const result = await runReport(app.store.db, name, { window: week.window, filters: {} }, context);
    await writeFile(join(outDir, `${name}.json`), await render(result, 'json'));
    written.push(`${name}.json`);
    const png = await chartForReport(result);
    if (png) {
      await writeFile(join(outDir, `${name}.png`), png);
      written.push(`${name}.png`);
    }
    if (name === 'overview') say(`\n${await render(result, 'table')}\n`);
  }
  say(`wrote ${written.length} files to ${outDir}/: ${written.join(', ')}\n`);

  const server = await startHttpServer(app, config.port);
  say(
    `\ncollector listening on ${server.url} (Ctrl-C to stop)\n` +
      `  try: curl ${server.url}/readyz\n` +
      `  reports on this data: DATA_DIR=${dataDir} REPORT_TZ=${DEMO_TZ} npx wapulse report agents --period 7d\n`,
  );
  const stop = async () => {
    await server.close().catch(() => {});
    await app.store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
