import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

/**
 * A TCP proxy in front of Postgres that we can cut and restore: the collector sees a real
 * outage (connections refused and reset) without stopping the shared server.
 */
class CuttableProxy {
  private server?: Server;
  private sockets = new Set<Socket>();
  constructor(private readonly target: { host: string; port: number }, public port = 0) {}
  async up(): Promise<void> {
    const { createConnection } = await import('node:net');
    this.server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const postgres = testDatabases.find((d) => d.name === 'postgres');

// Needs a server to cut: runs wherever TEST_DATABASE_URL is set, as it is in CI (.ci/run).
describe.runIf(postgres)('database outage on postgres', () => {
  let backing: TestStore;
  let proxy: CuttableProxy;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    backing = await postgres!.open();
    const url = new URL(backing.url!);
    proxy = new CuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.up();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    store = openStore({ kind: 'postgres', url: url.toString(), poolSize: 2 });
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
