import type { MessageSent, Sender } from '../inbox/index.js';
import { agentId, conversationId, eventId } from './ids.js';
import { clamp, emptyMapping, ignoredBecause, type ChatwootMapOptions, type ChatwootMessageStatus, type Mapping } from './mapping.js';
import type { CwMessage } from './payload.js';
import { inboundMessage } from './map-inbound.js';
import { assigneeObservation, inferredOpen } from './map-inferred.js';
import { agentUpsert, isWhatsAppChannel } from './people.js';
import { parseChatwootTime } from './time.js';

export type MessageEventName = 'message_created' | 'message_updated';

/**
 * Message#message_type: webhook_data sends the enum name, push_event_data the integer
 * (incoming 0, outgoing 1, activity 2, template 3). Template messages are Chatwoot's own
 * automatic ones (greetings, CSAT surveys); they go out like outgoing messages.
 */
type Direction = 'incoming' | 'outgoing' | 'activity' | 'template' | 'unknown';
const DIRECTIONS = ['incoming', 'outgoing', 'activity', 'template'] as const;

function directionOf(messageType: number | string): Direction {
  if (typeof messageType === 'number') return DIRECTIONS[messageType] ?? 'unknown';
  return (DIRECTIONS as readonly string[]).includes(messageType) ? (messageType as Direction) : 'unknown';
}

const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
const isStatus = (v: unknown): v is ChatwootMessageStatus['status'] =>
  typeof v === 'string' && (STATUSES as readonly string[]).includes(v);

/**
 * Who sent an outgoing message. sender is `sender.try(:webhook_data)`: a User has
 * type "user"; AgentBot "agent_bot", Captain::Assistant "captain_assistant", and
 * automation rules leave it null. Campaign messages carry additional_attributes.campaign_id.
 */
function senderOf(message: CwMessage): { sender: Sender; agent_id?: string } {
  const user = message.sender?.type === 'user' ? message.sender : null;
  const sender: Sender = message.additional_attributes?.campaign_id != null ? 'broadcast' : user ? 'agent' : 'automation';
  return user ? { sender, agent_id: agentId(user.id) } : { sender };
}

function statusUpdate(message: CwMessage, wamid: string, options: ChatwootMapOptions): ChatwootMessageStatus | string {
  const status = message.status;
  if (status == null) return 'no status in the payload (upstream Message#webhook_data has none)';
  if (!isStatus(status)) return `status ${JSON.stringify(status)} is not one of ${STATUSES.join(', ')}`;
  // Upstream sends no update time for a message; the arrival time is the closest reading
  // (Chatwoot posts the webhook right after the update and never retries).
  const at = parseChatwootTime(message.updated_at) ?? options.receivedAt;
  if (at === undefined) return `status ${status} skipped: no updated_at in the payload and no receivedAt given`;
  const error = message.content_attributes?.external_error;
  return typeof error === 'string' && error !== '' ? { wamid, status, at, error } : { wamid, status, at };
}

/** The private-note branch: comment.created, written by a user only. */
function mapPrivateNote(message: CwMessage, at: Date): Mapping {
  const author = message.sender?.type === 'user' ? message.sender : null;
  if (author === null) return ignoredBecause(`private note ${message.id} was not written by an agent (sender ${message.sender?.type ?? 'absent'})`);
  return {
    events: [
      {
        type: 'comment.created',
        id: eventId('message', message.id, 'comment'),
        at,
        conversation_id: conversationId(message.conversation.id),
        agent_id: agentId(author.id),
        text: clamp(message.content ?? '', 10_000),
      },
    ],
    statusUpdates: [],
    inbound: [],
    ignored: [],
  };
}

/**
 * message_created / message_updated → for incoming messages the inbound message itself (stored
 * under its wamid); message.sent for outgoing messages WhatsApp accepted (source_id = wamid);
 * comment.created for private notes; for message_updated a status update. Every message also
 * infers its conversation's open (map-inferred.ts), so message events alone still give
 * conversations, and message_created observes the assignee. Event ids depend on the message
 * (or conversation) id only, so the message_updated that follows a message_created (or a
 * redelivery) produces the same ids and stores nothing twice.
 */
export function mapMessage(event: MessageEventName, message: CwMessage, options: ChatwootMapOptions): Mapping {
  const conv = message.conversation;
  if (!isWhatsAppChannel(conv.channel)) {
    return ignoredBecause(`message ${message.id} is in a ${conv.channel} inbox, not WhatsApp; wapulse maps WhatsApp inboxes only`);
  }
  const direction = directionOf(message.message_type);
  switch (direction) {
    case 'activity':
      return ignoredBecause(`message ${message.id} is an activity note, not a message`);
    case 'unknown':
      return ignoredBecause(`message ${message.id} has unknown message_type ${JSON.stringify(message.message_type)}`);
    case 'incoming':
    case 'outgoing':
    case 'template':
      break;
    default: {
      const unreachable: never = direction;
      return unreachable;
    }
  }

  const at = parseChatwootTime(message.created_at) ?? options.receivedAt;
  if (at === undefined) return ignoredBecause(`message ${message.id} has no readable created_at`);
  const own = direction === 'incoming' ? mapIncoming(message, at) : message.private ? mapPrivateNote(message, at) : mapOutgoing(event, message, at, options);
  const open = inferredOpen(message, direction === 'incoming');
  const observed = event === 'message_created' ? assigneeObservation(message, at) : [];
  return {
    events: [...(typeof open === 'string' ? [] : [open]), ...own.events, ...observed],
    statusUpdates: own.statusUpdates,
    inbound: own.inbound,
    ignored: [...own.ignored, ...(typeof open === 'string' ? [open] : [])],
  };
}

/** An incoming message: the inbound message WhatsApp delivered, as Chatwoot relays it. */
function mapIncoming(message: CwMessage, at: Date): Mapping {
  const inbound = inboundMessage(message, at);
  return typeof inbound === 'string' ? ignoredBecause(inbound) : { ...emptyMapping(), inbound: [inbound] };
}

/** Outgoing (and template) messages: message.sent once WhatsApp gave the wamid. */
function mapOutgoing(event: MessageEventName, message: CwMessage, at: Date, options: ChatwootMapOptions): Mapping {
  const conv = message.conversation;
  const wamid = message.source_id;
  if (!wamid && message.status === 'failed') {
    return ignoredBecause(`outgoing message ${message.id} failed before WhatsApp accepted it: no wamid to record it under`);
  }
  if (!wamid) {
    return ignoredBecause(
      `outgoing message ${message.id} has no source_id yet: Chatwoot sets it once WhatsApp accepts the message and then sends message_updated`,
    );
  }

  const m = emptyMapping();
  const { sender, agent_id } = senderOf(message);
  if (agent_id !== undefined && message.sender) {
    // the team is known only for the conversation's assignee (meta.team); upserts are partial
    const team = conv.meta?.assignee?.id === message.sender.id ? conv.meta?.team?.name : null;
    const upsert = agentUpsert(message.sender, eventId('message', message.id, 'agent', message.sender.id), at, team);
    if (upsert) m.events.push(upsert);
  }
  const sent: MessageSent = {
    type: 'message.sent',
    id: eventId('message', message.id, 'sent'),
    at,
    wa_message_id: wamid,
    conversation_id: conversationId(conv.id),
    sender,
    ...(agent_id !== undefined ? { agent_id } : {}),
  };
  m.events.push(sent);
  if (event === 'message_updated') {
    const update = statusUpdate(message, wamid, options);
    if (typeof update === 'string') m.ignored.push(`message ${message.id}: ${update}`);
    else m.statusUpdates.push(update);
  }
  return m;
}
