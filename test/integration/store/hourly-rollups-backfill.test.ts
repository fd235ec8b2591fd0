import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deliverToStore } from '../../../src/cli/deliver-traffic.js';
import { settleConversations } from '../../../src/conversations/index.js';
import { generateTraffic } from '../../../src/simulate/index.js';
import { compactBusyHourRollups, compactMessageRollups, migrate } from '../../../src/store/index.js';
import { testDatabases } from '../../helpers/databases.js';
import { BUSY_HOURLY, hourlyMismatches, MESSAGE_HOURLY } from '../../helpers/hourly-rollups.js';

/**
 * Migrations 0016 and 0017 on a database that already holds compacted 15-minute rollups (a
 * simulated day stored, settled and compacted under 0015): each hourly table must start equal to
 * its rollup summed per hour, and stay so as the next compaction folds in more deltas.
 */
describe.each(testDatabases)('hourly rollups backfilled by 0016/0017 on $name', (database) => {
  it('fills the hourly tables from the rollups already there, and keeps them after', async () => {
    const store = await database.openBefore('0016');
    try {
      const traffic = generateTraffic({ seed: 21, start: new Date('2026-10-10T00:00:00Z'), days: 1, scale: 0.05, tz: 'Asia/Dubai' });
      const half = Math.floor(traffic.length / 2);
      await deliverToStore(store.db, traffic.slice(0, half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-10-12T00:00:00Z'), 24 * 3_600_000);
      await compactMessageRollups(store.db);
      await compactBusyHourRollups(store.db);
      await migrate(store);
      const held = await sql<{ m: number; b: number }>`
        SELECT (SELECT count(*) FROM message_rollups_hourly)::int AS m, (SELECT count(*) FROM busy_hour_rollups_hourly)::int AS b`.execute(store.db);
      expect(held.rows[0]!.m).toBeGreaterThan(10);
      expect(held.rows[0]!.b).toBeGreaterThan(10);
      await expect(hourlyMismatches(store.db, MESSAGE_HOURLY)).resolves.toEqual([]);
      await expect(hourlyMismatches(store.db, BUSY_HOURLY)).resolves.toEqual([]);
      // the rest of the day, through the triggers the migrations attached
      await deliverToStore(store.db, traffic.slice(half), /agent=([^;]+)/);
      await settleConversations(store.db, new Date('2026-10-12T00:00:00Z'), 24 * 3_600_000);
      await compactMessageRollups(store.db);
      await compactBusyHourRollups(store.db);
      await expect(hourlyMismatches(store.db, MESSAGE_HOURLY)).resolves.toEqual([]);
      await expect(hourlyMismatches(store.db, BUSY_HOURLY)).resolves.toEqual([]);
    } finally {
      await store.drop();
    }
  }, 300_000);
});
