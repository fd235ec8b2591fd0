import { clip } from '../limits.js';
import type { InboxEvent } from '../inbox/index.js';

/** WhatsApp-like status of an outbound message, as Chatwoot reports it in message_updated. */
export type ChatwootMessageStatus = {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  /** content_attributes.external_error, Chatwoot's text for a failed send, when present. */
  error?: string;
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
  | { ok: true; events: InboxEvent[]; statusUpdates: ChatwootMessageStatus[]; ignored?: string }
  | { ok: false; error: string };

/** What one mapper produced, plus why it left things out. */
export type Mapping = {
  events: InboxEvent[];
  statusUpdates: ChatwootMessageStatus[];
  ignored: string[];
};

export const emptyMapping = (): Mapping => ({ events: [], statusUpdates: [], ignored: [] });

/** A mapping that produced nothing, with the reason. */
export const ignoredBecause = (reason: string): Mapping => ({ events: [], statusUpdates: [], ignored: [reason] });

export function toResult(m: Mapping): ChatwootMapResult {
  const base = { ok: true as const, events: m.events, statusUpdates: m.statusUpdates };
  return m.ignored.length > 0 ? { ...base, ignored: m.ignored.join('; ') } : base;
}

/**
 * Cuts free text to the inbox schema's limits, so mapped events always validate; never
 * between the halves of a surrogate pair (jsonb refuses a lone one).
 */
export function clamp(text: string, max: number): string {
  return clip(text, max);
}
