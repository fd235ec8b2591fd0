import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleConversations, type SettleResult } from '../../../src/conversations/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { CHANNEL, inboundBody } from '../../helpers/whatsapp-bodies.js';
import { HAS_POSTGRES, inParallel } from './pool.js';

/**
 * The settle job must never hold up ingest. 3,000 contacts on a number without an inbox, each
 * with three messages seeded as rows and its pair marked dirty, are settled while webhooks for
 * 300 of those same contacts arrive. Every webhook must be answered within 1 s (one settle
 * batch is ~50 pairs; the old single transaction held them for the whole run, 20 s and more),
 * and the end state must equal the quiet run: same webhooks first, then one settle.
 *
 * Seed per contact i (1 … 3000), created at T0 + i min: inbound at +0, an outbound reply at
 * +2 min, inbound again at +48 h. Webhook for contact 10·j (j = 1 … 300): one more inbound at
 * +1 h, which extends the first cycle (idle is 24 h). Settled at NOW (T0 + 20 days), by hand
 * every contact then has exactly two cycles, both auto-closed at their last message:
 *   cycle 1 = [+0, +2 min] (or [+0, +1 h] for the 300), cycle 2 = [+48 h, +48 h];
 * cycle 1's first agent reply is the +2 min outbound (a derived cycle counts any live reply).
 */
const T0 = '2026-10-01T00:00:00Z';
const NOW = new Date('2026-10-21T00:00:00Z');
const IDLE = 24 * 3_600_000;
const CONTACTS = 3_000;
const WEBHOOKS = 300;

async function seed(store: TestStore): Promise<void> {
  await sql`INSERT INTO contacts (wa_id, first_seen_via, created_at)
            SELECT '97156' || lpad(g::text, 5, '0'), 'inbound', ${T0}::timestamptz + g * interval '1 minute'
              FROM generate_series(1, ${CONTACTS}::int) g`.execute(store.db);
  await sql`INSERT INTO messages (wamid, direction, origin, type, phone_number_id, contact_id, ts)
            SELECT 'wamid.seed-' || c.wa_id || '-' || k, CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END, 'live', 'text',
                   ${CHANNEL.phone_number_id}, c.id,
                   c.created_at + CASE k WHEN 1 THEN interval '0' WHEN 2 THEN interval '2 minutes' ELSE interval '48 hours' END
              FROM contacts c, generate_series(1, 3) k`.execute(store.db);
  await sql`INSERT INTO conversation_dirty (contact_id, phone_number_id, since)
            SELECT contact_id, phone_number_id, min(counted_at) FROM messages GROUP BY 1, 2`.execute(store.db);
}

function webhook(j: number): string {
  const i = 10 * j;
  const at = Date.parse(T0) + i * 60_000 + 3_600_000;
  return inboundBody([{ id: `wamid.live-${i}`, from: `97156${String(i).padStart(5, '0')}`, timestamp: String(at / 1000) }]);
}
const bodies = Array.from({ length: WEBHOOKS }, (_, j) => webhook(j + 1));

async function conversations(store: TestStore) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ct.wa_id, c.source, c.opened_at, c.opened_by, c.closed_at, c.closed_by, c.last_message_at, c.first_agent_reply_at
      FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
     ORDER BY ct.wa_id, c.opened_at`.execute(store.db);
  return rows;
}

describe.skipIf(!HAS_POSTGRES)('settle while webhooks arrive, on postgres (needs TEST_DATABASE_URL; PGlite has one connection)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let quiet: TestStore;
  let busy: TestStore;
  let servers: TestServer[];
  let latencies: number[];
  let settled: SettleResult;
  let overlapped: number;

  beforeAll(async () => {
    [quiet, busy] = [await postgres.open(), await postgres.open()];
    servers = [await startTestServer(quiet), await startTestServer(busy)];
    await Promise.all([seed(quiet), seed(busy)]);

    for (const b of bodies) expect((await postWhatsApp(servers[0]!.url, b)).status).toBe(200);
    await settleConversations(quiet.db, NOW, IDLE);

    let settling = true;
    const run = settleConversations(busy.db, NOW, IDLE).finally(() => (settling = false));
    overlapped = 0;
    latencies = await inParallel(bodies, 4, async (b) => {
      if (settling) overlapped++;
      const started = performance.now();
      const res = await postWhatsApp(servers[1]!.url, b);
      expect(res.status).toBe(200);
      return performance.now() - started;
    });
    settled = await run;
    // what arrived behind the first run's batches is picked up by the next one
    await settleConversations(busy.db, NOW, IDLE);
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await quiet.drop();
    await busy.drop();
  });

  it('answered every webhook within 1 s while settling', () => {
    expect(overlapped, 'webhooks sent while the settle ran').toBeGreaterThan(WEBHOOKS / 2);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(settled.batches).toBeGreaterThanOrEqual(CONTACTS / 50);
  });

  it('ends in the same conversations as the quiet run', async () => {
    expect(await conversations(busy)).toEqual(await conversations(quiet));
  });

  it('gives every contact the two hand-worked cycles', async () => {
    const rows = await conversations(quiet);
    expect(rows).toHaveLength(2 * CONTACTS);
    const extended = rows.filter((r) => (r.closed_at as Date).getTime() - (r.opened_at as Date).getTime() === 3_600_000);
    const short = rows.filter((r) => (r.closed_at as Date).getTime() - (r.opened_at as Date).getTime() === 120_000);
    const single = rows.filter((r) => (r.closed_at as Date).getTime() === (r.opened_at as Date).getTime());
    expect([extended.length, short.length, single.length]).toEqual([WEBHOOKS, CONTACTS - WEBHOOKS, CONTACTS]);
    expect(rows.every((r) => r.closed_by === 'auto_close' && r.source === 'derived')).toBe(true);
    expect(await quiet.db.selectFrom('conversation_dirty').selectAll().execute()).toEqual([]);
    expect(await busy.db.selectFrom('conversation_dirty').selectAll().execute()).toEqual([]);
  });
});
