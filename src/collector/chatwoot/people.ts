import type { AgentUpserted, InboxContact } from '../inbox/index.js';
import { agentId } from './ids.js';
import { clamp } from './mapping.js';
import type { CwActor, CwConversation } from './payload.js';

/** The only channel type whose contact_inbox.source_id is a wa_id and source_ids are wamids. */
export const WHATSAPP_CHANNEL = 'Channel::Whatsapp';

/**
 * Chatwoot's webhooks cover every inbox of the account. Web-widget, e-mail or Facebook
 * conversations have no wamids and would skew WhatsApp metrics, so only WhatsApp inboxes pass.
 * A body without `channel` (very old versions) is given the benefit of the doubt.
 */
export function isWhatsAppChannel(channel: string | null | undefined): boolean {
  return channel == null || channel === WHATSAPP_CHANNEL;
}

/** "+971 50 123 4567" → "971501234567"; null when what is left is not a phone number. */
export function waIdFromPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  const digits = phone.replace(/[\s\-().]/g, '').replace(/^\+/, '');
  return /^\d{5,20}$/.test(digits) ? digits : null;
}

/**
 * The contact of a conversation. For a WhatsApp inbox contact_inbox.source_id is the wa_id
 * (Chatwoot keys the contact on it); meta.sender.phone_number ("+<wa_id>") is the fallback.
 */
export function contactOf(conv: CwConversation): InboxContact | null {
  const sender = conv.meta?.sender;
  const waId = waIdFromPhone(conv.contact_inbox?.source_id) ?? waIdFromPhone(sender?.phone_number);
  if (waId === null) return null;
  return sender?.name ? { wa_id: waId, name: clamp(sender.name, 200) } : { wa_id: waId };
}

/**
 * meta.assignee when it is a person. Since Chatwoot 4 the assignee may be an AgentBot
 * (`type: "agent_bot"`); bots are not agents. Versions before that always sent Users,
 * some without `type`, so a missing type counts as a user here.
 */
export function userAssignee(conv: CwConversation): CwActor | null {
  const assignee = conv.meta?.assignee;
  if (assignee == null) return null;
  return assignee.type == null || assignee.type === 'user' ? assignee : null;
}

/** agent.upserted for a Chatwoot user; null when the payload has no name to give it. */
export function agentUpsert(
  actor: CwActor,
  eventId: string,
  at: Date,
  team?: string | null,
): AgentUpserted | null {
  if (!actor.name) return null;
  const agent: AgentUpserted['agent'] = { id: agentId(actor.id), name: clamp(actor.name, 200) };
  // conversation meta.assignee is User#push_event_data, which has no email;
  // message senders are User#webhook_data, which has one
  if (actor.email) agent.email = clamp(actor.email, 320);
  if (team) agent.team = clamp(team, 200);
  return { type: 'agent.upserted', id: eventId, at, agent };
}
