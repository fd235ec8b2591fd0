import type { Config } from '../config.js';
import { parseCommandArgs } from './args.js';
import { databaseFault } from './database-fault.js';
import { SHUTDOWN_DEADLINE_MS, startServe } from './start-serve.js';

/** `wapulse serve`: the collector's HTTP server (and, once configured, the Slack app). */
export async function serveCommand(config: Config, argv: string[] = []): Promise<void> {
  parseCommandArgs(argv, {});
  const serving = await startServe(config);
  const { app, server } = serving;
  app.log.info(
    {
      listening: server.boundTo,
      url: server.url,
      database: config.database.kind === 'postgres' ? 'postgres (DATABASE_URL)' : `pglite (${config.database.dataDir})`,
      whatsapp: whatsappState(config),
      inbox: config.inbox.secret ? 'on' : 'off (set INBOX_WEBHOOK_SECRET)',
      chatwoot: config.chatwoot.key ? 'on' : 'off (set CHATWOOT_WEBHOOK_KEY)',
      spool: app.spool ? `${[...config.spool.sources].join(', ')} → ${config.spool.dir}` : 'off (SPOOL_MAX_BYTES=0)',
    },
    'wapulse collector started',
  );
  if (!config.slack) app.log.info('Slack app is off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set');

  let stopping = false;
  const stop = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Whatever happens below, the process is gone within the deadline.
    setTimeout(() => process.exit(code || 1), SHUTDOWN_DEADLINE_MS + 500).unref();
    const report = await serving.shutdown(SHUTDOWN_DEADLINE_MS);
    app.log.info(report, 'stopped');
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGINT', () => void stop('SIGINT', 0));
  serving.migrated.catch((err: unknown) => {
    // Bad credentials or a missing database: one line saying what to fix, not a stack.
    const fault = databaseFault(err, config.database);
    if (fault) process.stderr.write(`wapulse serve: ${fault.message}\n`);
    app.log.fatal(fault ? { reason: fault.message } : { err }, 'database refused migrations for a reason waiting will not fix');
    void stop('migration failure', 1);
  });
}

/**
 * WhatsApp is on only when both halves are set: without the app secret deliveries cannot be
 * verified (endpoint off); without the verify token Meta's subscription handshake gets 403.
 */
export function whatsappState(config: Config): string {
  const { appSecret, verifyToken } = config.whatsapp;
  if (appSecret && verifyToken) return 'on';
  if (!appSecret && !verifyToken) return 'off (set WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN)';
  if (!appSecret) return 'off (set WHATSAPP_APP_SECRET: deliveries cannot be verified without it)';
  return 'deliveries only: set WHATSAPP_VERIFY_TOKEN, or Meta\'s webhook verification gets 403';
}
