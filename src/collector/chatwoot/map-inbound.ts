import { channelKey, conversationId } from './ids.js';
import { clamp, type ChatwootInboundMessage } from './mapping.js';
import type { CwMessage } from './payload.js';
import { contactOf, waIdFromPhone } from './people.js';

const MAX_PREVIEW = 200;

/**
 * Attachment#file_type → WhatsApp's message type. Chatwoot's WhatsApp services store stickers
 * as images, voice notes as audio and contact cards as `contact`; text, button and interactive
 * replies carry no attachment (their title becomes the content). Chatwoot drops reactions,
 * ephemeral, unsupported and request_welcome messages before storing anything, so those
 * never arrive here — except reactions in versions that keep them (content_attributes.is_reaction).
 */
const FILE_TYPES: Record<string, string> = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'document',
  location: 'location',
  contact: 'contacts',
};

function typeOf(message: CwMessage): string {
  if (message.content_attributes?.is_reaction === true) return 'reaction';
  if (message.content_type === 'sticker') return 'sticker';
  const fileType = message.attachments?.[0]?.file_type;
  if (fileType) return FILE_TYPES[fileType] ?? fileType;
  return 'text';
}

/** As WhatsApp's preview: the text or caption cut at 200 characters, else `[type]`. */
function previewOf(message: CwMessage, type: string): string {
  const text = message.content?.trim() ? message.content : `[${type}]`;
  return [...text].slice(0, MAX_PREVIEW).join('');
}

/** The contact who wrote: the sender's phone ("+" and WhatsApp's `from`), else the conversation's. */
function writerOf(message: CwMessage): ChatwootInboundMessage['contact'] | null {
  const waId = waIdFromPhone(message.sender?.phone_number);
  if (waId === null) return contactOf(message.conversation);
  const name = message.sender?.name ?? message.conversation.meta?.sender?.name;
  return name ? { wa_id: waId, name: clamp(name, 200) } : { wa_id: waId };
}

/**
 * An incoming message → the inbound message it relays, or the reason it cannot be stored.
 * Keyed by source_id, the wamid WhatsApp's own webhook uses, so both sources meet on one row.
 * Without a source_id (a version or bridge that does not set it) the key is
 * `chatwoot:message:<id>`: stable across redeliveries and message_updated, and never a wamid,
 * so it cannot merge with anything by accident — it is counted as received on its own.
 */
export function inboundMessage(message: CwMessage, at: Date): ChatwootInboundMessage | string {
  const conv = message.conversation;
  const contact = writerOf(message);
  if (contact === null) {
    return `incoming message ${message.id} has no WhatsApp contact (no digits in sender.phone_number, contact_inbox.source_id or meta.sender.phone_number)`;
  }
  const inboxId = conv.inbox_id ?? message.inbox?.id;
  if (inboxId == null) return `incoming message ${message.id} has no inbox id to key the business number on`;
  const type = typeOf(message);
  const replyTo = message.content_attributes?.in_reply_to_external_id;
  return {
    wamid: message.source_id || `chatwoot:message:${message.id}`,
    at,
    type,
    preview: previewOf(message, type),
    contact,
    phoneNumberId: channelKey(inboxId),
    conversationRef: conversationId(conv.id),
    replyToWamid: typeof replyTo === 'string' && replyTo !== '' ? replyTo : null,
  };
}
