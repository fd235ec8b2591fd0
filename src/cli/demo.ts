import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { chartBackend, chartForReport, useChartBackend } from '../charts/index.js';
import type { Config } from '../config.js';
import { startHttpServer } from '../http/index.js';
import { createLogger } from '../log.js';
import { settleConversations } from '../conversations/index.js';
import { REPORT_NAMES, runReport } from '../metrics/index.js';
import { openStore } from '../store/index.js';
import { parseCommandArgs } from './args.js';
import { DEMO_TZ, demoDays } from './demo-days.js';
import { render } from './format/render.js';
import { assertPortFree } from './port-check.js';
import { reportContext } from './report-context.js';
import { DEMO_SUBDIR } from './report-store.js';
import { simulateIntoStore } from './simulate.js';
import { slackTour } from './demo-slack.js';
import { UsageError } from './usage-error.js';

export type DemoOptions = { serve: boolean; slack: boolean; slackRounds: number };

export function parseDemoArgs(argv: string[]): DemoOptions {
  const { values } = parseCommandArgs(argv, {
    'no-serve': { type: 'boolean', default: false },
    slack: { type: 'boolean', default: false },
    'slack-rounds': { type: 'string', default: '1' },
  });
  const rounds = Number(values['slack-rounds']);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) throw new UsageError('--slack-rounds must be a whole number from 1 to 100');
  return { serve: !values['no-serve'], slack: values.slack || values['slack-rounds'] !== '1', slackRounds: rounds };
}

/**
 * `wapulse demo` (`npm run demo`): a fresh embedded database under DATA_DIR/demo, the 14
 * simulated days of {@link demoDays}, every report's JSON and every chart in ./demo-out/, the
 * overview printed; then the collector serving that database (secrets generated for the
 * session when unset), unless `--no-serve`. Returns whether the process should keep running.
 */
export async function demoCommand(base: Config, argv: string[], outDir = 'demo-out', now = new Date()): Promise<'exit' | 'keep-running'> {
  const { serve, slack, slackRounds } = parseDemoArgs(argv);
  useChartBackend(base.chartBackend);
  const dataDir = join(base.database.kind === 'pglite' ? base.database.dataDir : base.dataDir, DEMO_SUBDIR);
  const config: Config = {
    ...base,
    database: { kind: 'pglite', dataDir },
    whatsapp: { ...base.whatsapp, appSecret: base.whatsapp.appSecret ?? randomBytes(16).toString('hex') },
    inbox: { secret: base.inbox.secret ?? randomBytes(16).toString('hex') },
    reports: { ...base.reports, tz: DEMO_TZ },
  };
  // Before a minute of simulation, not after it.
  if (serve) await assertPortFree(config.port, config.host);
  const say = (s: string) => process.stdout.write(s);
  const days = demoDays(now);
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await buildApp(config, { log, store: openStore(config.database) });

  say(`wapulse demo: embedded database in ${dataDir}\n`);
  say(`traffic: the ${days.simulate.days} whole days ${days.firstDay} to ${days.lastDay} in ${DEMO_TZ} (ending at today's midnight), seed ${days.simulate.seed}\n`);
  await simulateIntoStore(app.store, config, days.simulate, now, say);

  const written: string[] = [];
  // Settle once: the reports below all read the same state at `now`.
  await settleConversations(app.store.db, now, config.conversationIdleMs);
  const context = reportContext(config, now);
  for (const name of REPORT_NAMES) {
    const result = await runReport(app.store.db, name, { window: days.reportWindow, filters: {} }, context);
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
  say(`charts drawn with ${(await chartBackend()).name}\n`);
  say(`reports on this data: ${reportHint(base, dataDir)}npx wapulse report agents --period ${days.reportFirstDay}..${days.lastDay}\n`);
  if (slack) await slackTour({ ...app, now: () => now }, { rounds: slackRounds, say });

  if (!serve) {
    await app.store.close();
    return 'exit';
  }
  const server = await startHttpServer(app, config.port, config.host);
  say(`\ncollector listening on ${server.boundTo} (Ctrl-C to stop)\n  try: curl ${server.url}/readyz\n`);
  const stop = async () => {
    await server.close().catch(() => {});
    await app.store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return 'keep-running';
}

// `wapulse report` reads the demo's database by itself while DATA_DIR holds none and no
// DATABASE_URL is set; otherwise the command needs to say where the demo's data is.
function reportHint(base: Config, dataDir: string): string {
  const own = base.database.kind === 'postgres' || existsSync(join(base.dataDir, 'PG_VERSION'));
  return own ? `${base.database.kind === 'postgres' ? 'DATABASE_URL= ' : ''}DATA_DIR=${dataDir} REPORT_TZ=${DEMO_TZ} ` : '';
}
