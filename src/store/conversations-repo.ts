import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.js';

export type InboxCycleRow = {
  cycle: number;
  contactId: number | null;
  phoneNumberId: string;
  openedAt: Date;
  openedBy: 'contact' | 'agent' | 'automation' | 'api';
  openerAgentId: string | null;
  closedAt: Date | null;
  closedBy: 'agent' | 'automation' | 'auto_close' | 'api' | null;
  closerAgentId: string | null;
  category: string | null;
  note: string | null;
  assigneeId: string | null;
  assignedAt: Date | null;
};

export type AssignmentRow = { cycle: number; fromAgentId: string | null; toAgentId: string | null; at: Date; by: string | null; eventId: string };

/**
 * Replaces the stored cycles of one inbox conversation with freshly built ones. Rows are
 * upserted by (external_id, cycle) so their ids stay stable for alerts that point at them;
 * cycles that no longer exist are removed, and assignment history is rewritten.
 */
export async function replaceInboxCycles(
  db: Kysely<Database>,
  ref: string,
  cycles: readonly InboxCycleRow[],
  assignments: readonly AssignmentRow[],
): Promise<number[]> {
  const ids = new Map<number, number>();
  for (const c of cycles) {
    const row = {
      source: 'inbox' as const,
      external_id: ref,
      cycle: c.cycle,
      contact_id: c.contactId,
      phone_number_id: c.phoneNumberId,
      opened_at: c.openedAt,
      opened_by: c.openedBy,
      opener_agent_id: c.openerAgentId,
      closed_at: c.closedAt,
      closed_by: c.closedBy,
      closer_agent_id: c.closerAgentId,
      category: c.category,
      note: c.note,
      assignee_id: c.assigneeId,
      assigned_at: c.assignedAt,
    };
    const { id } = await db
      .insertInto('conversations')
      .values(row)
      .onConflict((oc) => oc.columns(['external_id', 'cycle']).doUpdateSet(row))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(c.cycle, id);
  }
  await db.deleteFrom('conversations').where('external_id', '=', ref).where('cycle', '>', cycles.length).execute();
  const conversationIds = [...ids.values()];
  if (conversationIds.length) await db.deleteFrom('assignments').where('conversation_id', 'in', conversationIds).execute();
  const rows = assignments.flatMap((a) => {
    const conversationId = ids.get(a.cycle);
    return conversationId === undefined
      ? []
      : [{ conversation_id: conversationId, from_agent_id: a.fromAgentId, to_agent_id: a.toAgentId, at: a.at, by: a.by, event_id: a.eventId }];
  });
  if (rows.length) await db.insertInto('assignments').values(rows).execute();
  return conversationIds;
}

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
  if (cycles.length === 0) return;
  await db
    .insertInto('conversations')
    .values(
      cycles.map((c) => ({
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
  if (wamids.length === 0) return;
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
  if (channels.length === 0) return new Set();
  const { rows } = await sql<{ channel: string }>`
    SELECT c.channel FROM (VALUES ${sql.join(channels.map((ch) => sql`(${ch}::text)`))}) AS c(channel)
     WHERE EXISTS (SELECT 1 FROM conversations WHERE source = 'inbox' AND phone_number_id = c.channel)`.execute(db);
  return new Set(rows.map((r) => r.channel));
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

/**
 * Recomputes each matching cycle's first agent reply: the earliest outbound message after
 * the open (and not after the close) that belongs to it — by inbox conversation id, or by
 * contact and channel — and was sent by a person: an attributed agent, a Business-app echo,
 * or, on derived cycles (no inbox to say who sent it), any live reply.
 */
export async function refreshFirstReplies(
  db: Kysely<Database>,
  scope: { conversationIds?: readonly number[]; contactIds?: readonly number[]; refs?: readonly string[] },
): Promise<void> {
  const conditions = [
    ...(scope.conversationIds?.length ? [sql`c.id IN (${sql.join(scope.conversationIds)})`] : []),
    ...(scope.contactIds?.length ? [sql`c.contact_id IN (${sql.join(scope.contactIds)})`] : []),
    ...(scope.refs?.length ? [sql`c.external_id IN (${sql.join(scope.refs)})`] : []),
  ];
  if (conditions.length === 0) return;
  await sql`
    UPDATE conversations c
       SET (first_agent_reply_at, first_agent_reply_agent_id) = (
         SELECT m.counted_at, m.agent_id FROM messages m
          WHERE m.direction = 'outbound' AND m.origin <> 'history'
            AND (m.conversation_ref = c.external_id
                 OR (m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id))
            AND m.counted_at > c.opened_at
            AND (c.closed_at IS NULL OR m.counted_at <= c.closed_at)
            AND (m.sender_type IN ('agent', 'echo') OR (m.sender_type IS NULL AND c.source = 'derived'))
          ORDER BY m.counted_at LIMIT 1)
     WHERE ${sql.join(conditions, sql` OR `)}`.execute(db);
}
