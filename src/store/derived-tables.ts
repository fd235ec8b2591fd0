import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Every table `wapulse reprocess --rebuild` empties before re-applying the raw bodies: all that
 * is derived from webhook bodies, and the tables derived from those (per-conversation durations;
 * message count, duration, conversation count, contact count and busy-hours rollups, their
 * hourly and monthly tables, and contact days with their links, firsts and counts, whose
 * triggers do not fire on TRUNCATE), rebuilt afterwards by src/reprocess/after-reprocess.ts. A
 * table with a foreign key into one of these makes the TRUNCATE fail loudly (no CASCADE) until
 * it is listed: better than emptying a table nobody meant to.
 *
 * Not listed, on purpose: `agents` (the directory: last writer by event time wins, so replayed
 * agent.upserted events converge on the same rows, while Slack links of agents whose bodies
 * were pruned or who were linked by hand survive), raw_events (the input), chart_images,
 * schema_migrations and reprocess_runs (not derived from bodies).
 */
export const DERIVED_TABLES = [
  'channels',
  'contacts',
  'messages',
  'message_statuses',
  'webhook_errors',
  'inbox_events',
  'conversations',
  'assignments',
  'comments',
  'conversation_dirty',
  'cycle_durations',
  'message_rollups',
  'message_rollup_deltas',
  'message_rollups_hourly',
  'contact_days',
  'contact_day_dirty',
  'contact_links',
  'contact_link_counts',
  'contact_firsts',
  'contact_first_counts',
  'busy_hour_rollups',
  'busy_hour_rollup_deltas',
  'busy_hour_rollups_hourly',
  'duration_rollups',
  'duration_rollup_deltas',
  'duration_rollups_monthly',
  'cycle_count_rollups',
  'cycle_count_rollup_deltas',
  'contact_count_rollups',
  'contact_count_rollup_deltas',
] as const;

/**
 * Empties the derived tables in one statement, inside the caller's transaction. Identities are
 * NOT restarted: a contact or conversation id held outside the database (a log line, an open
 * Slack view) then names nothing rather than a different contact after the rebuild.
 */
export async function emptyDerivedTables(tx: Kysely<Database>, tables: readonly string[] = DERIVED_TABLES): Promise<void> {
  await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(tx);
}

/** What shows that raw bodies behind existing derived rows were deleted (RAW_RETENTION_DAYS). */
export type PrunedEvidence = { oldestRawAt: Date | null; oldestDerivedAt: Date | null; orphanRawIds: boolean };

// Inbound messages carry their own time, seconds before their webhook arrives; Meta retries a
// failed delivery for up to a day or so at first. Older than the oldest kept body by more than
// this, an inbound message can only have come from a body that was deleted since.
const DELIVERY_SLACK_MS = 24 * 3_600_000;

/**
 * Null when every derived row can be rebuilt from the bodies that are kept; else the evidence
 * that some cannot: rows naming a raw body older than the oldest one kept (statuses, inbox
 * events and webhook errors record theirs), or live inbound messages dated well before it.
 * Reads a min() of each table (a scan of the statuses where no index helps): once per rebuild.
 */
export async function prunedRawEvidence(db: Kysely<Database>): Promise<PrunedEvidence | null> {
  const r = await sql<{ oldest_raw_id: number | null; oldest_raw_at: Date | null; oldest_ref: number | null; oldest_inbound: Date | null }>`
    SELECT (SELECT min(id) FROM raw_events)::int8 AS oldest_raw_id,
           (SELECT min(received_at) FROM raw_events) AS oldest_raw_at,
           least((SELECT min(raw_event_id) FROM message_statuses),
                 (SELECT min(raw_event_id) FROM inbox_events),
                 (SELECT min(raw_event_id) FROM webhook_errors))::int8 AS oldest_ref,
           (SELECT min(counted_at) FROM messages WHERE origin = 'live' AND direction = 'inbound') AS oldest_inbound`.execute(db);
  const row = r.rows[0]!;
  const oldestRawAt = row.oldest_raw_at === null ? null : new Date(row.oldest_raw_at);
  const oldestInbound = row.oldest_inbound === null ? null : new Date(row.oldest_inbound);
  const orphanRawIds = row.oldest_ref !== null && (row.oldest_raw_id === null || Number(row.oldest_ref) < Number(row.oldest_raw_id));
  const early =
    oldestInbound !== null && (oldestRawAt === null || oldestInbound.getTime() < oldestRawAt.getTime() - DELIVERY_SLACK_MS);
  if (!orphanRawIds && !early) return null;
  return { oldestRawAt, oldestDerivedAt: oldestInbound, orphanRawIds };
}
