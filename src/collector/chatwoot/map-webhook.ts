import type { z } from 'zod';
import { mapContactCreated } from './map-contact.js';
import { mapConversationCreated } from './map-conversation.js';
import { mapConversationUpdated } from './map-conversation-updated.js';
import { mapMessage } from './map-message.js';
import { mapStatusChanged } from './map-status-changed.js';
import { toResult, type ChatwootMapOptions, type ChatwootMapResult } from './mapping.js';
import { CwContact, CwConversation, CwMessage, describeIssues } from './payload.js';

/** The Chatwoot webhook events wapulse maps; every other event is acknowledged and ignored. */
export const MAPPED_CHATWOOT_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'message_updated',
  'contact_created',
] as const;
export type MappedChatwootEvent = (typeof MAPPED_CHATWOOT_EVENTS)[number];

const isMapped = (name: string): name is MappedChatwootEvent =>
  (MAPPED_CHATWOOT_EVENTS as readonly string[]).includes(name);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function malformed(name: string, error: z.ZodError): ChatwootMapResult {
  return { ok: false, error: `${name} body does not have the fields wapulse maps: ${describeIssues(error.issues)}` };
}

/**
 * Maps one Chatwoot webhook body onto team-inbox events (the same objects POST /webhooks/inbox
 * produces, so one storage path serves both), plus the inbound WhatsApp messages that incoming
 * messages relay (stored like WhatsApp's own, keyed by wamid) and, for message_updated,
 * WhatsApp-like status updates. Pure: the same body and options always give the same events with the same ids, so
 * a redelivered body is idempotent. `ok: false` only for a body that is not a Chatwoot
 * webhook or a mapped event missing the fields it needs; events that are deliberately not
 * mapped are `ok: true` with no events and the reason in `ignored`.
 */
export function mapChatwootWebhook(body: unknown, options: ChatwootMapOptions = {}): ChatwootMapResult {
  if (!isRecord(body)) return { ok: false, error: 'body must be a JSON object' };
  const name = body.event;
  if (typeof name !== 'string' || name === '') return { ok: false, error: 'body.event is required: the Chatwoot event name' };
  if (!isMapped(name)) {
    return { ok: true, events: [], statusUpdates: [], inbound: [], ignored: `Chatwoot event ${name} is not mapped; wapulse maps ${MAPPED_CHATWOOT_EVENTS.join(', ')}` };
  }

  switch (name) {
    case 'conversation_created':
    case 'conversation_status_changed':
    case 'conversation_updated': {
      const parsed = CwConversation.safeParse(body);
      if (!parsed.success) return malformed(name, parsed.error);
      const conv = parsed.data;
      if (name === 'conversation_created') return toResult(mapConversationCreated(conv, options));
      if (name === 'conversation_status_changed') return toResult(mapStatusChanged(conv, options));
      return toResult(mapConversationUpdated(conv, options));
    }
    case 'message_created':
    case 'message_updated': {
      const parsed = CwMessage.safeParse(body);
      if (!parsed.success) return malformed(name, parsed.error);
      return toResult(mapMessage(name, parsed.data, options));
    }
    case 'contact_created': {
      const parsed = CwContact.safeParse(body);
      if (!parsed.success) return malformed(name, parsed.error);
      return toResult(mapContactCreated(parsed.data, options));
    }
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}
