import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { agentCondition, allOf } from '../busy-hours/cycle-facts.js';
import type { ReportFilters } from '../window.js';

export type ContactRef = { contactId: number | null; waId: string | null; userId: string | null; name: string | null };

export type AssignedConversation = ContactRef & {
  conversationId: number;
  phoneNumberId: string | null;
  openedAt: string;
  assignedAt: string | null;
  /** now − assigned_at in seconds; null when the assignment time is unknown */
  secondsSinceAssignment: number | null;
};

export type AssigneeLoad = {
  agentId: string;
  /** null when no agent.upserted has named this id yet */
  name: string | null;
  team: string | null;
  count: number;
  /** longest-held first */
  conversations: AssignedConversation[];
};

type Row = {
  id: number; assignee_id: string; agent_name: string | null; team: string | null; contact_id: number | null; wa_id: string | null;
  user_id: string | null; profile_name: string | null; phone_number_id: string | null; opened_at: Date; assigned_at: Date | null; since: number | null;
};

/**
 * Conversations open at `now` (closed_at null, opened_at ≤ now) that have an assignee, per
 * assignee, busiest first. channel: the conversation's number; agent/team: the assignee.
 */
export async function openByAssignee(db: Kysely<Database>, now: Date, filters: ReportFilters): Promise<AssigneeLoad[]> {
  const { rows } = await sql<Row>`
    SELECT c.id, c.assignee_id, a.name AS agent_name, a.team, c.contact_id, ct.wa_id, ct.user_id, ct.profile_name,
      c.phone_number_id, c.opened_at, c.assigned_at,
      extract(epoch FROM (${now}::timestamptz - c.assigned_at))::float8 AS since
    FROM conversations c
    LEFT JOIN agents a ON a.id = c.assignee_id
    LEFT JOIN contacts ct ON ct.id = c.contact_id
    WHERE ${allOf([
      sql<boolean>`c.closed_at IS NULL AND c.opened_at <= ${now}::timestamptz AND c.assignee_id IS NOT NULL`,
      filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${filters.channel}`,
      agentCondition(sql`c.assignee_id`, filters),
    ])}
    ORDER BY c.assignee_id, since DESC NULLS LAST, c.id`.execute(db);
  // Final shaping only: the rows are already one per conversation, grouped by assignee.
  const groups = new Map<string, AssigneeLoad>();
  for (const r of rows) {
    const g = groups.get(r.assignee_id) ?? { agentId: r.assignee_id, name: r.agent_name, team: r.team, count: 0, conversations: [] };
    g.count += 1;
    g.conversations.push({
      conversationId: Number(r.id), contactId: r.contact_id === null ? null : Number(r.contact_id), waId: r.wa_id, userId: r.user_id, name: r.profile_name,
      phoneNumberId: r.phone_number_id, openedAt: r.opened_at.toISOString(), assignedAt: r.assigned_at?.toISOString() ?? null,
      secondsSinceAssignment: r.since === null ? null : Number(r.since),
    });
    groups.set(r.assignee_id, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.name ?? a.agentId).localeCompare(b.name ?? b.agentId));
}
