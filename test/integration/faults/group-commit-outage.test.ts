import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';
import { inboundBody } from '../../helpers/whatsapp-bodies.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');

/**
 * A group commit whose transaction loses its connection: every request of that batch was
 * promised nothing, so each must get 503 (a retry helps), the process must live on, and the
 * retried bodies must then be stored once each. A 300 ms batch window puts the 6 requests,
 * sent together, in one batch; a lock on raw_events held from outside the proxy keeps that
 * batch's transaction open until the link is cut.
 */
const BODIES = Array.from({ length: 6 }, (_, i) =>
  inboundBody([{ id: `wamid.outage-${i}`, from: `97150000070${i}`, timestamp: '1767225600' }]),
);

describe.runIf(postgres)('database lost in the middle of a group commit', () => {
  let backing: TestStore;
  let proxy: TcpProxy;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    backing = await postgres!.open();
    proxy = TcpProxy.to(backing.url!);
    await proxy.up();
    store = openStore({ kind: 'postgres', url: proxy.urlFor(backing.url!), poolSize: 2, statementTimeoutMs: 5_000, connectTimeoutMs: 400 });
    server = await startTestServer(store, { INGEST_BATCH_WAIT_MS: '300' });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await proxy.down();
    await backing.drop();
  });

  it('answers 503 to every request of the batch, lives on, and stores each retried body once', async () => {
    const locker = new pg.Client({ connectionString: backing.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE raw_events IN ACCESS EXCLUSIVE MODE');
    const pending = BODIES.map((b) => postWhatsApp(server.url, b));
    await new Promise((r) => setTimeout(r, 600)); // the batch went at 300 ms and waits on the lock
    proxy.reset();
    const during = await Promise.all(pending);
    await locker.query('ROLLBACK');
    await locker.end();

    expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 503]);
    expect(during.map((r) => r.headers.get('retry-after'))).toEqual(['5', '5', '5', '5', '5', '5']);
    const batches = (await server.app.metrics.ingestBatchBodies.get()).values;
    // one batch held all six (count 1, sum 6): the failure really hit a shared transaction
    expect(batches.filter((v) => v.metricName?.endsWith('_count') || v.metricName?.endsWith('_sum')).map((v) => v.value)).toEqual([6, 1]);

    const retried = await Promise.all(BODIES.map((b) => postWhatsApp(server.url, b)));
    expect(await Promise.all(retried.map((r) => r.json()))).toEqual(BODIES.map(() => ({ status: 'processed', problems: [] })));
    const rows = await backing.db.selectFrom('messages').select('wamid').where('wamid', 'like', 'wamid.outage-%').orderBy('wamid').execute();
    expect(rows.map((r) => r.wamid)).toEqual(BODIES.map((_, i) => `wamid.outage-${i}`));
    expect(await backing.db.selectFrom('raw_events').select('id').execute()).toHaveLength(6);
  });
});

/**
 * More bodies waiting than INGEST_QUEUE_MAX: answered 503 at once (a retry helps), not queued
 * without bound. With batches of 1, two flushes in flight and a queue of 1, a lock on
 * raw_events stalls the first two bodies' transactions, the third waits in the queue, and the
 * fourth must be refused — then the first three are stored once the lock goes.
 */
describe.runIf(postgres)('group commit queue full', () => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await postgres!.open();
    server = await startTestServer(store, { INGEST_BATCH_MAX: '1', INGEST_QUEUE_MAX: '1' });
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it('answers 503 overloaded past the queue bound, and stores what it queued', async () => {
    const locker = new pg.Client({ connectionString: store.url });
    await locker.connect();
    await locker.query('BEGIN; LOCK TABLE raw_events IN ACCESS EXCLUSIVE MODE');
    const first = BODIES.slice(0, 3).map((b) => postWhatsApp(server.url, b));
    await new Promise((r) => setTimeout(r, 400)); // two flushes waiting on the lock, one body queued
    const started = performance.now();
    const refused = await postWhatsApp(server.url, BODIES[3]!);
    const waited = performance.now() - started;
    await locker.query('ROLLBACK');
    await locker.end();

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: 'overloaded, retry later' });
    expect(waited).toBeLessThan(300); // refused at once, not after a wait
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await store.db.selectFrom('raw_events').select('id').execute()).toHaveLength(3);
  });
});
