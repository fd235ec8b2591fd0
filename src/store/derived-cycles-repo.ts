import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chunks } from './chunks.js';
import { refreshCycleDurations } from './cycle-durations-repo.js';
import { lockKeys, pairLockKey } from './key-locks.js';
import type { Database } from './schema.js';

/**
 * Storage side of conversations derived from WhatsApp messages alone (numbers without an
 * inbox): the dirty-pair queue ingest fills, and the per contact × channel cycle rows.
 */

export type DerivedCycleRow = { openedAt: Date; lastMessageAt: Date; closedAt: Date | null };

/** Replaces the derived cycles of one contact × channel that open at or after `from`. */
export async function replaceDerivedCycles(
  db: Kysely<Database>,
  contactId: number,
  phoneNumberId: string,
  from: Date,
  cycles: readonly DerivedCycleRow[],
): Promise<void> {
  await db
    .deleteFrom('conversations')
    .where('source', '=', 'derived')
    .where('contact_id', '=', contactId)
    .where('phone_number_id', '=', phoneNumberId)
    .where('opened_at', '>=', from)
    .execute();
  for (const part of chunks(cycles)) {
    await db
      .insertInto('conversations')
      .values(
        part.map((c) => ({
        source: 'derived' as const,
        external_id: null,
        cycle: 1,
        contact_id: contactId,
        phone_number_id: phoneNumberId,
        opened_at: c.openedAt,
        opened_by: 'contact' as const,
        closed_at: c.closedAt,
        closed_by: c.closedAt ? ('auto_close' as const) : null,
        last_message_at: c.lastMessageAt,
        waba_id: sql<string | null>`(SELECT waba_id FROM channels WHERE phone_number_id = ${phoneNumberId})`,
      })),
      )
      .execute();
  }
}

/**
 * Where re-derivation of a pair starts: the opening of the derived cycle still "live" at
 * `since` (open, or closed less than `idleMs` before it — a late message can extend it),
 * else `since` itself.
 */
export async function derivationAnchor(
  db: Kysely<Database>,
  contactId: number,
  phoneNumberId: string,
  since: Date,
  idleMs: number,
): Promise<Date> {
  const row = await db
    .selectFrom('conversations')
    .select(['opened_at', 'last_message_at'])
    .where('source', '=', 'derived')
    .where('contact_id', '=', contactId)
    .where('phone_number_id', '=', phoneNumberId)
    .where('opened_at', '<=', since)
    .orderBy('opened_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row && row.last_message_at && since.getTime() - row.last_message_at.getTime() < idleMs) return row.opened_at;
  return since;
}

/** Messages of one contact × channel from `from` on, in time order (history excluded). */
export async function pairMessages(db: Kysely<Database>, contactId: number, phoneNumberId: string, from: Date) {
  return db
    .selectFrom('messages')
    .select(['counted_at as at', 'direction'])
    .where('contact_id', '=', contactId)
    .where('phone_number_id', '=', phoneNumberId)
    .where('origin', '<>', 'history')
    .where('counted_at', '>=', from)
    .orderBy('counted_at')
    .execute();
}

/**
 * Marks the contact × channel pairs of these messages for the next settle. The DO UPDATE always
 * rewrites the row, even when `since` stays put: the new row version is how a settle batch
 * running meanwhile learns the pair changed again (clearDirtyPairs).
 *
 * The pairs are gathered first and then written in one global key order (code-unit order of
 * `contact_id:phone_number_id`, as COLLATE "C" sorts it), even when a group commit names more
 * wamids than fit one statement: two concurrent batches marking overlapping pairs then queue
 * behind each other instead of deadlocking (a deadlock costs deadlock_timeout, 1 s, first).
 */
export async function markPairsDirty(db: Kysely<Database>, wamids: readonly string[]): Promise<void> {
  const pairs = new Map<string, DirtyPair>();
  for (const part of chunks(wamids)) {
    const { rows } = await sql<DirtyPair>`
      SELECT contact_id, phone_number_id, min(counted_at) AS since FROM messages
       WHERE wamid IN (${sql.join(part)})
         AND contact_id IS NOT NULL AND phone_number_id IS NOT NULL AND counted_at IS NOT NULL
         AND origin <> 'history'
       GROUP BY contact_id, phone_number_id`.execute(db);
    for (const r of rows) {
      const key = `${r.contact_id}:${r.phone_number_id}`;
      const seen = pairs.get(key);
      if (!seen || r.since < seen.since) pairs.set(key, r);
    }
  }
  const ordered = [...pairs.values()].sort((x, y) => x.contact_id - y.contact_id || (x.phone_number_id < y.phone_number_id ? -1 : x.phone_number_id > y.phone_number_id ? 1 : 0));
  for (const part of chunks(ordered)) {
    await sql`
      INSERT INTO conversation_dirty (contact_id, phone_number_id, since)
      SELECT contact_id, phone_number_id, since
        FROM (VALUES ${sql.join(part.map((p) => sql`(${p.contact_id}::bigint, ${p.phone_number_id}::text, ${p.since}::timestamptz)`))})
             AS p(contact_id, phone_number_id, since)
       ORDER BY contact_id, phone_number_id COLLATE "C"
      ON CONFLICT (contact_id, phone_number_id)
        DO UPDATE SET since = least(conversation_dirty.since, excluded.since)`.execute(db);
  }
}

export type DirtyPair = { contact_id: number; phone_number_id: string; since: Date };
/** A dirty pair as read under its pair lock; `version` is the row version (xmin) read. */
export type ClaimedPair = DirtyPair & { version: string };

/**
 * Up to `limit` dirty pairs, read without locking anything: the settle step locks their pair
 * keys next and then re-reads them (readDirtyPairs), so ingest never waits for it here.
 */
export async function dirtyPairCandidates(db: Kysely<Database>, limit: number): Promise<DirtyPair[]> {
  return db
    .selectFrom('conversation_dirty')
    .select(['contact_id', 'phone_number_id', 'since'])
    .orderBy('contact_id')
    .orderBy('phone_number_id')
    .limit(limit)
    .execute();
}

/** The current watermark of each of `pairs` still dirty (gone ones were settled meanwhile). */
export async function readDirtyPairs(db: Kysely<Database>, pairs: readonly DirtyPair[]): Promise<ClaimedPair[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<ClaimedPair>`
    SELECT d.contact_id, d.phone_number_id, d.since, d.xmin::text AS version FROM conversation_dirty d
      JOIN (VALUES ${pairValues(pairs)}) AS p(contact_id, phone_number_id)
        ON d.contact_id = p.contact_id AND d.phone_number_id = p.phone_number_id
     ORDER BY d.contact_id, d.phone_number_id`.execute(db);
  return rows;
}

/**
 * Clears settled pairs, but only rows still in the version the settle read. Every mark by
 * ingest rewrites the row (ON CONFLICT DO UPDATE makes a new row version even when `since`
 * does not move), so a pair marked again meanwhile — by a message the settle may not have seen,
 * even a later one that leaves `since` as it was — stays dirty for the next batch. Comparing
 * `since` alone would lose exactly that message.
 *
 * Never waits for a webhook: the rows are locked with SKIP LOCKED, and a row a webhook is
 * re-marking right now (locked by its open transaction) is simply left dirty — its new version
 * would fail the version check anyway. A row changed and committed since it was read fails the
 * check as it is locked (Postgres re-checks the condition on the newest version). Only the
 * rows locked here are then deleted, so the DELETE waits for nobody either, and a webhook
 * re-marking one of them waits at most for that DELETE and the COMMIT: run last in the batch.
 */
export async function clearDirtyPairs(db: Kysely<Database>, pairs: readonly ClaimedPair[]): Promise<void> {
  if (pairs.length === 0) return;
  const { rows } = await sql<{ contact_id: number; phone_number_id: string }>`
    SELECT d.contact_id, d.phone_number_id FROM conversation_dirty d
      JOIN (VALUES ${sql.join(pairs.map((p) => sql`(${p.contact_id}::bigint, ${p.phone_number_id}::text, ${p.version}::text)`))})
           AS p(contact_id, phone_number_id, version)
        ON d.contact_id = p.contact_id AND d.phone_number_id = p.phone_number_id AND d.xmin::text = p.version
       FOR UPDATE OF d SKIP LOCKED`.execute(db);
  if (rows.length === 0) return;
  await sql`
    DELETE FROM conversation_dirty d
     USING (VALUES ${pairValues(rows)}) AS p(contact_id, phone_number_id)
     WHERE d.contact_id = p.contact_id AND d.phone_number_id = p.phone_number_id`.execute(db);
}

const pairValues = (pairs: readonly Pick<DirtyPair, 'contact_id' | 'phone_number_id'>[]) =>
  sql.join(pairs.map((p) => sql`(${p.contact_id}::bigint, ${p.phone_number_id}::text)`));

/**
 * Which of `channels` have conversations from an inbox (no derivation for them). One index
 * probe per channel (conversations_inbox_channel), not a scan of every conversation.
 */
export async function inboxChannels(db: Kysely<Database>, channels: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(channels)) {
    const { rows } = await sql<{ channel: string }>`
      SELECT c.channel FROM (VALUES ${sql.join(part.map((ch) => sql`(${ch}::text)`))}) AS c(channel)
       WHERE EXISTS (SELECT 1 FROM conversations WHERE source = 'inbox' AND phone_number_id = c.channel)`.execute(db);
    for (const r of rows) out.add(r.channel);
  }
  return out;
}

/**
 * Closes up to `limit` derived cycles idle for `idleMs` at `now`, at their last message
 * (auto_close), and recomputes their duration values (a close adds the resolution). Its own
 * short transaction: the pair locks of the candidates first (the order settle and inbox writes
 * take them in, so nobody deadlocks), then the close, re-checked under the locks since another
 * replica may have closed or re-derived a candidate meanwhile. Call it until it returns less
 * than `limit`.
 */
export async function closeIdleDerived(db: Kysely<Database>, now: Date, idleMs: number, limit: number): Promise<number> {
  const cutoff = new Date(now.getTime() - idleMs);
  const idle = sql`source = 'derived' AND closed_at IS NULL AND last_message_at <= ${cutoff}::timestamptz`;
  return db.transaction().execute(async (tx) => {
    const { rows: candidates } = await sql<{ id: number; contact_id: number; phone_number_id: string }>`
      SELECT id, contact_id, phone_number_id FROM conversations WHERE ${idle} ORDER BY id LIMIT ${limit}`.execute(tx);
    if (candidates.length === 0) return 0;
    await lockKeys(tx, 'pair', candidates.map((c) => pairLockKey(Number(c.contact_id), c.phone_number_id)));
    const { rows: closed } = await sql<{ id: number }>`
      UPDATE conversations SET closed_at = last_message_at, closed_by = 'auto_close'
       WHERE id IN (${sql.join(candidates.map((c) => Number(c.id)))}) AND ${idle}
       RETURNING id`.execute(tx);
    await refreshCycleDurations(tx, { conversationIds: closed.map((c) => Number(c.id)) });
    return closed.length;
  });
}
