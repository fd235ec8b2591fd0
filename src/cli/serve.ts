import type { Config } from '../config.js';
import { buildApp } from '../app.js';
import { startHttpServer } from '../http/index.js';
import { pruneRawEventsJob } from '../jobs/prune-raw-events.js';
import { settleConversationsJob } from '../jobs/settle-conversations.js';

const HOUR_MS = 3_600_000;
const SETTLE_MS = 30_000;

/** `wapulse serve`: the collector's HTTP server (and, once configured, the Slack app). */
export async function serveCommand(config: Config): Promise<void> {
  const app = await buildApp(config);
  const server = await startHttpServer(app, config.port);
  app.log.info(
    {
      url: server.url,
      database: config.database.kind === 'postgres' ? 'postgres (DATABASE_URL)' : `pglite (${config.database.dataDir})`,
      whatsapp: config.whatsapp.appSecret ? 'on' : 'off (set WHATSAPP_APP_SECRET)',
      inbox: config.inbox.secret ? 'on' : 'off (set INBOX_WEBHOOK_SECRET)',
      chatwoot: config.chatwoot.key ? 'on' : 'off (set CHATWOOT_WEBHOOK_KEY)',
    },
    'wapulse collector listening',
  );
  if (!config.slack) app.log.info('Slack app is off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set');

  const prune = () => pruneRawEventsJob(app.store, config.rawRetentionDays, app.now(), app.log);
  const pruneTimer = setInterval(prune, HOUR_MS);
  pruneTimer.unref();
  void prune();
  const settle = () => settleConversationsJob(app.store, app.now(), config.conversationIdleMs, app.log);
  const settleTimer = setInterval(settle, SETTLE_MS);
  settleTimer.unref();

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(pruneTimer);
    clearInterval(settleTimer);
    await server.close().catch(() => {});
    await app.store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
