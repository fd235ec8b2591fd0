import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chunks } from './chunks.js';
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

/** Marks the contact × channel pairs of these messages for the next settle. */
export async function markPairsDirty(db: Kysely<Database>, wamids: readonly string[]): Promise<void> {
  for (const part of chunks(wamids)) await markPartDirty(db, part);
}

async function markPartDirty(db: Kysely<Database>, wamids: readonly string[]): Promise<void> {
  await sql`
    INSERT INTO conversation_dirty (contact_id, phone_number_id, since)
    SELECT contact_id, phone_number_id, min(counted_at) FROM messages
     WHERE wamid IN (${sql.join(wamids)})
       AND contact_id IS NOT NULL AND phone_number_id IS NOT NULL AND counted_at IS NOT NULL
       AND origin <> 'history'
     GROUP BY contact_id, phone_number_id
    ON CONFLICT (contact_id, phone_number_id)
      DO UPDATE SET since = least(conversation_dirty.since, excluded.since)`.execute(db);
}

/** Takes (and removes) every dirty pair; run inside the settle transaction. */
export async function takeDirtyPairs(db: Kysely<Database>) {
  return db.deleteFrom('conversation_dirty').returning(['contact_id', 'phone_number_id', 'since']).execute();
}

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

/** Closes derived cycles idle for `idleMs` at `now`, at their last message (auto_close). */
export async function closeIdleDerived(db: Kysely<Database>, now: Date, idleMs: number): Promise<number> {
  const r = await db
    .updateTable('conversations')
    .set({ closed_at: sql`last_message_at`, closed_by: 'auto_close' })
    .where('source', '=', 'derived')
    .where('closed_at', 'is', null)
    .where('last_message_at', '<=', new Date(now.getTime() - idleMs))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
