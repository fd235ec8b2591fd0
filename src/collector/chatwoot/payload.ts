import { z } from 'zod';

/**
 * Zod schemas for the parts of Chatwoot webhook bodies that wapulse maps. Checked against
 * Chatwoot's source (see docs/inbox-events.md, "Chatwoot mapping"):
 * - conversation_* bodies are Conversation#webhook_data = Conversations::EventDataPresenter#push_data,
 *   plus `event` and (status_changed / updated) `changed_attributes`;
 * - message_* bodies are Message#webhook_data plus `event`;
 * - contact_created is Contact#webhook_data plus `event`.
 *
 * None is strict: Chatwoot adds fields between versions (and forks add more), so unknown keys
 * are ignored, and fields we only use as hints fall back to null (`.catch`) instead of failing
 * the whole body when a version shapes them differently.
 */

/** Chatwoot's ids are integers; a digit string is tolerated. */
export const CwId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

/** Unix seconds (integer or float) or an ISO string; read by parseChatwootTime. */
const CwTime = z.union([z.number(), z.string()]).nullish().catch(null);
const optionalText = z.string().nullish().catch(null);
const optionalId = CwId.nullish().catch(null);

/**
 * User#push_event_data / #webhook_data, AgentBot's and Captain::Assistant's: told apart by `type`.
 * An incoming message's sender is Contact#webhook_data instead: no `type`, but a phone_number.
 */
export const CwActor = z.object({
  id: CwId,
  name: optionalText,
  email: optionalText,
  type: optionalText,
  phone_number: optionalText,
});
export type CwActor = z.infer<typeof CwActor>;

/** Contact#push_event_data (meta.sender) or Contact#webhook_data (contact_created). */
export const CwContact = z.object({
  id: optionalId,
  name: optionalText,
  phone_number: optionalText,
  created_at: CwTime,
  // Contact#push_event_data since Chatwoot 3: messages of blocked contacts open nothing
  blocked: z.boolean().nullish().catch(null),
});
export type CwContact = z.infer<typeof CwContact>;

/** One element of a conversation's `messages`: Message#push_event_data (message_type as integer). */
const CwPushMessage = z.object({
  message_type: z.union([z.number(), z.string()]).nullish().catch(null),
  sender_type: optionalText,
  sender_id: optionalId,
  additional_attributes: z.record(z.string(), z.unknown()).nullish().catch(null),
});
export type CwPushMessage = z.infer<typeof CwPushMessage>;

const Changed = z.object({ previous_value: z.unknown(), current_value: z.unknown() });

/** Conversations::EventDataPresenter#push_data. */
export const CwConversation = z.object({
  id: CwId,
  inbox_id: optionalId,
  channel: optionalText,
  status: optionalText,
  contact_inbox: z.object({ source_id: optionalText }).nullish().catch(null),
  meta: z
    .object({
      sender: CwContact.nullish().catch(null),
      assignee: CwActor.nullish().catch(null),
      team: z.object({ name: optionalText }).nullish().catch(null),
    })
    .nullish()
    .catch(null),
  messages: z.array(CwPushMessage).nullish().catch(null),
  labels: z.array(z.string()).nullish().catch(null),
  // [{ "assignee_id": { previous_value, current_value } }, …] — one key per element
  changed_attributes: z.array(z.record(z.string(), Changed)).nullish().catch(null),
  created_at: CwTime,
  updated_at: CwTime,
});
export type CwConversation = z.infer<typeof CwConversation>;

/** Message#webhook_data (message_type as the enum name, created_at as an ISO string). */
export const CwMessage = z.object({
  id: CwId,
  content: optionalText,
  message_type: z.union([z.number(), z.string()]),
  private: z.boolean().nullish().catch(null),
  source_id: optionalText,
  created_at: CwTime,
  // Neither is in upstream Message#webhook_data; read when a version or fork adds them.
  updated_at: CwTime,
  status: optionalText,
  sender: CwActor.nullish().catch(null),
  conversation: CwConversation,
  inbox: z.object({ id: CwId }).nullish().catch(null),
  additional_attributes: z.record(z.string(), z.unknown()).nullish().catch(null),
  content_attributes: z.record(z.string(), z.unknown()).nullish().catch(null),
  content_type: optionalText,
  // Attachment#push_event_data, present only when the message has attachments
  attachments: z.array(z.object({ file_type: optionalText }).catch({ file_type: null })).nullish().catch(null),
});
export type CwMessage = z.infer<typeof CwMessage>;

/** Renders zod issues as "path: message; …" for an `ok: false` error string. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(body)'}: ${i.message}`).join('; ');
}
