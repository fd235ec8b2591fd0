import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactCycleCountRollups, migrate, rebuildCycleCountRollups, type Database } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';

/**
 * Migrations 0018 (the rollups) and 0020 (the agent of a close) on a database that already holds
 * conversations (half a simulated day stored and settled under the migration before): the
 * backfill must equal a from-scratch rebuild, and the rollups must stay so as the triggers count
 * the rest of the day.
 */
describe.each(testDatabases)('conversation count rollups backfilled on $name', (database) => {
  it.each(['0018', '0020'])('by %s: counts the cycles already there, and keeps counting after', async (migration) => {
    const store = await database.openBefore(migration);
    try {
      const traffic = generateTraffic({ seed: 21, start: new Date('2026-10-10T00:00:00Z'), days: 1, scale: 0.2, tz: 'Asia/Dubai' });
      const half = Math.floor(traffic.length / 2);
      await deliverToStore(store.db, traffic.slice(0, half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-10-12T00:00:00Z'), 24 * 3_600_000);
      await migrate(store);
      const backfilled = await snapshot(store.db);
      // every event counted, over more than a handful of cycles
      expect([...new Set(backfilled.map((r) => r.event))].sort()).toEqual(['closed', 'ended', 'opened']);
      expect(backfilled.filter((r) => r.event === 'opened').reduce((s, r) => s + r.n, 0)).toBeGreaterThan(5);
      // closes counted for more than one agent
      expect(new Set(backfilled.filter((r) => r.event === 'closed' && r.agent_id !== null).map((r) => r.agent_id)).size).toBeGreaterThan(1);
      await rebuildCycleCountRollups(store.db);
      expect(await snapshot(store.db)).toEqual(backfilled);
      // the rest of the day, through the triggers the migration attached
      await deliverToStore(store.db, traffic.slice(half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-10-12T00:00:00Z'), 24 * 3_600_000);
      await compactCycleCountRollups(store.db);
      const kept = await snapshot(store.db);
      expect(kept).not.toEqual(backfilled);
      await rebuildCycleCountRollups(store.db);
      expect(await snapshot(store.db)).toEqual(kept);
    } finally {
      await store.drop();
    }
  }, 300_000);
});

/** The rollups with a count, in key order (a key whose facts all went away may stay at 0). */
async function snapshot(db: Kysely<Database>) {
  const { rows } = await sql<{ event: string; agent_id: string | null; n: number }>`SELECT event, day, opened_by, closed_by, category, unanswered, agent_id, n::int AS n FROM cycle_count_rollups
    WHERE n <> 0 ORDER BY event, day, opened_by NULLS FIRST, closed_by NULLS FIRST, category NULLS FIRST, unanswered NULLS FIRST, agent_id NULLS FIRST`.execute(db);
  return rows;
}
