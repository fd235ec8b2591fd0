import type { Kysely } from 'kysely';
import { markPairsDirty, resolveContacts, upsertInboxMessages, type Database } from '../store/index.js';
import type { ChatwootInboundMessage } from './chatwoot/index.js';

/**
 * Stores the inbound WhatsApp messages Chatwoot relays, inside the caller's transaction, the
 * way WhatsApp's own inbound messages are stored: the contact is resolved (first seen through
 * an inbound message), the message is merged by wamid with whatever WhatsApp's webhook said
 * about it (WhatsApp's fields win, whichever arrives first), and its contact × number pair is
 * marked for the next settle, which refreshes first replies. Reports read the messages
 * directly, so received counts, per-turn response times, busy hours and the live queue see it
 * at once; the conversation_ref ties it to its Chatwoot conversation even before the contact
 * and number are known to match.
 */
export async function applyChatwootInbound(tx: Kysely<Database>, inbound: readonly ChatwootInboundMessage[]): Promise<void> {
  if (inbound.length === 0) return;
  const keyOf = (m: ChatwootInboundMessage) => ({ waId: m.contact.wa_id ?? undefined, userId: m.contact.user_id ?? undefined });
  const contacts = await resolveContacts(
    tx,
    inbound.map((m) => ({ ...keyOf(m), name: m.contact.name ?? undefined, at: m.at, via: 'inbound' as const })),
  );
  await upsertInboxMessages(
    tx,
    inbound.map((m) => ({
      wamid: m.wamid,
      ts: m.at,
      type: m.type,
      phoneNumberId: m.phoneNumberId,
      contact: keyOf(m),
      preview: m.preview,
      replyToWamid: m.replyToWamid,
      conversationRef: m.conversationRef,
    })),
    contacts,
  );
  await markPairsDirty(tx, inbound.map((m) => m.wamid));
}
