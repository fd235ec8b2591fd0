import { clip } from '../limits.js';
import type { InboxContact, InboxEvent } from '../inbox/index.js';

/** WhatsApp-like status of an outbound message, as Chatwoot reports it in message_updated. */
export type ChatwootMessageStatus = {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  /** content_attributes.external_error, Chatwoot's text for a failed send, when present. */
  error?: string;
};

/**
 * An inbound WhatsApp message as Chatwoot relays it (an incoming message_created or
 * message_updated). Not an inbox event: the team-inbox contract has no inbound messages, since
 * any other inbox sits behind WhatsApp's own webhook. Stored in `messages` under its wamid.
 */
export type ChatwootInboundMessage = {
  /** source_id (the wamid WhatsApp's webhook uses too), else `chatwoot:message:<id>` */
  wamid: string;
  /** Chatwoot's created_at: when Chatwoot stored the message, seconds after WhatsApp's timestamp */
  at: Date;
  /** WhatsApp's type as far as Chatwoot shows it: text, image, audio, video, document, … */
  type: string;
  preview: string | null;
  contact: InboxContact;
  /** `chatwoot-inbox:<inbox id>` until the ingest maps it (CHATWOOT_INBOX_NUMBERS) */
  phoneNumberId: string;
  /** the Chatwoot conversation it was written in, as conversation events name it */
  conversationRef: string;
  replyToWamid: string | null;
};

export type ChatwootMapOptions = {
  /**
   * When wapulse received the body (raw_events.received_at; the same value on reprocess).
   * Used only where Chatwoot's payload carries no time of its own: contact_created and the
   * status of message_updated. Without it those parts are skipped and `ignored` says so.
   */
  receivedAt?: Date;
};

export type ChatwootMapResult =
  | { ok: true; events: InboxEvent[]; statusUpdates: ChatwootMessageStatus[]; inbound: ChatwootInboundMessage[]; ignored?: string }
  | { ok: false; error: string };

/** What one mapper produced, plus why it left things out. */
export type Mapping = {
  events: InboxEvent[];
  statusUpdates: ChatwootMessageStatus[];
  inbound: ChatwootInboundMessage[];
  ignored: string[];
};

export const emptyMapping = (): Mapping => ({ events: [], statusUpdates: [], inbound: [], ignored: [] });

/** A mapping that produced nothing, with the reason. */
export const ignoredBecause = (reason: string): Mapping => ({ ...emptyMapping(), ignored: [reason] });

/** A mapping of these events only. */
export const eventsOnly = (events: InboxEvent[]): Mapping => ({ ...emptyMapping(), events });

export function toResult(m: Mapping): ChatwootMapResult {
  const base = { ok: true as const, events: m.events, statusUpdates: m.statusUpdates, inbound: m.inbound };
  return m.ignored.length > 0 ? { ...base, ignored: m.ignored.join('; ') } : base;
}

/**
 * Cuts free text to the inbox schema's limits, so mapped events always validate; never
 * between the halves of a surrogate pair (jsonb refuses a lone one).
 */
export function clamp(text: string, max: number): string {
  return clip(text, max);
}
