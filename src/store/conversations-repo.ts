import type { Kysely } from 'kysely';
import { sql, type RawBuilder } from 'kysely';
import { chunks } from './chunks.js';
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
  const wabaIds = new Map<number, string | null>();
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
      // the number's WABA once WhatsApp has named it (channels); inbox events carry only the number
      waba_id: sql<string | null>`(SELECT waba_id FROM channels WHERE phone_number_id = ${c.phoneNumberId})`,
    };
    const { id, waba_id } = await db
      .insertInto('conversations')
      .values(row)
      .onConflict((oc) => oc.columns(['external_id', 'cycle']).doUpdateSet(row))
      .returning(['id', 'waba_id'])
      .executeTakeFirstOrThrow();
    ids.set(c.cycle, id);
    wabaIds.set(c.cycle, waba_id);
  }
  await db.deleteFrom('conversations').where('external_id', '=', ref).where('cycle', '>', cycles.length).execute();
  const conversationIds = [...ids.values()];
  for (const part of chunks(conversationIds)) await db.deleteFrom('assignments').where('conversation_id', 'in', part).execute();
  const rows = assignments.flatMap((a) => {
    const conversationId = ids.get(a.cycle);
    return conversationId === undefined
      ? []
      : [{ conversation_id: conversationId, from_agent_id: a.fromAgentId, to_agent_id: a.toAgentId, at: a.at, by: a.by, event_id: a.eventId, waba_id: wabaIds.get(a.cycle) ?? null }];
  });
  for (const part of chunks(rows)) await db.insertInto('assignments').values(part).execute();
  return conversationIds;
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
  // one statement per thousand keys: a settle after a burst can name tens of thousands of contacts
  const conditions = [
    ...chunks(scope.conversationIds ?? []).map((part) => sql`c.id IN (${sql.join(part)})`),
    ...chunks(scope.contactIds ?? []).map((part) => sql`c.contact_id IN (${sql.join(part)})`),
    ...chunks(scope.refs ?? []).map((part) => sql`c.external_id IN (${sql.join(part)})`),
  ];
  for (const condition of conditions) await refreshWhere(db, condition);
}

async function refreshWhere(db: Kysely<Database>, condition: RawBuilder<unknown>): Promise<void> {
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
     WHERE ${condition}`.execute(db);
}
