import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { inboundBody } from '../../helpers/whatsapp-bodies.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');

// Two connections, both held by slow work: a webhook can get none. It must wait no longer than
// the acquire bound (CONNECT_MS) and then answer 503 — a retry will help once they are free.
const POOL = 2;
const CONNECT_MS = 400;
const HOLD_S = 2.5;

describe.runIf(postgres)('overload: every pool connection busy', () => {
  let backing: TestStore;
  let store: Store;
  let server: TestServer;

  beforeAll(async () => {
    backing = await postgres!.open();
    store = openStore({ kind: 'postgres', url: backing.url!, poolSize: POOL, connectTimeoutMs: CONNECT_MS, statementTimeoutMs: 10_000 });
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await backing.drop();
  });

  it('answers 503 with Retry-After within the acquire bound, then 200 once a connection is free', async () => {
    const holders = Array.from({ length: POOL }, () => sql`SELECT pg_sleep(${HOLD_S})`.execute(store.db));
    await new Promise((r) => setTimeout(r, 150)); // both connections checked out and sleeping

    const started = Date.now();
    const busy = await postWhatsApp(server.url, inboundBody([{ id: 'wamid.overload-1', from: '971500000031', timestamp: '1767225600' }]));
    const waited = Date.now() - started;
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    // It waited for a connection (≥ the bound, less timer slack) but not for the 2.5 s holders.
    expect(waited).toBeGreaterThanOrEqual(CONNECT_MS - 50);
    expect(waited).toBeLessThan(HOLD_S * 1000);

    await Promise.all(holders);
    const free = await postWhatsApp(server.url, inboundBody([{ id: 'wamid.overload-2', from: '971500000031', timestamp: '1767225600' }]));
    expect(free.status).toBe(200);
    const stored = await store.db.selectFrom('messages').select('wamid').where('wamid', 'like', 'wamid.overload-%').execute();
    // the refused body is not stored (the sender retries it); the later one is
    expect(stored.map((r) => r.wamid)).toEqual(['wamid.overload-2']);
  });
});
