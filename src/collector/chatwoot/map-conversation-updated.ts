import type { InboxEvent } from '../inbox/index.js';
import { agentId, conversationId, eventId } from './ids.js';
import { eventsOnly, ignoredBecause, type ChatwootMapOptions, type Mapping } from './mapping.js';
import { conversationSkipReason, findChange } from './map-conversation.js';
import type { CwConversation } from './payload.js';
import { agentUpsert, userAssignee } from './people.js';
import { parseChatwootTime, unixKey } from './time.js';

/** An assignee_id value: Chatwoot sends integers; null (or absent) means unassigned. */
function assigneeIdOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  return null;
}

/**
 * conversation_updated with an assignee_id change → conversation.assigned at updated_at
 * (agent_id null when the conversation went back to the queue), preceded by agent.upserted
 * for the new assignee from meta.assignee. Teams are not modelled as events: the team's name
 * rides on that upsert (agent.team) when meta.team is present. Every other change is
 * explained in `ignored`; status changes arrive separately as conversation_status_changed.
 */
export function mapConversationUpdated(conv: CwConversation, options: ChatwootMapOptions): Mapping {
  const skip = conversationSkipReason(conv);
  if (skip) return ignoredBecause(skip);
  const change = findChange(conv, 'assignee_id');
  if (change === null) {
    const keys = (conv.changed_attributes ?? []).flatMap((entry) => Object.keys(entry));
    const what = keys.length > 0 ? keys.join(', ') : 'nothing listed in changed_attributes';
    return ignoredBecause(`conversation_updated for ${conv.id} changed ${what}; only assignee_id changes are mapped`);
  }
  const at = parseChatwootTime(conv.updated_at) ?? options.receivedAt;
  if (at === undefined) return ignoredBecause(`conversation_updated ${conv.id} has no readable updated_at`);

  const key = unixKey(at);
  const current = assigneeIdOf(change.current);
  const events: InboxEvent[] = [];
  const assignee = userAssignee(conv);
  // meta is read when the webhook job runs; only trust it when it names the same user
  if (current !== null && assignee !== null && assignee.id === current) {
    const upsert = agentUpsert(assignee, eventId('conversation_updated', conv.id, key, 'agent', current), at, conv.meta?.team?.name);
    if (upsert) events.push(upsert);
  }
  events.push({
    type: 'conversation.assigned',
    id: eventId('conversation_updated', conv.id, key, 'assigned', current ?? 'none'),
    at,
    conversation_id: conversationId(conv.id),
    agent_id: current === null ? null : agentId(current),
  });
  return eventsOnly(events);
}
