import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Serving } from '../../../src/cli/start-serve.js';
import { loadConfig } from '../../../src/config.js';
import { APP_SECRET, CHATWOOT_KEY, fixtureBytes, postChatwoot, postWhatsApp } from '../../helpers/fixtures.js';
import { captureLog } from '../../helpers/log-capture.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(statement);
  await c.end();
}

/**
 * `wapulse serve` started while Postgres is unreachable, through the real wiring (startServe,
 * as serveCommand uses it). Before: migrations threw and the process exited. Now: health
 * answers, readiness and WhatsApp say 503, Chatwoot bodies are spooled; when the database
 * answers, migrations run, webhooks are stored and the spool drains in arrival order.
 */
describe.runIf(adminUrl)('serve with the database down at start', () => {
  const name = `wapulse_t_down_${process.pid}`;
  const dbUrl = new URL(adminUrl!);
  dbUrl.pathname = `/${name}`;
  const proxy = TcpProxy.to(dbUrl.toString());
  const logs = captureLog('info');
  const dataDir = mkdtempSync(join(tmpdir(), 'wapulse-serve-'));
  let serving: Serving;
  let url: string;
  let downSince = 0;
  let downMs = 0;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`); // empty: serve must migrate it
    await proxy.up(); // takes a port…
    await proxy.down(); // …on which nothing answers: connections refused
    const config = loadConfig({
      DATABASE_URL: proxy.urlFor(dbUrl.toString()),
      DB_CONNECT_TIMEOUT_MS: '500',
      WHATSAPP_APP_SECRET: APP_SECRET,
      CHATWOOT_WEBHOOK_KEY: CHATWOOT_KEY,
      DATA_DIR: dataDir,
    });
    downSince = Date.now();
    serving = await startServe(config, {
      port: 0,
      hostname: '127.0.0.1',
      log: logs.log,
      every: { spoolReplay: 100 },
      backoff: { firstMs: 50, maxMs: 200, logEveryMs: 1_000 },
    });
    url = serving.server.url;
  });
  afterAll(async () => {
    await serving?.shutdown(2_000);
    await proxy.down();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('serves health at once, refuses or spools webhooks, then migrates and drains the spool in order', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    const wa = await postWhatsApp(url, fixtureBytes('whatsapp/status-read.json'));
    expect(wa.status).toBe(503); // Meta retries: never spooled
    expect(wa.headers.get('retry-after')).toBe('5');

    // Chatwoot never retries: kept on disk, fsynced, answered 202.
    const order = ['conversation_created', 'message_created_outgoing', 'conversation_updated_assignee', 'conversation_status_changed_resolved'];
    const bodies = order.map((f) => fixtureBytes(`chatwoot/${f}.json`));
    for (const body of bodies) {
      const res = await postChatwoot(url, body);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ status: 'spooled' });
    }
    const spoolDir = join(dataDir, 'spool');
    expect(readdirSync(spoolDir).filter((f) => f.endsWith('.body'))).toHaveLength(4);

    await new Promise((r) => setTimeout(r, 1_200)); // a few retries happen meanwhile
    await proxy.up();
    downMs = Date.now() - downSince;
    expect(await serving.migrated).toBe(true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await postWhatsApp(url, fixtureBytes('whatsapp/status-read.json'))).status).toBe(200);

    // The replay job (every 100 ms here) drains the spool; wait for it, bounded.
    for (let i = 0; i < 50 && readdirSync(spoolDir).some((f) => f.endsWith('.body')); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(spoolDir).filter((f) => f.endsWith('.body'))).toEqual([]);
    expect(readdirSync(join(spoolDir, 'claimed'))).toEqual([]);

    const check = new pg.Client({ connectionString: dbUrl.toString() });
    await check.connect();
    const { rows } = await check.query<{ body_sha256: string }>(
      `SELECT body_sha256 FROM raw_events WHERE source = 'chatwoot' ORDER BY id`,
    );
    await check.end();
    expect(rows.map((r) => r.body_sha256)).toEqual(bodies.map(sha)); // stored in arrival order

    const lines = logs.lines();
    const retrying = lines.filter((l) => l.msg === 'database unreachable, retrying');
    // Logged at most once a second here (logEveryMs), not once per attempt (every ≤ 200 ms),
    // without a stack. The outage lasts ≥ 1.2 s, longer on a loaded machine: bound by its length.
    expect(retrying.length).toBeGreaterThanOrEqual(1);
    expect(retrying.length).toBeLessThanOrEqual(Math.floor(downMs / 1_000) + 1);
    expect(retrying.every((l) => l.err === undefined && typeof l.reason === 'string')).toBe(true);
    expect(lines.some((l) => l.msg === 'database reachable; migrations up to date')).toBe(true);
    expect(logs.text()).not.toContain(CHATWOOT_KEY);
  });
});
