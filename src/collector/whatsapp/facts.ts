import type { Problem } from '../problems.js';

/**
 * What one WhatsApp webhook body says, normalised: plain facts ready to be written in one
 * transaction. Times are Dates built from Meta's own timestamps, never from arrival time
 * (except for facts that carry none: channel sightings and out-of-band errors).
 */

/** A contact is identified by its BSUID (`user_id`) when known, else by its phone (`wa_id`). */
export type ContactKey = { userId?: string; waId?: string };

export function contactKey(userId: string | undefined, waId: string | undefined): ContactKey | null {
  if (!userId && !waId) return null;
  return { ...(userId ? { userId } : {}), ...(waId ? { waId } : {}) };
}

/**
 * Facts carry the WhatsApp Business Account id of the entry they came from (Meta's
 * entry[].id): one body may hold entries of several WABAs. Stored as waba_id, the column a
 * multi-tenant deployment distributes by (docs/scaling.md); absent when the entry had no id.
 */
export type WabaScoped = { wabaId?: string };

export type ContactSighting = ContactKey & {
  name?: string;
  username?: string;
  at: Date;
  via: 'inbound' | 'outbound';
} & WabaScoped;

export type ChannelSighting = {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  wabaId?: string;
  at: Date;
  /** Where in the body it came from (named if the database refuses it). */
  path?: string;
};

export type MessageFact = {
  wamid: string;
  direction: 'inbound' | 'outbound';
  origin: 'live' | 'echo' | 'history';
  type: string;
  phoneNumberId: string;
  contact: ContactKey | null;
  ts: Date;
  preview: string | null;
  replyToWamid: string | null;
  path?: string;
} & WabaScoped;

export type StatusFact = {
  wamid: string;
  status: string;
  ts: Date;
  phoneNumberId: string;
  contact: ContactKey | null;
  recipientId: string | null;
  recipientUserId: string | null;
  error: { code: number | null; title: string | null; details: string | null } | null;
  pricing: {
    type: string | null;
    category: string | null;
    model: string | null;
    billable: boolean | null;
  } | null;
  conversationId: string | null;
  conversationOrigin: string | null;
  bizOpaqueCallbackData: string | null;
  /** Agent id pulled from biz_opaque_callback_data by the attribution pattern. */
  agentId: string | null;
  path?: string;
} & WabaScoped;

/** Coexistence edit/revoke echoes: they change an earlier message, they are not new ones. */
export type MessageAmendment = { originalWamid: string; kind: 'edit' | 'revoke'; ts: Date; path?: string };

export type OutOfBandError = {
  phoneNumberId: string | null;
  code: number | null;
  title: string | null;
  details: string | null;
  at: Date;
  path?: string;
} & WabaScoped;

/** A part of the body that could not be used, by JSON path; shared with the inbox sources. */
export type { Problem } from '../problems.js';

export type WhatsAppBatch = {
  channels: ChannelSighting[];
  contacts: ContactSighting[];
  messages: MessageFact[];
  statuses: StatusFact[];
  amendments: MessageAmendment[];
  errors: OutOfBandError[];
  problems: Problem[];
  /** change.field values wapulse does not model; kept raw only. */
  unmodelledFields: string[];
};

export function emptyBatch(): WhatsAppBatch {
  return {
    channels: [],
    contacts: [],
    messages: [],
    statuses: [],
    amendments: [],
    errors: [],
    problems: [],
    unmodelledFields: [],
  };
}

/** True when the batch holds anything to write beyond the raw body. */
export function hasFacts(b: WhatsAppBatch): boolean {
  return (
    b.messages.length + b.statuses.length + b.amendments.length + b.errors.length + b.channels.length > 0
  );
}
