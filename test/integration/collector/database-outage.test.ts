import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');

// Needs a server to cut: runs wherever TEST_DATABASE_URL is set, as it is in CI (.ci/run).
describe.runIf(postgres)('database outage on postgres', () => {
  let backing: TestStore;
  let proxy: TcpProxy;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    backing = await postgres!.open();
    proxy = TcpProxy.to(backing.url!);
    await proxy.up();
    store = openStore({ kind: 'postgres', url: proxy.urlFor(backing.url!), poolSize: 2 });
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await proxy.down();
    await backing.drop();
  });

  it('answers 503 while the database is down, stays up, and stores the retried body once', async () => {
    const body = fixtureBytes('whatsapp/status-sent-marketing.json');
    await proxy.down();
    const during = await postWhatsApp(server.url, body);
    expect(during.status).toBe(503);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await proxy.up();
    const retry = await postWhatsApp(server.url, body);
    expect(retry.status).toBe(200);
    const again = await postWhatsApp(server.url, body); // Meta may still redeliver after a 200
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    const raw = await backing.db.selectFrom('raw_events').select('id').execute();
    const statuses = await backing.db.selectFrom('message_statuses').select('wamid').execute();
    expect(raw).toHaveLength(1);
    expect(statuses).toHaveLength(1);
  });
});
