import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow } from '../messages/message-facts.js';
import type { ReportQuery } from '../window.js';
import { agentCondition, allOf } from './cycle-facts.js';

/** Why there is no handle time, and so no staffing hint: nobody replied, or nobody closed. */
export type NoHintReason = 'no-agent-replies' | 'no-agent-closes';

/**
 * The staffing hint's handle time, measured from how fast the team cleared work in the window
 * instead of assumed from a concurrency setting (docs/metrics.md "Staffing hint").
 */
export type HandleTime = {
  /** (agent, local clock hour) pairs in which the agent sent at least one reply */
  activeAgentHours: number;
  /** cycles closed in the window whose resolving agent (else assignee at close) is one of those agents */
  agentCloses: number;
  /** activeAgentHours × 3600 ÷ agentCloses, seconds; null when either is 0 */
  handleTimeSec: number | null;
  /** set exactly when handleTimeSec is null */
  noHintReason: NoHintReason | null;
};

/**
 * Handle time from the two counts: agent-active hours in seconds per close. An agent who replies
 * in an hour is taken as working that whole hour, on every conversation they had in hand; the
 * closes say how many conversations that time cleared, so concurrency is measured, not assumed.
 */
export function handleTimeFrom(activeAgentHours: number, agentCloses: number): HandleTime {
  const counts = { activeAgentHours, agentCloses };
  if (activeAgentHours === 0) return { ...counts, handleTimeSec: null, noHintReason: 'no-agent-replies' };
  if (agentCloses === 0) return { ...counts, handleTimeSec: null, noHintReason: 'no-agent-closes' };
  return { ...counts, handleTimeSec: (activeAgentHours * 3600) / agentCloses, noHintReason: null };
}

/**
 * A reply by a known agent: an outbound message attributed to an agent (by the inbox's
 * message.sent or by biz_opaque_callback_data; both set sender_type 'agent'), never history.
 * Business-app echoes name no agent, so they cannot make an agent's hour active. Over `messages m`,
 * sent in [from, to); channel: the message's number; agent/team: its agent. Shared with agentHours
 * (the agents who replied per cell), so the hint and what it is compared with count the same replies.
 */
export function agentReplyConditions(q: ReportQuery): RawBuilder<boolean> {
  return allOf([
    sql<boolean>`m.direction = 'outbound' AND m.sender_type = 'agent' AND m.agent_id IS NOT NULL AND m.origin <> 'history'`,
    inWindow(sql`m.counted_at`, q.window),
    q.filters.channel === undefined ? null : sql<boolean>`m.phone_number_id = ${q.filters.channel}`,
    agentCondition(sql`m.agent_id`, q.filters),
  ]);
}

/**
 * Counts the agent-active hours and the closes of those agents over [from, to), then the
 * handle time. Active hours: distinct (agent, real hour) by the reply's send time; hours start
 * on local clock hours of window.tz (date_trunc in tz, so a half-hour zone's hours and both
 * 01:00 hours of a fall-back night are kept apart). Closes: cycles with closed_at in the window,
 * any closed_by, attributed to closer_agent_id, else to the assignee at close; counted when that
 * agent has at least one active hour. channel: the reply's and the cycle's number; agent/team:
 * the replying and the attributed agent.
 */
export async function measuredHandleTime(db: Kysely<Database>, q: ReportQuery): Promise<HandleTime> {
  const { rows } = await sql<{ hours: number; closes: number }>`
    WITH active AS (
      SELECT DISTINCT m.agent_id, date_trunc('hour', m.counted_at, ${q.window.tz}::text) AS real_hour
      FROM messages m WHERE ${agentReplyConditions(q)}
    )
    SELECT
      (SELECT count(*) FROM active)::int AS hours,
      (SELECT count(*) FROM conversations c
        WHERE ${allOf([
          inWindow(sql`c.closed_at`, q.window),
          q.filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${q.filters.channel}`,
          sql<boolean>`coalesce(c.closer_agent_id, c.assignee_id) IN (SELECT a.agent_id FROM active a)`,
        ])})::int AS closes`.execute(db);
  const row = rows[0];
  return handleTimeFrom(Number(row?.hours ?? 0), Number(row?.closes ?? 0));
}
