import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactContactCountRollups, migrate, rebuildContactCountRollups, type Database } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';

/**
 * Migration 0023 (contact count rollups) on a database that already holds contacts (half a
 * simulated day stored under the migration before): the backfill must equal a from-scratch
 * rebuild, and the rollups must stay so as the triggers count the rest of the day.
 */
describe.each(testDatabases)('contact count rollups backfilled on $name', (database) => {
  it('counts the contacts already there, and keeps counting after', async () => {
    const store = await database.openBefore('0023');
    try {
      const traffic = generateTraffic({ seed: 31, start: new Date('2026-10-10T00:00:00Z'), days: 1, scale: 0.2, tz: 'Asia/Dubai' });
      const half = Math.floor(traffic.length / 2);
      await deliverToStore(store.db, traffic.slice(0, half), /agent=([^;]+)/);
      await migrate(store);
      const backfilled = await snapshot(store.db);
      // more than a handful of contacts, under more than one source label
      expect(backfilled.reduce((s, r) => s + r.n, 0)).toBeGreaterThan(5);
      expect(new Set(backfilled.map((r) => r.source)).size).toBeGreaterThan(1);
      await rebuildContactCountRollups(store.db);
      expect(await snapshot(store.db)).toEqual(backfilled);
      // the rest of the day, through the triggers the migration attached
      await deliverToStore(store.db, traffic.slice(half), /agent=([^;]+)/);
      await compactContactCountRollups(store.db);
      const kept = await snapshot(store.db);
      expect(kept).not.toEqual(backfilled);
      await rebuildContactCountRollups(store.db);
      expect(await snapshot(store.db)).toEqual(kept);
    } finally {
      await store.drop();
    }
  }, 300_000);
});

/** The rollups with a count, in key order (a key whose contacts all went away may stay at 0). */
async function snapshot(db: Kysely<Database>) {
  const { rows } = await sql<{ source: string; n: number }>`SELECT event, day, source, n::int AS n FROM contact_count_rollups
    WHERE n <> 0 ORDER BY event, day, source`.execute(db);
  return rows;
}
