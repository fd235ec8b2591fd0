import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToServer } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { rebuildCycleDurations, type Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { APP_SECRET, INBOX_SECRET } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { HAS_POSTGRES, shuffle } from './pool.js';

/**
 * cycle_durations is kept at write time, piece by piece (settle, inbox rebuilds, message.sent,
 * auto-close); it must hold exactly what recomputing every cycle from scratch gives. Two
 * simulated days (seed 7, scale 0.12: both numbers, inbox events and WhatsApp webhooks), every
 * body twice, shuffled (seed 41), go in 16 requests at a time to a real server on real
 * Postgres, while settle runs over and over beside them as serve's 30 s job would (with
 * `now` inside the traffic, so auto-closes happen mid-stream too). After a last settle at NOW,
 * the stored rows are read, rebuildCycleDurations recomputes all of them, and the two row
 * sets must be equal. Rows are named by their cycle's natural key, not its serial id.
 */
const NOW = new Date('2026-11-05T00:00:00Z');
const IDLE = 24 * 3_600_000;
const traffic = generateTraffic({ seed: 7, start: new Date('2026-11-01T20:00:00Z'), days: 2, scale: 0.12, tz: 'Asia/Dubai' });
const doubled = shuffle(traffic.flatMap((d) => [d, d]), 41);

async function durationRows(store: Store): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`
    SELECT r FROM (
      SELECT to_jsonb(d) - 'cycle_id' || jsonb_build_object('ref', c.external_id, 'cycle', c.cycle, 'contact', ct.wa_id, 'opened_at', c.opened_at) AS r
        FROM cycle_durations d JOIN conversations c ON c.id = d.cycle_id LEFT JOIN contacts ct ON ct.id = c.contact_id
    ) s ORDER BY r::text`.execute(store.db);
  return rows.map((x) => x.r);
}

describe.skipIf(!HAS_POSTGRES)('precomputed cycle durations equal a rebuild after concurrent, shuffled ingest, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  let server: TestServer;
  let kept: unknown[] = [];
  let rebuilt: unknown[] = [];
  let answered: Record<number, number> = {};

  beforeAll(async () => {
    store = await postgres.open();
    server = await startTestServer(store);
    let delivering = true;
    const settling = (async () => {
      // mid-stream settles at a `now` inside the traffic: cycles are derived, refreshed and
      // auto-closed while later (and earlier) messages are still arriving
      for (let i = 0; delivering; i++) await settleConversations(store.db, new Date(Date.parse('2026-11-02T12:00:00Z') + (i % 5) * 6 * 3_600_000), IDLE);
    })();
    const tally = await deliverToServer(server.url, doubled, { whatsapp: APP_SECRET, inbox: INBOX_SECRET }, undefined, 16);
    delivering = false;
    await settling;
    answered = tally.statuses;
    await settleConversations(store.db, NOW, IDLE);
    kept = await durationRows(store);
    await rebuildCycleDurations(store.db, { slice: 37 });
    rebuilt = await durationRows(store);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await store?.drop();
  });

  it('answered every request 200 and stored values of every kind', () => {
    expect(answered).toEqual({ 200: doubled.length });
    const metrics = new Set(kept.map((r) => (r as { metric: string }).metric));
    expect([...metrics].sort()).toEqual(['auto_close_resolution', 'first_response', 'resolution', 'response']);
    expect(kept.length).toBeGreaterThan(100);
  });

  it('holds exactly the rows a rebuild from scratch gives', () => {
    expect(kept).toEqual(rebuilt);
  });
});
