import { sql, type Kysely } from 'kysely';
import { rebuildBusyHourRollups, rebuildContactDays, rebuildCycleDurations, rebuildDurationRollups, rebuildMessageRollups, type Database } from '../store/index.js';

/**
 * Brings every table derived from the seeded history up to date before reports are timed: the
 * per-conversation durations, their rollups, the message count and busy-hours rollups, the contact days (the seeder writes base tables
 * only), then ANALYZE, so the planner has statistics for all of them.
 */
export async function buildDerived(db: Kysely<Database>): Promise<void> {
  await rebuildCycleDurations(db);
  await rebuildDurationRollups(db);
  await rebuildMessageRollups(db);
  await rebuildBusyHourRollups(db);
  await rebuildContactDays(db);
  await sql`ANALYZE`.execute(db);
}
