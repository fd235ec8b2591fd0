import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { startHttpServer, type AppContext, type RunningServer } from '../../../src/http/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { CHATWOOT_KEY, fixtureBytes, postChatwoot, postInbox, postWhatsApp } from '../../helpers/fixtures.js';
import { captureLog } from '../../helpers/log-capture.js';
import { startTestServer } from '../../helpers/server.js';

const BODY_TIMEOUT_MS = 300;

/** Sends headers and `sent` of a `declared`-byte body on a raw socket, then stalls or hangs up. */
function partialUpload(url: string, path: string, declared: number, sent: number, then: 'stall' | 'abort') {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const started = Date.now();
  let response = '';
  const answered = new Promise<{ status: number; ms: number }>((resolve) => {
    socket.on('data', (d) => {
      response += String(d);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
      if (m) resolve({ status: Number(m[1]), ms: Date.now() - started });
    });
    socket.on('close', () => resolve({ status: 0, ms: Date.now() - started }));
    socket.on('error', () => {});
  });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`);
  socket.write('x'.repeat(sent));
  if (then === 'abort') setTimeout(() => socket.destroy(), 50);
  return { answered, socket };
}

describe('slow and aborted uploads', () => {
  const logs = captureLog('debug');
  let store: Store;
  let app: AppContext;
  let server: RunningServer;

  beforeAll(async () => {
    store = openStore({ kind: 'pglite', dataDir: null });
    const config = loadConfig({ CHATWOOT_WEBHOOK_KEY: CHATWOOT_KEY, BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS), DATA_DIR: '/nonexistent-never-written' });
    app = await buildApp(config, { store, log: logs.log });
    server = await startHttpServer(app, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('answers 408 within the body bound to a sender that stalls halfway, logging no secret', async () => {
    const { answered, socket } = partialUpload(server.url, `/webhooks/chatwoot/${CHATWOOT_KEY}`, 1_000, 500, 'stall');
    const { status, ms } = await answered;
    socket.destroy();
    expect(status).toBe(408);
    expect(ms).toBeGreaterThanOrEqual(BODY_TIMEOUT_MS - 20);
    expect(ms).toBeLessThan(BODY_TIMEOUT_MS + 1_000);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toContain('wapulse_uploads_incomplete_total{source="chatwoot",reason="timeout"} 1');
  });

  it('counts an upload the client aborts, without an error line, and summarises at most once a minute', async () => {
    for (let i = 0; i < 3; i++) {
      const { answered } = partialUpload(server.url, `/webhooks/chatwoot/${CHATWOOT_KEY}`, 1_000, 100, 'abort');
      await answered;
    }
    await new Promise((r) => setTimeout(r, 100)); // the server notices the hang-ups
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toContain('wapulse_uploads_incomplete_total{source="chatwoot",reason="aborted"} 3');
    const lines = logs.lines();
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]); // no error or fatal
    // One summary line for the 408 of the test above; the aborts fall in its quiet minute.
    expect(lines.filter((l) => String(l.msg).includes('slow or aborted uploads in the last minute'))).toHaveLength(1);
    expect(logs.text()).not.toContain(CHATWOOT_KEY);
  });
});

describe.each(testDatabases)('spool bound on $name', (database) => {
  const ctx = useFreshStore(database);

  it('spools Chatwoot bodies before migrations are applied, and answers 503 once the spool is full', async () => {
    const first = fixtureBytes('chatwoot/conversation_created.json');
    const second = fixtureBytes('chatwoot/message_created_outgoing.json');
    // A spooled file is a metadata line of 67 bytes, a newline, then the body: the first body
    // fits exactly; the second, of any length, does not.
    const server = await startTestServer(ctx.store, { SPOOL_MAX_BYTES: String(68 + first.length) });
    try {
      server.app.state.migrated = false; // as while serve waits for its database
      const a = await postChatwoot(server.url, first);
      expect(a.status).toBe(202);
      const b = await postChatwoot(server.url, second);
      expect(b.status).toBe(503);
      expect(b.headers.get('retry-after')).toBe('5');
      const metrics = await server.app.metrics.registry.metrics();
      expect(metrics).toContain('wapulse_spooled_total{source="chatwoot"} 1');
      expect(metrics).toContain('wapulse_webhooks_rejected_total{source="chatwoot",reason="spool_full"} 1');
      // The generic inbox is not spooled unless INBOX_SPOOL=true: plain 503.
      expect(server.app.config.spool.sources.has('inbox')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('spools the generic inbox too when INBOX_SPOOL=true', async () => {
    const server = await startTestServer(ctx.store, { INBOX_SPOOL: 'true' });
    try {
      server.app.state.migrated = false;
      const res = await postInbox(server.url, []);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ status: 'spooled' });
    } finally {
      await server.close();
    }
  });

  it('answers 500, not 503, when storing fails for a reason a retry will not fix', async () => {
    const server = await startTestServer(ctx.store);
    // A table of ours gone: every insert fails with 42P01 (undefined_table), a bug on our side.
    await ctx.store.execScript('DROP TABLE raw_events CASCADE');
    try {
      const res = await postWhatsApp(server.url, fixtureBytes('whatsapp/status-read.json'));
      expect(res.status).toBe(500);
      const metrics = await server.app.metrics.registry.metrics();
      expect(metrics).toContain('wapulse_webhooks_rejected_total{source="whatsapp",reason="store_error"} 1');
    } finally {
      await server.close();
    }
  });
});
