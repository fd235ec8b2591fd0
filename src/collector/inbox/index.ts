export {
  AgentUpserted,
  CommentCreated,
  ContactCreated,
  ContactDeleted,
  ConversationAssigned,
  ConversationClosed,
  ConversationOpened,
  INBOX_EVENT_SCHEMAS,
  INBOX_EVENT_TYPES,
  InboxBody,
  InboxEvent,
  MAX_EVENTS_PER_BATCH,
  MessageSent,
  type InboxContact,
  type InboxEventType,
} from './events.js';
export {
  CLOSED_BY,
  CONTACT_SOURCES,
  MAX_ID_LENGTH,
  OPENED_BY,
  SENDERS,
  type ClosedBy,
  type ContactSource,
  type OpenedBy,
  type Sender,
} from './fields.js';
export { inboxBodyJsonSchema } from './json-schema.js';
export {
  parseInboxBatch,
  parseInboxEvent,
  type DuplicateEvent,
  type FieldError,
  type InboxBatchResult,
  type InboxEventResult,
  type RejectedEvent,
} from './parse-batch.js';
