import type { LiveReport } from '../../metrics/live.js';
import { count, instant, seconds, tableOf, text, type ReportSections } from '../columns.js';

export const liveSections: ReportSections<LiveReport> = {
  main: 'queue',
  sections: {
    queue: {
      describe: 'one row per unassigned open conversation waiting on a reply, longest wait first',
      table: (r) => tableOf(r.queue, [
        text('conversationId', (q) => q.conversationId, { label: 'conversation' }),
        text('waId', (q) => q.waId, { label: 'contact' }), text('name', (q) => q.name),
        text('phoneNumberId', (q) => q.phoneNumberId, { csvOnly: true }),
        instant('openedAt', (q) => q.openedAt, { csvOnly: true }),
        instant('waitingSince', (q) => q.waitingSince, { csvOnly: true }),
        seconds('waitingSeconds', (q) => q.waitingSeconds, { label: 'waiting' }),
        instant('lastMessageAt', (q) => q.lastMessageAt, { csvOnly: true }),
        text('lastMessagePreview', (q) => q.lastMessagePreview, { label: 'last message', maxWidth: 40 }),
      ]),
    },
    assignees: {
      describe: 'one row per agent with open conversations: how many',
      table: (r) => tableOf(r.assignees, [
        text('agentId', (a) => a.agentId, { csvOnly: true }), text('name', (a) => a.name ?? a.agentId, { label: 'agent' }),
        text('team', (a) => a.team), count('count', (a) => a.count, { label: 'open' }),
      ]),
    },
    assigned: {
      describe: 'one row per open assigned conversation: agent, contact, time since assignment',
      table: (r) => tableOf(
        r.assignees.flatMap((a) => a.conversations.map((c) => ({ agentId: a.agentId, agentName: a.name, ...c }))),
        [
          text('agentId', (c) => c.agentId, { csvOnly: true }), text('agentName', (c) => c.agentName ?? c.agentId, { label: 'agent' }),
          text('conversationId', (c) => c.conversationId, { label: 'conversation' }),
          text('waId', (c) => c.waId, { label: 'contact' }), text('name', (c) => c.name),
          text('phoneNumberId', (c) => c.phoneNumberId, { csvOnly: true }),
          instant('openedAt', (c) => c.openedAt, { csvOnly: true }), instant('assignedAt', (c) => c.assignedAt, { csvOnly: true }),
          seconds('secondsSinceAssignment', (c) => c.secondsSinceAssignment, { label: 'since assignment' }),
        ],
      ),
    },
    totals: {
      describe: 'one row: the instant, open conversations assigned and unassigned, waiting in the queue',
      single: true,
      table: (r) => tableOf([r], [
        instant('now', (x) => x.now, { csvOnly: true }), count('assignedOpen', (x) => x.assignedOpen, { label: 'open, assigned' }),
        count('unassignedOpen', (x) => x.unassignedOpen, { label: 'open, unassigned' }), count('queue', (x) => x.queue.length, { label: 'waiting in the queue' }),
      ]),
    },
  },
};
