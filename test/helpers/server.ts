import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startHttpServer, type AppContext, type RunningServer } from '../../src/http/index.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store/index.js';
import { APP_SECRET, CHATWOOT_KEY, INBOX_SECRET, VERIFY_TOKEN } from './fixtures.js';

export type TestServer = RunningServer & { app: AppContext };

/** The real HTTP server on a loopback port, over the given store, with test secrets. */
export async function startTestServer(
  store: Store,
  env: Record<string, string> = {},
  now?: () => Date,
): Promise<TestServer> {
  const config = loadConfig({
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    INBOX_WEBHOOK_SECRET: INBOX_SECRET,
    CHATWOOT_WEBHOOK_KEY: CHATWOOT_KEY,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp(config, { store, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), now });
  const server = await startHttpServer(app, 0, '127.0.0.1');
  return { ...server, app };
}
