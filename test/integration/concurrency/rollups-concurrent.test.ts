import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactMessageRollupsOnce, rebuildMessageRollups, type Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { HAS_POSTGRES, deliverTwiceShuffled, drainTogether, rowsLeft, secondStore } from './pool.js';

/**
 * A simulated day (seed 9, scale 0.15), every body twice, shuffled (seed 13), goes to two app
 * instances at 16 requests in flight each: many transactions append rollup deltas at once, many
 * for the same buckets (a campaign's statuses), and inbound and outbound of one pair race. Then
 * settle, and both instances compact at once in small batches (so their statements interleave).
 * The compacted rollups must equal a from-scratch rebuild from the stored rows — every delta
 * folded exactly once, and every inside_window flag repaired.
 */
const NOW = new Date('2026-11-04T00:00:00Z');
const traffic = generateTraffic({ seed: 9, start: new Date('2026-11-02T00:00:00Z'), days: 1, scale: 0.15, tz: 'Asia/Dubai' });

describe.skipIf(!HAS_POSTGRES)('rollups under concurrent ingest and two compacting replicas, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  let second: Store;
  let servers: TestServer[] = [];
  let statuses: Record<string, number> = {};
  let compacted: unknown[] = [];
  let rebuilt: unknown[] = [];
  let deltasLeft = -1;

  beforeAll(async () => {
    store = await postgres.open();
    second = secondStore(store);
    servers = await Promise.all([startTestServer(store), startTestServer(second)]);
    statuses = await deliverTwiceShuffled(servers.map((s) => s.url), traffic, 13);
    await settleConversations(store.db, NOW, 24 * 3_600_000);
    await drainTogether([store, second], (db) => compactMessageRollupsOnce(db, 40));
    deltasLeft = await rowsLeft(store.db, 'message_rollup_deltas');
    compacted = await snapshot(store);
    await rebuildMessageRollups(store.db);
    rebuilt = await snapshot(store);
  }, 300_000);
  afterAll(async () => {
    for (const s of servers) await s.close();
    await second?.close();
    await store?.drop();
  });

  it('answered every request 200', () => expect(statuses).toEqual({ 200: traffic.length * 2 }));
  it('left no delta behind', () => expect(deltasLeft).toBe(0));
  it('holds a substantial rollup', () => expect(rebuilt.length).toBeGreaterThan(200));
  it('equals a from-scratch rebuild', () => expect(compacted).toEqual(rebuilt));
});

async function snapshot(store: Store): Promise<unknown[]> {
  const { rows } = await sql<{ r: unknown }>`
    SELECT to_jsonb(t) AS r FROM (
      SELECT bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n::int AS n
      FROM message_rollups WHERE n <> 0) t
    ORDER BY to_jsonb(t)::text`.execute(store.db);
  return rows.map((x) => x.r);
}
