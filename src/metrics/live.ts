import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { allOf } from './busy-hours/cycle-facts.js';
import { openByAssignee, type AssigneeLoad } from './live/open-by-assignee.js';
import { unassignedQueue, type QueueEntry } from './live/queue.js';
import type { ReportFilters } from './window.js';

export type { AssignedConversation, AssigneeLoad, ContactRef } from './live/open-by-assignee.js';
export type { QueueEntry } from './live/queue.js';

export type LiveReport = {
  report: 'live';
  /** the instant the state is taken at (ISO) */
  now: string;
  filters: ReportFilters;
  /** open conversations with an assignee, per assignee (agent/team filters apply here) */
  assignees: AssigneeLoad[];
  /** open conversations with an assignee (sum of assignees[].count) */
  assignedOpen: number;
  /** open conversations with no assignee, waiting or not */
  unassignedOpen: number;
  /** unassigned open conversations where the contact has the last word, longest wait first */
  queue: QueueEntry[];
};

/**
 * METRICS "Live state" at `now`: who is handling whom (open conversations per assignee, with
 * time since assignment) and the unassigned queue (open, no assignee, last word the contact's;
 * waiting = now − first inbound message since the last reply, or since a contact's open).
 * Open = closed_at null and opened_at ≤ now; messages after `now` are ignored.
 *
 * Filters: channel applies to everything (the conversation's number). agent/team restrict the
 * per-assignee list (and assignedOpen) only; the queue and unassignedOpen have no agent.
 * Contacts are returned raw (wa_id, name): masking is the Slack layer's job.
 */
export async function liveReport(db: Kysely<Database>, now: Date, filters: ReportFilters): Promise<LiveReport> {
  const [assignees, queue, unassigned] = await Promise.all([
    openByAssignee(db, now, filters),
    unassignedQueue(db, now, filters),
    sql<{ n: number }>`
      SELECT count(*)::int AS n FROM conversations c
      WHERE ${allOf([
        sql<boolean>`c.closed_at IS NULL AND c.opened_at <= ${now}::timestamptz AND c.assignee_id IS NULL`,
        filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${filters.channel}`,
      ])}`.execute(db),
  ]);
  return {
    report: 'live',
    now: now.toISOString(),
    filters,
    assignees,
    assignedOpen: assignees.reduce((a, g) => a + g.count, 0),
    unassignedOpen: Number(unassigned.rows[0]?.n ?? 0),
    queue,
  };
}
