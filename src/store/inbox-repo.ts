import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { byKey, chunks } from './chunks.js';
import type { Database } from './schema.js';

export type InboxEventRow = { id: string; type: string; at: Date; conversationRef: string | null; payload: unknown };

/** Stores inbox events idempotently by id; returns the ids that were new. */
export async function insertInboxEvents(
  db: Kysely<Database>,
  events: readonly InboxEventRow[],
  rawEventId: number,
  receivedAt: Date,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  // id order: two batches carrying the same events wait for each other instead of deadlocking
  for (const part of chunks(byKey(events, (e) => e.id))) {
    const rows = await db
      .insertInto('inbox_events')
      .values(
        part.map((e) => ({
          id: e.id,
          type: e.type,
          at: e.at,
          conversation_ref: e.conversationRef,
          payload: JSON.stringify(e.payload),
          raw_event_id: rawEventId,
          received_at: receivedAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const r of rows) inserted.add(r.id);
  }
  return inserted;
}

/** All open/assign/close events of one inbox conversation, with their stored payloads. */
export async function conversationEvents(db: Kysely<Database>, ref: string) {
  return db
    .selectFrom('inbox_events')
    .select(['id', 'type', 'at', 'payload'])
    .where('conversation_ref', '=', ref)
    .where('type', 'in', ['conversation.opened', 'conversation.assigned', 'conversation.closed'])
    .execute();
}

export type AgentInput = { id: string; name: string; email?: string | null; team?: string | null; slackUserId?: string | null; at: Date };

/** Upserts agents; the values of the latest event by `at` win, whatever the arrival order. */
export async function upsertAgents(db: Kysely<Database>, agents: readonly AgentInput[]): Promise<void> {
  const latest = new Map<string, AgentInput>();
  for (const a of agents) if (!latest.has(a.id) || latest.get(a.id)!.at <= a.at) latest.set(a.id, a);
  for (const part of chunks(byKey([...latest.values()], (a) => a.id))) await upsertAgentRows(db, part);
}

async function upsertAgentRows(db: Kysely<Database>, agents: readonly AgentInput[]): Promise<void> {
  await db
    .insertInto('agents')
    .values(
      agents.map((a) => ({
        id: a.id,
        name: a.name,
        email: a.email ?? null,
        team: a.team ?? null,
        slack_user_id: a.slackUserId ?? null,
        updated_at: a.at,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          name: sql`excluded.name`,
          // Partial upserts are common (a Chatwoot message sender carries no team): a field
          // left out keeps its stored value instead of being wiped.
          email: sql`coalesce(excluded.email, agents.email)`,
          team: sql`coalesce(excluded.team, agents.team)`,
          slack_user_id: sql`coalesce(excluded.slack_user_id, agents.slack_user_id)`,
          updated_at: sql`excluded.updated_at`,
        })
        .where(sql<boolean>`excluded.updated_at >= agents.updated_at`),
    )
    .execute();
}

export type CommentInput = { eventId: string; conversationRef: string; agentId: string | null; at: Date; text: string | null };

export async function insertComments(db: Kysely<Database>, comments: readonly CommentInput[]): Promise<void> {
  for (const part of chunks(byKey(comments, (c) => c.eventId))) {
    await db
      .insertInto('comments')
      .values(
        part.map((c) => ({
          event_id: c.eventId,
          conversation_ref: c.conversationRef,
          agent_id: c.agentId,
          at: c.at,
          text: c.text,
        })),
      )
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  }
}

/** contact.created: the inbox's source wins over the WhatsApp-derived guess; first creation time wins. */
export async function setContactSource(db: Kysely<Database>, contactId: number, source: string, at: Date): Promise<void> {
  // The earliest statement wins (ties: the smaller source name), so two contact.created events
  // for one contact give the same row in either order. Callers hold the contact's lock.
  const wins = sql<boolean>`(source_at IS NULL OR ${at}::timestamptz < source_at OR (${at}::timestamptz = source_at AND ${source}::text < source))`;
  await db
    .updateTable('contacts')
    .set({
      source: sql`CASE WHEN ${wins} THEN ${source}::text ELSE source END`,
      source_at: sql`CASE WHEN ${wins} THEN ${at}::timestamptz ELSE source_at END`,
      created_at: sql`least(created_at, ${at}::timestamptz)`,
    })
    .where('id', '=', contactId)
    .execute();
}

/** contact.deleted: the earliest deletion time is kept, so redeliveries change nothing. */
export async function markContactDeleted(db: Kysely<Database>, contactId: number, at: Date): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ deleted_at: sql`least(deleted_at, ${at}::timestamptz)` })
    .where('id', '=', contactId)
    .execute();
}

export type SentMessageInput = {
  wamid: string;
  at: Date;
  senderType: 'agent' | 'automation' | 'broadcast' | 'api';
  agentId: string | null;
  conversationRef: string | null;
};

/**
 * message.sent: the inbox says who sent an outbound wamid. Creates the message when WhatsApp
 * has not told us about it yet; otherwise fills attribution only where none exists yet —
 * whichever of the inbox event and the WhatsApp status arrives first attributes it.
 * Contact and channel come from the inbox conversation when WhatsApp has not supplied them.
 */
export async function upsertSentMessages(db: Kysely<Database>, sent: readonly SentMessageInput[]): Promise<void> {
  for (const part of chunks(byKey(sent, (m) => m.wamid))) {
    const values = sql.join(
      part.map((m) => sql`(${m.wamid}::text, ${m.at}::timestamptz, ${m.senderType}::text, ${m.agentId}::text, ${m.conversationRef}::text)`),
    );
    await sql`
      INSERT INTO messages (wamid, direction, origin, sender_type, agent_id, conversation_ref, inbox_sent_at, contact_id, phone_number_id, waba_id)
      SELECT DISTINCT ON (v.wamid) v.wamid, 'outbound', 'live', v.sender, v.agent, v.ref, v.at, c.contact_id, c.phone_number_id, c.waba_id
        FROM (VALUES ${values}) AS v(wamid, at, sender, agent, ref)
        LEFT JOIN LATERAL (
          SELECT contact_id, phone_number_id, waba_id FROM conversations
           WHERE external_id = v.ref ORDER BY cycle DESC LIMIT 1) c ON true
       ORDER BY v.wamid, v.at
      ON CONFLICT (wamid) DO UPDATE SET
        sender_type = coalesce(messages.sender_type, excluded.sender_type),
        agent_id = CASE WHEN messages.sender_type IS NULL THEN excluded.agent_id ELSE messages.agent_id END,
        conversation_ref = coalesce(messages.conversation_ref, excluded.conversation_ref),
        inbox_sent_at = least(messages.inbox_sent_at, excluded.inbox_sent_at),
        contact_id = coalesce(messages.contact_id, excluded.contact_id),
        phone_number_id = coalesce(messages.phone_number_id, excluded.phone_number_id),
        waba_id = coalesce(messages.waba_id, excluded.waba_id)`.execute(db);
  }
}
