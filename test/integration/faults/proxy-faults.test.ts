import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { useProxiedServer } from '../../helpers/proxied-server.js';
import { startTestServer } from '../../helpers/server.js';
import { inboundBody } from '../../helpers/whatsapp-bodies.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');

// Short bounds so the test waits seconds, not the production 10 s / 5 s.
const STATEMENT_MS = 300;
const CONNECT_MS = 400;
// The client-side read timeout trails statement_timeout by 2 s (src/store/database.ts).
const READ_TIMEOUT_MS = STATEMENT_MS + 2_000;

describe.runIf(postgres)('network faults between the app and Postgres', () => {
  const ctx = useProxiedServer(postgres!, { poolSize: 2, statementTimeoutMs: STATEMENT_MS, connectTimeoutMs: CONNECT_MS });
  afterEach(() => ctx.proxy.up()); // back to forwarding whatever a test did

  it('answers 503 to a request whose connection is reset mid-transaction, 200 to the next', async () => {
    // Hold raw_events so the ingest transaction is certainly open (waiting on the lock,
    // statement_timeout aside) when the link is cut. The lock holder bypasses the proxy.
    const locker = new pg.Client({ connectionString: ctx.backing.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE raw_events IN ACCESS EXCLUSIVE MODE');
    const body = inboundBody([{ id: 'wamid.reset-1', from: '971500000002', timestamp: '1767225600' }]);
    const pending = postWhatsApp(ctx.server.url, body);
    await new Promise((r) => setTimeout(r, 100));
    ctx.proxy.reset();
    const during = await pending;
    await locker.query('ROLLBACK');
    await locker.end();
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');

    const retry = await postWhatsApp(ctx.server.url, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: 'processed' });
  });

  it('answers 503 within the connect bound when the database is blackholed before connecting', async () => {
    const fresh = openStore({ kind: 'postgres', url: ctx.proxy.urlFor(ctx.backing.url!), poolSize: 2, statementTimeoutMs: STATEMENT_MS, connectTimeoutMs: CONNECT_MS });
    const own = await startTestServer(fresh);
    try {
      // Migrations left a connection idle in the pool: cut it (the pool drops it), so the
      // request must open a new one, into the blackhole.
      ctx.proxy.reset();
      await new Promise((r) => setTimeout(r, 50));
      ctx.proxy.blackhole();
      const started = Date.now();
      const res = await postWhatsApp(own.url, fixtureBytes('whatsapp/status-read.json'));
      const took = Date.now() - started;
      expect(res.status).toBe(503);
      // connect timeout 400 ms; under 2 s leaves room for a loaded CI box, far from 135 s.
      expect(took).toBeGreaterThanOrEqual(CONNECT_MS - 50);
      expect(took).toBeLessThan(2_000);
    } finally {
      await own.close();
      await fresh.close().catch(() => {});
    }
  });

  it('answers 503 within the read bound when an open connection goes silent, then recovers', async () => {
    const fresh = openStore({ kind: 'postgres', url: ctx.proxy.urlFor(ctx.backing.url!), poolSize: 1, statementTimeoutMs: STATEMENT_MS, connectTimeoutMs: CONNECT_MS });
    const own = await startTestServer(fresh);
    try {
      // One 200 first, so the pool's only connection is established and idle in the pool.
      expect((await postWhatsApp(own.url, fixtureBytes('whatsapp/status-sent-marketing.json'))).status).toBe(200);
      ctx.proxy.blackhole();
      const started = Date.now();
      const res = await postWhatsApp(own.url, fixtureBytes('whatsapp/status-delivered-pricing.json'));
      const took = Date.now() - started;
      expect(res.status).toBe(503);
      // The server never sees the query, so only the client-side read timeout can end it.
      expect(took).toBeGreaterThanOrEqual(READ_TIMEOUT_MS - 100);
      expect(took).toBeLessThan(READ_TIMEOUT_MS + 2_000);

      // The wedged connection was destroyed, not returned to the pool: once the path is back,
      // the same single-connection pool serves again.
      await ctx.proxy.up();
      ctx.proxy.reset(); // connections opened while blackholed stay dead; drop them
      const after = await postWhatsApp(own.url, fixtureBytes('whatsapp/status-delivered-pricing.json'));
      expect(after.status).toBe(200);
    } finally {
      await own.close();
      await fresh.close().catch(() => {});
    }
  });
});
