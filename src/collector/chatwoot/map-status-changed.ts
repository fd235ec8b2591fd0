import type { ConversationClosed } from '../inbox/index.js';
import { agentId, conversationId, eventId } from './ids.js';
import { clamp, eventsOnly, ignoredBecause, type ChatwootMapOptions, type Mapping } from './mapping.js';
import { conversationSkipReason, findChange, openedEvent, openerOf } from './map-conversation.js';
import type { CwConversation } from './payload.js';
import { userAssignee } from './people.js';
import { parseChatwootTime, unixKey } from './time.js';

/** Conversation#status in Chatwoot: enum { open: 0, resolved: 1, pending: 2, snoozed: 3 }. */
type CwStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
const STATUSES: readonly string[] = ['open', 'resolved', 'pending', 'snoozed'] satisfies CwStatus[];
const isStatus = (v: unknown): v is CwStatus => typeof v === 'string' && STATUSES.includes(v);

function closedEvent(conv: CwConversation, at: Date): ConversationClosed {
  const assignee = userAssignee(conv);
  const category = conv.labels?.[0];
  return {
    type: 'conversation.closed',
    id: eventId('conversation_status_changed', conv.id, unixKey(at), 'closed'),
    at,
    conversation_id: conversationId(conv.id),
    // The payload does not say who resolved it (performed_by stays inside Chatwoot): the
    // assignee is the best reading; without one it was a bot, a rule or auto-resolve.
    ...(assignee ? { closed_by: 'agent' as const, agent_id: agentId(assignee.id) } : { closed_by: 'automation' as const }),
    ...(category ? { category: clamp(category, 200) } : {}),
  };
}

/**
 * conversation_status_changed at updated_at: resolved → conversation.closed; open after
 * resolved → conversation.opened (a reopen, which starts a new cycle); pending and snoozed,
 * and open coming from them, change nothing wapulse measures and are only explained.
 */
export function mapStatusChanged(conv: CwConversation, options: ChatwootMapOptions): Mapping {
  const skip = conversationSkipReason(conv);
  if (skip) return ignoredBecause(skip);
  const change = findChange(conv, 'status');
  const status = conv.status ?? change?.current;
  if (!isStatus(status)) return ignoredBecause(`conversation ${conv.id} has unknown status ${JSON.stringify(status)}`);
  const at = parseChatwootTime(conv.updated_at) ?? options.receivedAt;
  if (at === undefined) return ignoredBecause(`conversation_status_changed ${conv.id} has no readable updated_at`);

  switch (status) {
    case 'resolved':
      return eventsOnly([closedEvent(conv, at)]);
    case 'open': {
      const previous = change?.previous;
      if (previous != null && previous !== 'resolved') {
        return ignoredBecause(
          `conversation ${conv.id} went ${String(previous)} → open: it was never closed, so no new cycle starts`,
        );
      }
      const id = eventId('conversation_status_changed', conv.id, unixKey(at), 'opened');
      const opened = openedEvent(conv, id, at, openerOf(conv.messages?.[0]));
      if (typeof opened === 'string') return ignoredBecause(opened);
      return eventsOnly([opened]);
    }
    case 'pending':
    case 'snoozed':
      return ignoredBecause(
        `conversation ${conv.id} is now ${status}: still open for wapulse (waiting on a bot or snoozed), nothing to record`,
      );
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
