import { z } from 'zod';
import {
  CLOSED_BY,
  CONTACT_KEY_RULE,
  CONTACT_SOURCES,
  ContactRef,
  EventId,
  OPENED_BY,
  RefId,
  inboxSchemaDocs,
  refId,
  SENDERS,
  ShortText,
  SlackUserId,
  Timestamp,
  UserId,
  WaId,
} from './fields.js';

/**
 * The team-inbox events of SPEC.md, one schema per `type`. Field names stay as on the wire
 * (snake_case) so the storage code, the docs and senders all speak about the same names.
 *
 * Not strict: unknown keys are dropped, not refused. Senders (respond.io workflows,
 * home-grown desks) attach their own metadata, and the raw body is kept verbatim anyway.
 */

const base = { id: EventId, at: Timestamp };

export const AgentUpserted = z.object({
  type: z.literal('agent.upserted'),
  ...base,
  agent: z.object({
    id: RefId,
    name: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    email: z.string({ error: 'must be a string' }).max(320, 'must be at most 320 characters').nullish(),
    team: ShortText.nullish(),
    slack_user_id: SlackUserId.nullish(),
  }),
}).register(inboxSchemaDocs, { id: 'AgentUpserted' });

export const ContactCreated = z.object({
  type: z.literal('contact.created'),
  ...base,
  contact: ContactRef,
  source: z.enum(CONTACT_SOURCES),
}).register(inboxSchemaDocs, { id: 'ContactCreated' });

export const ContactDeleted = z.object({
  type: z.literal('contact.deleted'),
  ...base,
  contact: z
    .object({ wa_id: WaId.nullish(), user_id: UserId.nullish() })
    .refine((c) => c.wa_id != null || c.user_id != null, { message: 'needs at least one of wa_id, user_id' })
    .register(inboxSchemaDocs, { description: 'The contact to delete: at least one of wa_id and user_id.', anyOf: CONTACT_KEY_RULE }),
}).register(inboxSchemaDocs, { id: 'ContactDeleted' });

export const ConversationOpened = z.object({
  type: z.literal('conversation.opened'),
  ...base,
  conversation_id: RefId,
  contact: ContactRef,
  phone_number_id: refId().register(inboxSchemaDocs, {
    description: 'The business number (WhatsApp phone_number_id) the conversation runs on.',
  }),
  opened_by: z.enum(OPENED_BY),
  agent_id: RefId.nullish(),
  inferred: z
    .boolean({ error: 'must be true or false' })
    .nullish()
    .register(inboxSchemaDocs, {
      description:
        'true when the sender did not see the conversation open but infers it (e.g. from a message in it); a reported open at the same time wins over an inferred one.',
    }),
}).register(inboxSchemaDocs, { id: 'ConversationOpened' });

export const ConversationAssigned = z.object({
  type: z.literal('conversation.assigned'),
  ...base,
  conversation_id: RefId,
  // Required but nullable: null is a real statement ("back to the unassigned queue"),
  // so a sender that forgets the key must hear about it rather than unassign by accident.
  agent_id: RefId.nullable().register(inboxSchemaDocs, {
    description: 'The new assignee; null moves the conversation back to the unassigned queue.',
  }),
  by: refId()
    .nullish()
    .register(inboxSchemaDocs, { description: "Who made the change: an agent id, or a word such as 'automation'." }),
}).register(inboxSchemaDocs, { id: 'ConversationAssigned' });

export const ConversationClosed = z.object({
  type: z.literal('conversation.closed'),
  ...base,
  conversation_id: RefId,
  closed_by: z.enum(CLOSED_BY),
  agent_id: RefId.nullish(),
  category: ShortText.nullish(),
  note: z.string({ error: 'must be a string' }).max(2000, 'must be at most 2000 characters').nullish(),
}).register(inboxSchemaDocs, { id: 'ConversationClosed' });

export const MessageSent = z.object({
  type: z.literal('message.sent'),
  ...base,
  wa_message_id: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(400, 'must be at most 400 characters')
    .register(inboxSchemaDocs, { description: "WhatsApp's message id (wamid.…), the key shared with the WhatsApp webhook." }),
  conversation_id: RefId.nullish(),
  sender: z.enum(SENDERS),
  agent_id: RefId.nullish(),
}).register(inboxSchemaDocs, { id: 'MessageSent' });

export const CommentCreated = z.object({
  type: z.literal('comment.created'),
  ...base,
  conversation_id: RefId,
  agent_id: RefId,
  text: z.string({ error: 'must be a string' }).max(10_000, 'must be at most 10000 characters'),
}).register(inboxSchemaDocs, { id: 'CommentCreated' });

/** Every event schema by its `type`: the parser routes on it to name the right fields. */
export const INBOX_EVENT_SCHEMAS = {
  'agent.upserted': AgentUpserted,
  'contact.created': ContactCreated,
  'contact.deleted': ContactDeleted,
  'conversation.opened': ConversationOpened,
  'conversation.assigned': ConversationAssigned,
  'conversation.closed': ConversationClosed,
  'message.sent': MessageSent,
  'comment.created': CommentCreated,
} as const;

export type InboxEventType = keyof typeof INBOX_EVENT_SCHEMAS;
export const INBOX_EVENT_TYPES = Object.keys(INBOX_EVENT_SCHEMAS) as InboxEventType[];

export const InboxEvent = z.discriminatedUnion('type', [
  AgentUpserted,
  ContactCreated,
  ContactDeleted,
  ConversationOpened,
  ConversationAssigned,
  ConversationClosed,
  MessageSent,
  CommentCreated,
]);

export type AgentUpserted = z.output<typeof AgentUpserted>;
export type ContactCreated = z.output<typeof ContactCreated>;
export type ContactDeleted = z.output<typeof ContactDeleted>;
export type ConversationOpened = z.output<typeof ConversationOpened>;
export type ConversationAssigned = z.output<typeof ConversationAssigned>;
export type ConversationClosed = z.output<typeof ConversationClosed>;
export type MessageSent = z.output<typeof MessageSent>;
export type CommentCreated = z.output<typeof CommentCreated>;
/** A validated inbox event: ids normalised to strings, `at` a Date. */
export type InboxEvent = z.output<typeof InboxEvent>;
export type InboxContact = ConversationOpened['contact'];

export const MAX_EVENTS_PER_BATCH = 1000;

/** The whole body of POST /webhooks/inbox, as documented in docs/inbox-events.schema.json. */
export const InboxBody = z.object({
  events: z.array(InboxEvent).max(MAX_EVENTS_PER_BATCH),
});
