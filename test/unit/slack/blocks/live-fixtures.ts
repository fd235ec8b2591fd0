import type { AssignedConversation, LiveReport, QueueEntry } from '../../../../src/metrics/live.js';
import { NOW } from './agents-fixtures.js';

/** A hand-made live report for the live answer's and App Home's tests. */

export function waiting(waitingSeconds: number, over: Partial<QueueEntry> = {}): QueueEntry {
  return {
    conversationId: 1, contactId: 1, waId: null, userId: null, name: null, phoneNumberId: 'pn1',
    openedAt: '2026-12-01T08:00:00.000Z', waitingSince: '2026-12-01T08:00:00.000Z', waitingSeconds,
    lastMessageAt: null, lastMessagePreview: null, ...over,
  };
}

export function held(seconds: number | null): AssignedConversation {
  return {
    conversationId: 9, contactId: 9, waId: '+97150•••0000', userId: null, name: null, phoneNumberId: 'pn1',
    openedAt: '2026-12-01T06:00:00.000Z', assignedAt: null, secondsSinceAssignment: seconds,
  };
}

// Queue given out of order: 720 s (12m), 3725 s (1h 2m 5s → "1h 2m"), 45 s. Longest first: B, A, C.
export const live: LiveReport = {
  report: 'live', now: NOW.toISOString(), filters: {},
  assignees: [
    { agentId: 'a1', name: 'Layla', team: null, count: 2, conversations: [held(7500), held(600)] },
    { agentId: 'a9', name: null, team: null, count: 1, conversations: [held(null)] },
  ],
  assignedOpen: 3,
  unassignedOpen: 4,
  queue: [
    waiting(720, { name: 'Ahmed', waId: '+97150•••4567', lastMessagePreview: 'Hello,\nany update on my <order>?' }),
    waiting(3725, { waId: '+96650•••1234' }),
    waiting(45, { contactId: null }),
  ],
};
