import { describe, expect, it } from 'vitest';
import { fixtureBytes, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases } from '../../helpers/databases.js';
import { useProxiedServer } from '../../helpers/proxied-server.js';

const postgres = testDatabases.find((d) => d.name === 'postgres');

// Needs a server to cut: runs wherever TEST_DATABASE_URL is set, as it is in CI (.ci/run).
describe.runIf(postgres)('database outage on postgres', () => {
  const ctx = useProxiedServer(postgres!, { poolSize: 2 });

  it('answers 503 while the database is down, stays up, and stores the retried body once', async () => {
    const body = fixtureBytes('whatsapp/status-sent-marketing.json');
    await ctx.proxy.down();
    const during = await postWhatsApp(ctx.server.url, body);
    expect(during.status).toBe(503);
    expect((await fetch(`${ctx.server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${ctx.server.url}/healthz`)).status).toBe(200);

    await ctx.proxy.up();
    const retry = await postWhatsApp(ctx.server.url, body);
    expect(retry.status).toBe(200);
    const again = await postWhatsApp(ctx.server.url, body); // Meta may still redeliver after a 200
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect((await fetch(`${ctx.server.url}/readyz`)).status).toBe(200);

    const raw = await ctx.backing.db.selectFrom('raw_events').select('id').execute();
    const statuses = await ctx.backing.db.selectFrom('message_statuses').select('wamid').execute();
    expect(raw).toHaveLength(1);
    expect(statuses).toHaveLength(1);
  });
});
