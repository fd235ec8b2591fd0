import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * contact_days (migration 0013): per contact × channel × UTC day facts of the contacts report.
 * Triggers on `messages` mark the (contact, day) keys a write may change; reports read marked
 * keys through contact_day_rows, so these functions are for speed only: they store the marked
 * keys' rows and clear the marks.
 */

const SETTLE_BATCH = 5_000;

/**
 * Recomputes up to `batch` marked keys in one transaction: takes the marks (DELETE … RETURNING,
 * so a mark written meanwhile by a writer stays for the next round), then replaces those keys'
 * rows from messages. The marks are deleted by an earlier statement than the recompute reads
 * messages with, and a mark commits with the message it is for: every message behind a taken
 * mark is seen. Settles are serialised by a lock on contact_days that writers of messages never
 * take (two replicas: the second waits, then finds fewer marks), so an older recompute cannot
 * overwrite a newer one. Returns the number of marks taken.
 */
export async function settleContactDaysOnce(db: Kysely<Database>, batch = SETTLE_BATCH): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE contact_days IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    const { rows } = await sql<{ contact_id: string; day: Date }>`
      DELETE FROM contact_day_dirty
      WHERE ctid IN (SELECT ctid FROM contact_day_dirty LIMIT ${batch})
      RETURNING contact_id, day`.execute(tx);
    if (rows.length === 0) return 0;
    const contacts = rows.map((r) => String(r.contact_id));
    const days = rows.map((r) => new Date(r.day).toISOString());
    await sql`
      DELETE FROM contact_days d
      USING unnest(${contacts}::bigint[], ${days}::timestamptz[]) AS k(contact_id, day)
      WHERE d.contact_id = k.contact_id AND d.day = k.day`.execute(tx);
    await sql`INSERT INTO contact_days SELECT * FROM contact_day_rows(${contacts}::bigint[], ${days}::timestamptz[])`.execute(tx);
    await relinkContacts(tx, [...new Set(contacts)]);
    return rows.length;
  });
}

/**
 * Replaces the contact_links and contact_firsts rows (migration 0022) of `contacts` with those
 * their stored contact_days rows give now; the counting triggers move contact_link_counts and
 * contact_first_counts (0024) along.
 * A contact's links depend on all its days, so the whole contact is redone, not the keys. The
 * caller holds the settle lock: nothing else writes these tables meanwhile.
 */
async function relinkContacts(tx: Kysely<Database>, contacts: string[]): Promise<void> {
  const ids = sql`${contacts}::bigint[]`;
  await sql`DELETE FROM contact_links WHERE contact_id = ANY (${ids})`.execute(tx);
  await sql`INSERT INTO contact_links SELECT * FROM contact_link_rows(${ids}, false)`.execute(tx);
  await sql`DELETE FROM contact_firsts WHERE contact_id = ANY (${ids})`.execute(tx);
  await sql`INSERT INTO contact_firsts SELECT * FROM contact_first_rows(${ids}, false)`.execute(tx);
}

/** Settles until no mark is left (or a batch comes back short). Returns marks taken. */
export async function settleContactDays(db: Kysely<Database>, batch = SETTLE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const taken = await settleContactDaysOnce(db, batch);
    total += taken;
    if (taken < batch) return total;
  }
}

/**
 * Recomputes every row from messages (bench seeding, `wapulse reprocess`, tests' reference),
 * then the contact links, counts and firsts from those rows.
 * The marks table is locked EXCLUSIVE: writers that already marked are waited for (their
 * messages are then in the snapshot read), later writers wait and mark after the rebuild.
 *
 * Rows are written in day order, as the settle step lays them down day after day: every report
 * reads a window of days, and rows written in the function's contact order put one day's rows
 * on as many pages as it has rows (at 10M messages, 16,600 rows of 6 days on 7,658 pages;
 * the contacts report over 90 days took 5.3 s, 2.8 s in day order).
 */
export async function rebuildContactDays(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE contact_days IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    await sql`LOCK TABLE contact_day_dirty IN EXCLUSIVE MODE`.execute(tx);
    await sql`DELETE FROM contact_day_dirty`.execute(tx);
    await sql`DELETE FROM contact_days`.execute(tx);
    await sql`
      INSERT INTO contact_days
      SELECT r.* FROM (
        SELECT array_agg(contact_id) AS c, array_agg(day) AS d
        FROM (SELECT DISTINCT contact_id, contact_day_of(counted_at) AS day FROM messages
              WHERE contact_id IS NOT NULL AND counted_at IS NOT NULL) x
      ) k CROSS JOIN LATERAL contact_day_rows(k.c, k.d) r
      ORDER BY r.day, r.contact_id`.execute(tx);
    // TRUNCATE, not DELETE: the counting trigger would subtract every row only to start over
    await sql`TRUNCATE contact_links, contact_link_counts, contact_firsts, contact_first_counts`.execute(tx);
    await sql`INSERT INTO contact_links SELECT * FROM contact_link_rows(NULL, false)`.execute(tx);
    await sql`INSERT INTO contact_firsts SELECT * FROM contact_first_rows(NULL, false)`.execute(tx);
  });
}
