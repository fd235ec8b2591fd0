import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import type { ReportQuery } from '../window.js';
import { busyFacts } from './busy-facts.js';

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
 * The (agent, real hour) pairs in which the agent sent at least one reply: an outbound message
 * by a known agent (sender_type 'agent', never history; Business-app echoes name no agent), sent
 * in [from, to); channel: the message's number; agent/team: its agent. Hours start on local
 * clock hours of window.tz (date_trunc in tz, so a half-hour zone's hours and both 01:00 hours
 * of a fall-back night are kept apart). Read from the busy-hours rollups (busyFacts): a
 * 15-minute bucket lies within one local hour, so its start has the same real hour as each of
 * its replies. A FROM-able set with columns (real_hour, agent_id), shared with agentHours so the
 * hint and what it is compared with count the same replies.
 */
export function activeAgentHours(q: ReportQuery): RawBuilder<unknown> {
  // (summing per (instant, agent) first and converting each distinct instant once was slower at
  // 1M messages: one more aggregation and a join over rows that are nearly unique per bucket)
  return sql`(
    SELECT date_trunc('hour', f.at, ${q.window.tz}::text) AS real_hour, f.agent AS agent_id
    FROM ${busyFacts(q.window, q.filters, ['agent_reply'])} f
    GROUP BY 1, 2 HAVING sum(f.n) > 0
  )`;
}

/**
 * Counts the agent-active hours (activeAgentHours) and the closes of those agents over
 * [from, to), then the handle time. Closes: cycles with closed_at in the window, any closed_by,
 * attributed to closer_agent_id, else to the assignee at close; counted when that agent has at
 * least one active hour. channel: the reply's and the cycle's number; agent/team: the replying
 * and the attributed agent.
 */
export async function measuredHandleTime(db: Kysely<Database>, q: ReportQuery): Promise<HandleTime> {
  const { rows } = await sql<{ hours: number; closes: number }>`
    WITH active AS MATERIALIZED ${activeAgentHours(q)}
    SELECT
      (SELECT count(*) FROM active)::int AS hours,
      (SELECT coalesce(sum(f.n), 0) FROM ${busyFacts(q.window, q.filters, ['closed'])} f
        WHERE f.agent IN (SELECT a.agent_id FROM active a))::int AS closes`.execute(db);
  const row = rows[0];
  return handleTimeFrom(Number(row?.hours ?? 0), Number(row?.closes ?? 0));
}
