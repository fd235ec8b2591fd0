import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startServe } from '../../../src/cli/start-serve.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { APP_SECRET, fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');
const serveOn = (env: Record<string, string>) =>
  loadConfig({ WHATSAPP_APP_SECRET: APP_SECRET, DATA_DIR: mkdtempSync(join(tmpdir(), 'wapulse-stop-')), ...env });
const refused = (url: string) => fetch(`${url}/healthz`).then(() => false, () => true);

describe.each(testDatabases)('graceful shutdown on $name', (database) => {
  // PGlite applies every migration when it starts: slow on a busy machine, hence the timeout.
  it('stops accepting, closes the pool and reports a clean stop quickly when nothing is running', { timeout: 90_000 }, async () => {
    const store = database.name === 'pglite' ? openStore({ kind: 'pglite', dataDir: null }) : undefined;
    const backing = store ? undefined : await database.open();
    const serving = await startServe(serveOn(backing ? { DATABASE_URL: backing.url! } : {}), {
      port: 0, hostname: '127.0.0.1', store, log: createLogger('silent'),
    });
    expect(await serving.migrated).toBe(true);
    expect((await fetch(`${serving.server.url}/healthz`)).status).toBe(200);
    const report = await serving.shutdown();
    expect(report).toMatchObject({ requestsFinished: true, jobsLeft: [], poolClosed: true });
    expect(report.ms).toBeLessThan(2_000); // nothing to wait for: far below the 8.5 s job budget
    expect(await refused(serving.server.url)).toBe(true);
    await backing?.drop();
  });
});

describe.runIf(postgres)('graceful shutdown with work in flight', () => {
  it('lets a request in flight finish and answers it before closing the pool', async () => {
    const backing = await postgres!.open();
    const serving = await startServe(serveOn({ DATABASE_URL: backing.url! }), { port: 0, hostname: '127.0.0.1', log: createLogger('silent') });
    await serving.migrated;
    // Hold raw_events so the webhook is mid-transaction when SIGTERM arrives.
    const locker = new pg.Client({ connectionString: backing.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE raw_events IN ACCESS EXCLUSIVE MODE');
    const inFlight = postWhatsApp(serving.server.url, fixtureBytes('whatsapp/status-read.json'));
    await new Promise((r) => setTimeout(r, 200));
    const stopping = serving.shutdown();
    await new Promise((r) => setTimeout(r, 300));
    expect(await refused(serving.server.url)).toBe(true); // no longer accepting…
    await locker.query('ROLLBACK'); // …while the one in flight proceeds
    await locker.end();
    expect((await inFlight).status).toBe(200);
    const report = await stopping;
    expect(report).toMatchObject({ requestsFinished: true, jobsLeft: [], poolClosed: true });
    expect(report.ms).toBeLessThan(2_000);
    const raw = await backing.db.selectFrom('raw_events').select('id').execute();
    expect(raw).toHaveLength(1);
    await backing.drop();
  });

  it('gives the job its budget, then stops anyway within the 10 s deadline', { timeout: 30_000 }, async () => {
    const backing = await postgres!.open();
    // settle's first statement deletes from conversation_dirty: hold that table so the job
    // cannot finish, with a statement_timeout longer than the shutdown deadline.
    const locker = new pg.Client({ connectionString: backing.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE conversation_dirty IN ACCESS EXCLUSIVE MODE');
    const serving = await startServe(serveOn({ DATABASE_URL: backing.url!, DB_STATEMENT_TIMEOUT_MS: '60000' }), {
      port: 0, hostname: '127.0.0.1', log: createLogger('silent'), every: { settle: 50 },
    });
    await serving.migrated;
    for (let i = 0; i < 40 && !serving.jobs.running().includes('settle'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(serving.jobs.running()).toContain('settle');

    const report = await serving.shutdown();
    // Requests and jobs get 10 s minus 1.5 s kept for closing the pool: 8.5 s. The stuck job
    // uses all of it; the pool cannot close while it holds a connection, so that waits the
    // remaining 1.5 s. Total: 10 s, and never more (a little slack for timers).
    expect(report.jobsLeft).toEqual(['settle']);
    expect(report.requestsFinished).toBe(true);
    expect(report.poolClosed).toBe(false);
    expect(report.ms).toBeGreaterThanOrEqual(8_500 - 50);
    expect(report.ms).toBeLessThanOrEqual(10_000 + 200);
    expect(await refused(serving.server.url)).toBe(true);

    await locker.query('ROLLBACK');
    await locker.end();
    await backing.drop();
  });
});
