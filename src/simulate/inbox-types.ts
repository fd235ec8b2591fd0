/** Team-inbox event shapes, exactly as SPEC.md's "Team inbox" table lists them. */

export type ContactSource = 'incoming_message' | 'manual' | 'import' | 'api';
export type OpenedBy = 'contact' | 'agent' | 'automation' | 'api';
export type ClosedBy = 'agent' | 'automation' | 'auto_close' | 'api';
export type Sender = 'agent' | 'automation' | 'broadcast' | 'api';
export type CloseCategory = 'billing' | 'delivery' | 'returns' | 'other';

interface EventBase {
  id: string;
  /** ISO 8601 in UTC (`…Z`). */
  at: string;
}

export interface AgentUpserted extends EventBase {
  type: 'agent.upserted';
  agent: { id: string; name: string; email: string; team: string; slack_user_id?: string };
}

export interface ContactCreated extends EventBase {
  type: 'contact.created';
  contact: { wa_id: string; name?: string; user_id?: string };
  source: ContactSource;
}

export interface ConversationOpened extends EventBase {
  type: 'conversation.opened';
  conversation_id: string;
  contact: { wa_id: string };
  phone_number_id: string;
  opened_by: OpenedBy;
  agent_id?: string;
}

export interface ConversationAssigned extends EventBase {
  type: 'conversation.assigned';
  conversation_id: string;
  /** null = moved back to the unassigned queue. */
  agent_id: string | null;
  /** 'automation' or the id of the agent who made the change. */
  by?: string;
}

export interface ConversationClosed extends EventBase {
  type: 'conversation.closed';
  conversation_id: string;
  closed_by: ClosedBy;
  agent_id?: string;
  category?: CloseCategory;
}

export interface MessageSent extends EventBase {
  type: 'message.sent';
  wa_message_id: string;
  conversation_id?: string;
  sender: Sender;
  agent_id?: string;
}

export interface CommentCreated extends EventBase {
  type: 'comment.created';
  conversation_id: string;
  agent_id: string;
  text: string;
}

export type InboxEvent =
  | AgentUpserted
  | ContactCreated
  | ConversationOpened
  | ConversationAssigned
  | ConversationClosed
  | MessageSent
  | CommentCreated;

export type InboxEventType = InboxEvent['type'];

/** An event as a generator module describes it: id and time are added on emission. */
export type InboxEventDraft = DraftOf<InboxEvent>;
type DraftOf<E> = E extends InboxEvent ? Omit<E, 'id' | 'at'> : never;

/** The body POSTed to /webhooks/inbox. */
export interface InboxWebhookBody {
  events: InboxEvent[];
}
