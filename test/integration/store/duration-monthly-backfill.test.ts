import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactDurationRollups, migrate } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { monthlyMismatches, monthlyRows } from '../../helpers/monthly-rollups.js';

/**
 * Migration 0021 on a database that already holds compacted duration rollups (half a simulated
 * day stored, settled and compacted under 0020): the monthly sums must start equal to the daily
 * rollups summed per month, and stay so as the next compaction folds in the rest of the day.
 */
describe.each(testDatabases)('monthly duration rollups backfilled by 0021 on $name', (database) => {
  it('fills the monthly sums from the daily rollups already there, and keeps them after', async () => {
    const store = await database.openBefore('0021');
    try {
      const traffic = generateTraffic({ seed: 21, start: new Date('2026-10-31T12:00:00Z'), days: 1, scale: 0.1, tz: 'Asia/Dubai' });
      const half = Math.floor(traffic.length / 2);
      await deliverToStore(store.db, traffic.slice(0, half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-11-03T00:00:00Z'), 24 * 3_600_000);
      await compactDurationRollups(store.db);
      await migrate(store);
      const backfilled = await monthlyRows(store.db);
      expect(backfilled).toBeGreaterThan(10);
      expect(await monthlyMismatches(store.db)).toEqual([]);
      // the rest of the day (noon to noon UTC, 31 Oct to 1 Nov: values land in two months),
      // through the triggers the migration attached
      await deliverToStore(store.db, traffic.slice(half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-11-03T00:00:00Z'), 24 * 3_600_000);
      await compactDurationRollups(store.db);
      expect(await monthlyRows(store.db)).toBeGreaterThan(backfilled);
      const months = await sql<{ n: number }>`SELECT count(DISTINCT month)::int AS n FROM duration_rollups_monthly WHERE n <> 0`.execute(store.db);
      expect(months.rows[0]!.n).toBe(2);
      expect(await monthlyMismatches(store.db)).toEqual([]);
    } finally {
      await store.drop();
    }
  }, 300_000);
});
