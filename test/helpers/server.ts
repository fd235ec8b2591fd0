import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startHttpServer, type AppContext, type RunningServer } from '../../src/http/index.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store/index.js';
import type { TestDatabase, TestStore } from './databases.js';
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
    // Only the spool writes here (the store is given): never into the checkout's ./.data.
    DATA_DIR: mkdtempSync(join(tmpdir(), 'wapulse-test-')),
    ...env,
  });
  const app = await buildApp(config, { store, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), now });
  const server = await startHttpServer(app, 0, '127.0.0.1');
  return { ...server, app };
}

/**
 * Registers hooks that give the enclosing describe a fresh database of `database`'s kind and
 * a real server over it, torn down afterwards. Read `ctx.store` / `ctx.server` inside tests.
 */
export function useTestServer(database: TestDatabase, env: Record<string, string> = {}) {
  const ctx = {} as { store: TestStore; server: TestServer };
  beforeAll(async () => {
    ctx.store = await database.open();
    ctx.server = await startTestServer(ctx.store, env);
  });
  afterAll(async () => {
    await ctx.server.close();
    await ctx.store.drop();
  });
  return ctx;
}
