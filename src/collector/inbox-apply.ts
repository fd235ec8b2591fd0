import type { Kysely } from 'kysely';
import { cycleSightings, readInboxConversations, storeInboxConversations } from '../conversations/index.js';
import {
  insertComments,
  lockKeys,
  markContactDeleted,
  markPairsDirty,
  refreshCycleDurations,
  refreshFirstReplies,
  resolveContacts,
  setContactSource,
  upsertAgents,
  upsertSentMessages,
  type ContactIds,
  type Database,
} from '../store/index.js';
import type { InboxEvent } from './inbox/index.js';

const CONVERSATION_TYPES = new Set(['conversation.opened', 'conversation.assigned', 'conversation.closed']);

/** The inbox conversation an event belongs to, if any (stored as inbox_events.conversation_ref). */
export function conversationRef(e: InboxEvent): string | null {
  return 'conversation_id' in e && e.conversation_id ? e.conversation_id : null;
}

/**
 * Applies newly stored inbox events to the model, inside the caller's transaction. Events
 * naming an agent, contact or conversation not seen yet are fine: agents are joined by id at
 * report time, and every conversation is rebuilt from all of its stored events, so a late
 * referent takes effect when it arrives.
 *
 * Concurrency (store/key-locks.ts): the conversation locks of every conversation touched come
 * first, then all contacts in one resolveContacts (contact locks), then the pair locks taken
 * while storing cycles — the fixed kind order that keeps concurrent requests deadlock-free.
 */
export async function applyInboxEvents(tx: Kysely<Database>, events: readonly InboxEvent[]): Promise<void> {
  const of = <T extends InboxEvent['type']>(type: T) =>
    events.filter((e): e is Extract<InboxEvent, { type: T }> => e.type === type);

  const refs = sortedUnique(events.filter((e) => CONVERSATION_TYPES.has(e.type)).flatMap((e) => conversationRef(e) ?? []));
  const sent = of('message.sent');
  const sentRefs = sortedUnique(sent.flatMap((e) => e.conversation_id ?? []));
  // message.sent refreshes its conversation's first replies, so it must not interleave with a rebuild of it either
  await lockKeys(tx, 'conversation', [...refs, ...sentRefs]);

  await upsertAgents(
    tx,
    of('agent.upserted').map((e) => ({ ...e.agent, slackUserId: e.agent.slack_user_id, at: e.at })),
  );

  const rebuilds = await readInboxConversations(tx, refs);
  const created = of('contact.created');
  const deleted = of('contact.deleted');
  const contacts = await resolveContacts(tx, [
    ...created.map((e) => ({ ...keyOf(e.contact), name: e.contact.name ?? undefined, at: e.at, via: 'inbox' as const })),
    ...deleted.map((e) => ({ ...keyOf(e.contact), at: e.at, via: 'inbox' as const })),
    ...cycleSightings(rebuilds),
  ]);
  await applyContactEvents(tx, contacts, created, deleted);
  await storeInboxConversations(tx, rebuilds, contacts);

  await upsertSentMessages(
    tx,
    sent.map((e) => ({ wamid: e.wa_message_id, at: e.at, senderType: e.sender, agentId: e.agent_id ?? null, conversationRef: e.conversation_id ?? null })),
  );
  if (sentRefs.length) await refreshFirstReplies(tx, { refs: sentRefs });
  if (sentRefs.length) await refreshCycleDurations(tx, { refs: sentRefs });
  // attribution (sender_type, agent) also decides replies of cycles matched by contact × number
  // rather than by this ref: the next settle refreshes those, as for a WhatsApp status
  await markPairsDirty(tx, sent.map((e) => e.wa_message_id));

  await insertComments(
    tx,
    of('comment.created').map((e) => ({ eventId: e.id, conversationRef: e.conversation_id, agentId: e.agent_id, at: e.at, text: e.text })),
  );
}

const keyOf = (c: { wa_id?: string | null; user_id?: string | null }) => ({ userId: c.user_id ?? undefined, waId: c.wa_id ?? undefined });
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();

async function applyContactEvents(
  tx: Kysely<Database>,
  ids: ContactIds,
  created: Extract<InboxEvent, { type: 'contact.created' }>[],
  deleted: Extract<InboxEvent, { type: 'contact.deleted' }>[],
): Promise<void> {
  for (const e of created) {
    const id = ids.get(keyOf(e.contact));
    if (id !== null) await setContactSource(tx, id, e.source, e.at);
  }
  for (const e of deleted) {
    const id = ids.get(keyOf(e.contact));
    if (id !== null) await markContactDeleted(tx, id, e.at);
  }
}
