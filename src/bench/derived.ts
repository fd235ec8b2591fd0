import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/index.js';

/**
 * Brings every table derived from the seeded history up to date before reports are timed.
 * For now that is only ANALYZE (planner statistics for the freshly written tables); the
 * precomputed per-conversation durations and hourly rollups add their rebuild calls here,
 * before the ANALYZE, so it covers their tables too.
 */
export async function buildDerived(db: Kysely<Database>): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
