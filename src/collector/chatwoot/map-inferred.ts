import type { ConversationOpened, InboxEvent, OpenedBy } from '../inbox/index.js';
import { agentId, conversationId, eventId } from './ids.js';
import { openedEvent, openerOf } from './map-conversation.js';
import type { CwMessage } from './payload.js';
import { agentUpsert, userAssignee } from './people.js';
import { parseChatwootTime, unixKey } from './time.js';

/**
 * Who opened a conversation, judged from the first of its messages wapulse sees: the contact
 * for an incoming one; for a private note, the conversation's last public message (as
 * conversation_created does); else the sender — an agent (user), or automation (a bot, an
 * automation rule with no sender, a campaign, Chatwoot's own template messages).
 */
function openerOfMessage(message: CwMessage, incoming: boolean): { opened_by: OpenedBy; agent_id?: string } {
  if (incoming) return { opened_by: 'contact' };
  if (message.private) return openerOf(message.conversation.messages?.[0] ?? undefined);
  const campaign = message.additional_attributes?.campaign_id != null;
  const template = message.message_type === 'template' || message.message_type === 3;
  if (!campaign && !template && message.sender?.type === 'user') return { opened_by: 'agent', agent_id: agentId(message.sender.id) };
  return { opened_by: 'automation' };
}

/**
 * The open a message implies: its conversation exists, so it was opened at the embedded
 * conversation's created_at. Chatwoot subscribed to message events alone (or a lost
 * conversation_created: Chatwoot never retries) still yields the conversation.
 *
 * The id is the conversation's id and created_at only, so every message of the conversation —
 * in any cycle, created or updated — names the same event and it is stored once (the first
 * message to arrive gives its opener). created_at never changes on reopen, so the inferred open
 * always sits at the very start of the conversation: it can open only the first cycle, and is
 * a no-op when conversation_created's open (same time, `inferred` absent) is stored too — the
 * cycle builder replays a reported open before an inferred one at the same time, whichever
 * arrived first. Reopens still need conversation_status_changed.
 *
 * Nothing is inferred for blocked contacts (Chatwoot creates their conversations resolved and
 * conversation_created opens nothing for them either) or without created_at (no time to put it at).
 */
export function inferredOpen(message: CwMessage, incoming: boolean): ConversationOpened | string {
  const conv = message.conversation;
  if (conv.meta?.sender?.blocked === true) return `conversation ${conv.id}: the contact is blocked, so no open is inferred`;
  const at = parseChatwootTime(conv.created_at);
  if (at === null) return `conversation ${conv.id}: no created_at in the message's conversation, so no open is inferred`;
  const id = eventId('conversation', conv.id, unixKey(at), 'inferred-open');
  const opened = openedEvent(conv, id, at, openerOfMessage(message, incoming));
  return typeof opened === 'string' ? `no open inferred: ${opened}` : { ...opened, inferred: true };
}

/**
 * message_created observes the conversation's assignee (meta.assignee, read when the webhook job
 * ran, just after the message): conversation.assigned at the message's time, preceded by the
 * agent's upsert. Re-announcing the current assignee changes nothing in the cycle builder, so
 * with conversation_updated connected this only fills in what a lost webhook left out; with
 * message events alone it is where assignments come from (timed by the first message that shows
 * them, never earlier than the real change by more than the webhook's delay). An absent
 * assignee is not taken as an unassignment: absence is not an event.
 */
export function assigneeObservation(message: CwMessage, at: Date): InboxEvent[] {
  const conv = message.conversation;
  const assignee = userAssignee(conv);
  if (assignee === null) return [];
  const events: InboxEvent[] = [];
  // a sender who is the assignee is upserted already (with email) by the outgoing branch
  const isSender = message.sender?.type === 'user' && message.sender.id === assignee.id;
  const upsert = isSender ? null : agentUpsert(assignee, eventId('message', message.id, 'assignee-agent', assignee.id), at, conv.meta?.team?.name);
  if (upsert) events.push(upsert);
  events.push({
    type: 'conversation.assigned',
    id: eventId('message', message.id, 'assignee', assignee.id),
    at,
    conversation_id: conversationId(conv.id),
    agent_id: agentId(assignee.id),
  });
  return events;
}
