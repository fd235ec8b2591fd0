import type { ConversationOpened, InboxEvent, OpenedBy } from '../inbox/index.js';
import { agentId, channelKey, conversationId, eventId } from './ids.js';
import { eventsOnly, ignoredBecause, type ChatwootMapOptions, type Mapping } from './mapping.js';
import type { CwConversation, CwPushMessage } from './payload.js';
import { agentUpsert, contactOf, isWhatsAppChannel, userAssignee } from './people.js';
import { parseChatwootTime, unixKey } from './time.js';

/** Checks shared by every conversation event; a string is the reason to skip the body. */
export function conversationSkipReason(conv: CwConversation): string | null {
  return isWhatsAppChannel(conv.channel)
    ? null
    : `conversation ${conv.id} is in a ${conv.channel} inbox, not WhatsApp; wapulse maps WhatsApp inboxes only`;
}

/** changed_attributes: [{ "status": { previous_value, current_value } }] → the named change. */
export function findChange(conv: CwConversation, key: string): { previous: unknown; current: unknown } | null {
  for (const entry of conv.changed_attributes ?? []) {
    const change = entry[key];
    if (change) return { previous: change.previous_value, current: change.current_value };
  }
  return null;
}

/**
 * Who opened a conversation, judged from its message in the payload. push_data carries
 * `messages.chat.last` only, which at conversation_created is the first message.
 * message_type is Chatwoot's integer here: 0 incoming, 1 outgoing, 2 activity, 3 template.
 */
export function openerOf(message: CwPushMessage | undefined): { opened_by: OpenedBy; agent_id?: string } {
  if (message === undefined) return { opened_by: 'agent' };
  const type = message.message_type;
  if (type === 0 || type === 'incoming' || message.sender_type === 'Contact') return { opened_by: 'contact' };
  const bot = message.sender_type === 'AgentBot' || message.sender_type === 'Captain::Assistant';
  const campaign = message.additional_attributes?.campaign_id != null;
  if (bot || campaign || type === 3 || type === 'template') return { opened_by: 'automation' };
  if (message.sender_type === 'User' && message.sender_id != null) {
    return { opened_by: 'agent', agent_id: agentId(message.sender_id) };
  }
  return { opened_by: 'agent' };
}

/** conversation.opened, or the reason it cannot be built from this body. */
export function openedEvent(
  conv: CwConversation,
  id: string,
  at: Date,
  opener: { opened_by: OpenedBy; agent_id?: string },
): ConversationOpened | string {
  const contact = contactOf(conv);
  if (contact === null) {
    return `conversation ${conv.id} has no WhatsApp contact (no digits in contact_inbox.source_id or meta.sender.phone_number)`;
  }
  if (conv.inbox_id == null) return `conversation ${conv.id} has no inbox_id to key the business number on`;
  return {
    type: 'conversation.opened',
    id,
    at,
    conversation_id: conversationId(conv.id),
    contact,
    phone_number_id: channelKey(conv.inbox_id),
    ...opener,
  };
}

/** agent.upserted + conversation.assigned for the conversation's assignee, if it is a person. */
export function assigneeEvents(conv: CwConversation, event: string, key: string, at: Date): InboxEvent[] {
  const assignee = userAssignee(conv);
  if (assignee === null) return [];
  const events: InboxEvent[] = [];
  const upsert = agentUpsert(assignee, eventId(event, conv.id, key, 'agent', assignee.id), at, conv.meta?.team?.name);
  if (upsert) events.push(upsert);
  events.push({
    type: 'conversation.assigned',
    id: eventId(event, conv.id, key, 'assigned', assignee.id),
    at,
    conversation_id: conversationId(conv.id),
    agent_id: agentId(assignee.id),
  });
  return events;
}

/**
 * conversation_created → conversation.opened at created_at, plus the assignee's
 * agent.upserted and conversation.assigned when the conversation starts assigned.
 */
export function mapConversationCreated(conv: CwConversation, options: ChatwootMapOptions): Mapping {
  const skip = conversationSkipReason(conv);
  if (skip) return ignoredBecause(skip);
  if (conv.status === 'resolved') {
    // Chatwoot creates conversations resolved for blocked contacts: nothing ever opened.
    return ignoredBecause(`conversation ${conv.id} was created resolved (blocked contact); nothing to open`);
  }
  const at = parseChatwootTime(conv.created_at) ?? parseChatwootTime(conv.updated_at) ?? options.receivedAt;
  if (at === undefined) return ignoredBecause(`conversation_created ${conv.id} has no readable created_at`);
  const key = unixKey(at);
  const opened = openedEvent(conv, eventId('conversation_created', conv.id, key, 'opened'), at, openerOf(conv.messages?.[0]));
  if (typeof opened === 'string') return ignoredBecause(opened);
  return eventsOnly([opened, ...assigneeEvents(conv, 'conversation_created', key, at)]);
}
