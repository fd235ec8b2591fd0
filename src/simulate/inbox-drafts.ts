import type { SimContact } from './contacts.js';
import type { Channel } from './context.js';
import type { ContactCreated, ConversationOpened, OpenedBy } from './inbox-types.js';

type Draft<E> = Omit<E, 'id' | 'at'>;

/** The inbox's contact.created; name and user_id only when known. */
export function contactCreated(contact: SimContact): Draft<ContactCreated> {
  const c: ContactCreated['contact'] = { wa_id: contact.waId };
  if (contact.name !== null) c.name = contact.name;
  if (contact.userId !== null) c.user_id = contact.userId;
  return { type: 'contact.created', contact: c, source: contact.source };
}

/** conversation.opened for a cycle of `contact` on `channel`. */
export function conversationOpened(
  conversationId: string,
  contact: SimContact,
  channel: Channel,
  openedBy: OpenedBy,
  agentId?: string,
): Draft<ConversationOpened> {
  return {
    type: 'conversation.opened',
    conversation_id: conversationId,
    contact: { wa_id: contact.waId },
    phone_number_id: channel.phoneNumberId,
    opened_by: openedBy,
    ...(agentId !== undefined ? { agent_id: agentId } : {}),
  };
}
