import { createHash, randomBytes } from 'node:crypto';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { fuzzCases, runFuzz, type FuzzAnswer, type FuzzTarget } from '../fuzz/run.js';
import { loadSeeds } from '../fuzz/seeds.js';
import { startHttpServer } from '../http/index.js';
import { openStore } from '../store/index.js';
import { parseCommandArgs } from './args.js';
import { UsageError } from './usage-error.js';

/**
 * `wapulse fuzz [--seed 1] [--count 1000] [--concurrency 4] [--fixtures test/fixtures] [--url URL]`:
 * POSTs seeded mutations of real bodies to the three webhooks and prints the answers by
 * status. With --url it targets a running collector (secrets from the environment);
 * without, it starts one in-process on an in-memory PGlite and also checks that every
 * answered body is in raw_events. Exit code 1 on any 5xx or missing raw body.
 */
export async function fuzzCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    fixtures: { type: 'string', default: 'test/fixtures' },
    url: { type: 'string' },
  });
  const [seed, count, concurrency] = [values.seed, values.count, values.concurrency].map(Number) as [number, number, number];
  if (![seed, count, concurrency].every((n) => Number.isInteger(n) && n >= 0) || concurrency < 1) {
    throw new UsageError('--seed, --count and --concurrency take whole numbers');
  }
  const cases = fuzzCases(loadSeeds(values.fixtures), seed, count);
  const answered: FuzzAnswer[] = [];
  const local = values.url ? null : await startLocal();
  const target = local?.target ?? remoteTarget(values.url!);
  try {
    const report = await runFuzz(target, cases, concurrency, (a) => answered.push(a));
    const missing = local ? await local.missingRaw(answered) : [];
    process.stdout.write(`${JSON.stringify({ seed, count: report.count, seconds: report.ms / 1000, statuses: report.statuses }, null, 2)}\n`);
    for (const e of report.serverErrors.slice(0, 20)) process.stdout.write(`5xx: case ${e.index} (${e.seed}) → ${e.status}\n`);
    if (local) process.stdout.write(`raw bodies missing: ${missing.length}\n`);
    return report.serverErrors.length + missing.length ? 1 : 0;
  } finally {
    await local?.close();
  }
}

function remoteTarget(url: string): FuzzTarget {
  const config = loadConfig();
  return {
    url: url.replace(/\/$/, ''),
    appSecret: config.whatsapp.appSecret ?? '',
    inboxSecret: config.inbox.secret ?? '',
    chatwootKey: config.chatwoot.key ?? '',
  };
}

/** A collector on loopback over an in-memory database, with throwaway secrets. */
async function startLocal() {
  const secret = () => randomBytes(16).toString('hex');
  const [appSecret, inboxSecret, chatwootKey] = [secret(), secret(), secret()];
  const config = loadConfig({
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'fuzz-verify-token',
    INBOX_WEBHOOK_SECRET: inboxSecret,
    CHATWOOT_WEBHOOK_KEY: chatwootKey,
    LOG_LEVEL: 'silent',
  });
  const store = openStore({ kind: 'pglite', dataDir: null });
  const app = await buildApp(config, { store });
  const server = await startHttpServer(app, 0, '127.0.0.1');
  return {
    target: { url: server.url, appSecret, inboxSecret, chatwootKey },
    /** Answers other than 401/404/413 promise the body was kept: find those that were not. */
    missingRaw: async (answers: FuzzAnswer[]) => {
      const rows = await store.db.selectFrom('raw_events').select(['source', 'body_sha256']).execute();
      const kept = new Set(rows.map((r) => `${r.source}:${r.body_sha256}`));
      return answers.filter(
        (a) => (a.status === 200 || a.status === 400) && !kept.has(`${a.endpoint}:${createHash('sha256').update(a.body).digest('hex')}`),
      );
    },
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
