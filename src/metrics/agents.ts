import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { AGENT_METRICS, MIN_VALUES, agentCounts, agentRowsSql } from './agents/agent-rows.js';
import type { BusinessHours } from './business-hours.js';
import { readDurations, type Durations } from './conversations/duration-figures.js';
import { rolledDurations, unlessMismatch } from './conversations/rolled-durations.js';
import { durationCtes } from './response-times.js';
import { windowJson, type ReportFilters, type ReportQuery } from './window.js';

export type AgentRow = {
  id: string;
  /** agents.name; the id itself for an agent referenced by facts but absent from agents */
  name: string;
  team: string | null;
  /** false when the id is not in the agents table */
  known: boolean;
  /** assignment events to the agent in window */
  assigned: number;
  /** cycles closed in window by the agent (closer), or auto_closed while assigned to it */
  closed: number;
  /** outbound messages sent by the agent (sender_type agent), by send time */
  messagesSent: number;
  /** comment.created events by the agent */
  comments: number;
  /** FRT values whose first human reply was this agent's (s), counted by the reply */
  firstResponse: Durations;
  /** response-time values whose reply was this agent's (s), counted by the reply */
  response: Durations;
  /** resolution of cycles closed in window with this agent as assignee at close, except auto_close (s) */
  resolution: Durations;
  /** fewer than 5 values: shown, never ranked nor flagged */
  fewData: { firstResponse: boolean; response: boolean; resolution: boolean };
  /** median more than 2 × the median of medians of agents with ≥ 5 values (both need ≥ 5) */
  outlier: { firstResponse: boolean; resolution: boolean };
  /** 1 = fastest median FRT among agents with ≥ 5 FRT values; null for the others */
  rank: number | null;
};

type Reference = { medianOfMedians: number | null; agents: number };

export type AgentsReport = {
  report: 'agents';
  window: ReturnType<typeof windowJson>;
  filters: ReportFilters;
  businessHours: (BusinessHours & { tz: string }) | null;
  /** values a time metric needs for ranking and outlier flags */
  minValues: number;
  /** what outliers are measured against: median of the agents' medians, over agents with ≥ 5 values */
  reference: { firstResponse: Reference; resolution: Reference };
  /** rows in ranking order */
  agents: AgentRow[];
  /** agent ids: ranked agents by median FRT ascending, then the others by name */
  ranking: string[];
};

/**
 * The agents report (METRICS "Agents"): one row per agent with any activity in the half-open
 * window [from, to) (plus the filtered agent, even when idle), each fact anchored at its own
 * event: assignment time, close, send time, reply, comment time.
 *
 * Filters: channel restricts every fact to that number (assignments, closes, replies and
 * comments through their conversation, messages by their own number); team restricts the rows
 * to agents.team members (norms and ranks are then within the team); agent keeps that one row
 * (ranked and compared within the team scope, or all agents without one).
 */
export async function agentsReport(db: Kysely<Database>, q: ReportQuery, opts: { businessHours?: BusinessHours } = {}): Promise<AgentsReport> {
  const bh = opts.businessHours;
  const business = bh !== undefined;
  const ctes = durationCtes({ window: q.window, channel: q.filters.channel, businessHours: bh });
  // without a channel or business hours, the per-agent time figures come from the duration
  // rollups (the agent and team filters pick rows, they do not change an agent's values); with
  // them, or should the rollups not account for the rows, from the window's rows as before.
  // Only the metrics an agent's row shows: auto_close resolutions are never an agent's figure.
  // The counts are then read beside them, on another connection, so the two reads overlap
  // (at 10M messages over 90 days, about 90 ms of counts beside 140 ms of durations); the
  // statement that builds the rows is then handed both. Otherwise the counts are CTEs of that
  // statement. Messages sent and closed come from the rollups (agents/agent-rows.ts CountSource).
  const [rolled, counts] = q.filters.channel === undefined && !business
    ? await Promise.all([
      unlessMismatch(rolledDurations(db, q.window, { byAgent: true, metrics: AGENT_METRICS }), async () => undefined),
      agentCounts(db, q, ctes),
    ])
    : [undefined, 'rollups' as const];
  const { rows } = await sql<Record<string, unknown>>`WITH ${ctes}, ${agentRowsSql(q, business, rolled, counts)}
    SELECT * FROM ag_ranked ${q.filters.agent === undefined ? sql`` : sql`WHERE id = ${q.filters.agent}`} ORDER BY position`.execute(db);

  const agents = rows.map((r): AgentRow => {
    const first = readDurations(r, business, 'frt_');
    const response = readDurations(r, business, 'rsp_');
    const resolution = readDurations(r, business, 'res_');
    return {
      id: String(r.id),
      name: String(r.name),
      team: r.team === null ? null : String(r.team),
      known: Boolean(r.known),
      assigned: Number(r.assigned),
      closed: Number(r.closed),
      messagesSent: Number(r.messages_sent),
      comments: Number(r.comments),
      firstResponse: first,
      response,
      resolution,
      fewData: { firstResponse: first.count < MIN_VALUES, response: response.count < MIN_VALUES, resolution: resolution.count < MIN_VALUES },
      outlier: { firstResponse: Boolean(r.frt_outlier), resolution: Boolean(r.res_outlier) },
      rank: first.count >= MIN_VALUES ? Number(r.position) : null,
    };
  });
  // the norms are the same on every row (a cross join); with no rows there is nothing to compare
  const ref = (p: 'frt' | 'res'): Reference => ({
    medianOfMedians: rows[0]?.[`${p}_norm`] == null ? null : Number(rows[0][`${p}_norm`]),
    agents: Number(rows[0]?.[`${p}_norm_agents`] ?? 0),
  });
  return {
    report: 'agents',
    window: windowJson(q.window),
    filters: q.filters,
    businessHours: bh ? { ...bh, tz: bh.tz ?? q.window.tz } : null,
    minValues: MIN_VALUES,
    reference: { firstResponse: ref('frt'), resolution: ref('res') },
    agents,
    ranking: agents.map((a) => a.id),
  };
}
