import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactDurationRollupsOnce, rebuildDurationRollups, refreshCycleDurations, type Database, type Store } from '../../../src/store/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { monthlyMismatches, monthlyRows } from '../../helpers/monthly-rollups.js';
import { HAS_POSTGRES, drainTogether, inParallel, rowsLeft, secondStore, shuffle } from './pool.js';

/**
 * A simulated day (seed 11) stored and settled; then two app instances re-derive the durations
 * of overlapping sets of cycles at once, 8 refreshes in flight each (every refresh deletes and
 * re-inserts a cycle's values, so the statement triggers append deltas from many transactions at
 * once, often for the same rollup keys), while both compact in small batches. Drained, the
 * rollups must equal a from-scratch rebuild: every delta folded exactly once; and the monthly
 * sums (0021), which the two compactions' upserts keep through triggers, the daily rollups
 * summed per month.
 */
describe.skipIf(!HAS_POSTGRES)('duration rollups under concurrent refreshes and two compacting replicas, on postgres (needs TEST_DATABASE_URL)', () => {
  const postgres = testDatabases.find((d) => d.name === 'postgres')!;
  let store: TestStore;
  let second: Store;
  let compacted: unknown[] = [];
  let rebuilt: unknown[] = [];
  let deltasLeft = -1;
  let monthly: unknown[] = [];
  let monthlyHeld = 0;

  beforeAll(async () => {
    store = await postgres.open();
    second = secondStore(store);
    await deliverToStore(store.db, generateTraffic({ seed: 11, start: new Date('2026-11-02T00:00:00Z'), days: 1, scale: 0.2, tz: 'Asia/Dubai' }), /agent=([^;]+)/);
    await settleConversations(store.db, new Date('2026-11-04T00:00:00Z'), 24 * 3_600_000);
    const ids = (await sql<{ id: number }>`SELECT id FROM conversations ORDER BY id`.execute(store.db)).rows.map((r) => Number(r.id));
    // each instance refreshes every cycle once, in its own order, three ids per refresh
    const batches = (seed: number) => { const s = shuffle(ids, seed); return Array.from({ length: Math.ceil(s.length / 3) }, (_, i) => s.slice(i * 3, i * 3 + 3)); };
    let refreshing = true;
    const compactor = async (db: Kysely<Database>) => { while (refreshing) { await compactDurationRollupsOnce(db, 25); await new Promise((r) => setTimeout(r, 5)); } };
    const compactors = [compactor(store.db), compactor(second.db)];
    await Promise.all([store, second].map((s, i) => inParallel(batches(17 + i), 8, (part) => refreshCycleDurations(s.db, { conversationIds: part }))));
    refreshing = false;
    await Promise.all(compactors);
    await drainTogether([store, second], (db) => compactDurationRollupsOnce(db, 40));
    deltasLeft = await rowsLeft(store.db, 'duration_rollup_deltas');
    compacted = await snapshot(store.db);
    monthly = await monthlyMismatches(store.db);
    monthlyHeld = await monthlyRows(store.db);
    await rebuildDurationRollups(store.db);
    rebuilt = await snapshot(store.db);
  }, 600_000);
  afterAll(async () => {
    await second?.close();
    await store?.drop();
  });

  it('left no delta behind', () => expect(deltasLeft).toBe(0));
  it('holds a substantial rollup', () => expect(rebuilt.length).toBeGreaterThan(100));
  it('equals a from-scratch rebuild', () => expect(compacted).toEqual(rebuilt));
  it('kept the monthly sums equal to the daily rollups', () => {
    expect(monthly).toEqual([]);
    expect(monthlyHeld).toBeGreaterThan(100);
  });
});

/** The rollups with a count, in key order (a key whose values all went away may stay at 0); sums without trailing zeros (a removed value can leave its scale behind). */
async function snapshot(db: Kysely<Database>) {
  const { rows } = await sql`SELECT day, metric, by_agent, agent_id, bucket, n::int8::text AS n, trim_scale(sum_seconds)::text AS s FROM duration_rollups
    WHERE n <> 0 ORDER BY by_agent, day, metric, agent_id NULLS FIRST, bucket`.execute(db);
  return rows;
}
