import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/index.js';
import { durationColumnNames, durationColumns } from '../conversations/duration-figures.js';
import type { RolledRow } from '../conversations/rolled-durations.js';
import { cycleFactsIn } from '../conversations/rolled-counts.js';
import { busyFacts } from '../busy-hours/busy-facts.js';
import type { ReportQuery } from '../window.js';

/** Values an agent needs in a time metric to be ranked or compared (METRICS "Agents"). */
export const MIN_VALUES = 5;

/**
 * Where messages_sent and closed are counted from: `rollups` — for messages sent, the
 * agent_reply facts of the busy-hours rollups (migrations/0014: the same definition, outbound by
 * a known agent, never history, at counted_at, on the message's number) with exact edges; for
 * closed without a channel filter, the closed facts of the conversation count rollups
 * (migrations/0020: the closer, or the assignee at an auto_close) — or `rows`, a scan of the
 * window's messages and cycles (the derivations the rollups must equal) — or the counts
 * themselves, read beforehand by agentCounts (so that read can run beside the duration rollups').
 */
export type CountSource = 'rollups' | 'rows' | readonly AgentCounts[];

/** An agent's counts of the window, as agentCounts reads them (agents with none are absent). */
export type AgentCounts = { agentId: string; assigned: number; closed: number; messagesSent: number; comments: number };

/** Each count's column in ag_rows, and the CTE (agent_id, n) it comes from. */
const COUNTS = [['assigned', 'ag_assigned'], ['closed', 'ag_closed'], ['messages_sent', 'ag_sent'], ['comments', 'ag_comments']] as const;

/** The per-agent time metrics, and the column prefix each is pivoted under. */
const PIVOT = [
  ['frt', 'first_response'],
  ['rsp', 'response'],
  ['res', 'resolution'],
] as const;

/** The time metrics an agent's row shows (never auto_close resolutions). */
export const AGENT_METRICS = PIVOT.map(([, metric]) => metric);

/**
 * The CTEs after durationCtes (`rt_*`) that make one row per agent, in ranking order:
 * counts, pivoted time stats `<frt|rsp|res>_w_*` (and `_b_*` in business time), the median of
 * medians `frt_norm` / `res_norm` over agents with ≥ MIN_VALUES values (`*_norm_agents` of
 * them), outlier flags, and `position` (agents with ≥ MIN_VALUES FRT values first, by median
 * FRT ascending; the others after, by name).
 * Channel restricts every fact to that number; team restricts the rows (and so the norms and
 * ranks); agent restricts to one row, still ranked and compared against the whole team scope.
 */
export function agentRowsSql(q: ReportQuery, business: boolean, rolled?: readonly RolledRow[], counts: CountSource = 'rows'): RawBuilder<unknown> {
  const f = q.filters;
  const statNames = durationColumnNames(business).filter((n) => /^[wb]_/.test(n));
  const pivot = PIVOT.flatMap(([alias]) =>
    statNames.map((n) => {
      const col = sql.ref(`${alias}.${n}`);
      return sql`${n.endsWith('_count') ? sql`coalesce(${col}, 0)` : col} AS ${sql.ref(`${alias}_${n}`)}`;
    }),
  );
  const joins = PIVOT.map(([alias, metric]) => sql`LEFT JOIN ag_time ${sql.ref(alias)} ON ${sql.ref(alias)}.agent_id = i.agent_id AND ${sql.ref(alias)}.metric = ${metric}`);
  const norm = (p: string) => sql`
    (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sql.ref(`${p}_w_median`)}) FILTER (WHERE ${sql.ref(`${p}_w_count`)} >= ${MIN_VALUES}))::float8 AS ${sql.ref(`${p}_norm`)},
    (count(*) FILTER (WHERE ${sql.ref(`${p}_w_count`)} >= ${MIN_VALUES}))::int AS ${sql.ref(`${p}_norm_agents`)}`;
  const outlier = (p: string) =>
    sql`coalesce(${sql.ref(`${p}_w_count`)} >= ${MIN_VALUES} AND ${sql.ref(`${p}_w_median`)} > 2 * ${sql.ref(`${p}_norm`)}, false) AS ${sql.ref(`${p}_outlier`)}`;
  // the per-agent figures: computed here from rt_durations, or given (rolled, from the duration
  // rollups: the same values, see conversations/rolled-durations.ts) as a JSON recordset — a
  // JSON number reads back as the same float8
  const agTime = rolled
    ? sql`SELECT * FROM jsonb_to_recordset(${JSON.stringify(rolled.filter((r) => r.agentId !== null && AGENT_METRICS.includes(r.metric as (typeof AGENT_METRICS)[number])).map((r) => ({ ...r, agent_id: r.agentId })))}::jsonb)
           AS t(agent_id text, metric text, ${sql.raw(durationColumnNames(false).map((n) => `${n} ${/_(count|b\d)$/.test(n) ? 'int' : 'float8'}`).join(', '))})`
    : sql`SELECT agent_id, metric, ${sql.join(durationColumns(business))} FROM rt_durations
     WHERE agent_id IS NOT NULL AND metric IN (${sql.join(AGENT_METRICS.map((m) => sql`${m}::text`))}) GROUP BY agent_id, metric`;
  return sql`
  ag_time AS (${agTime}),
  ${countCtes(q, counts)},
  ag_ids AS (
    SELECT agent_id FROM ag_time UNION SELECT agent_id FROM ag_assigned UNION SELECT agent_id FROM ag_closed
    UNION SELECT agent_id FROM ag_sent UNION SELECT agent_id FROM ag_comments
    ${f.agent === undefined ? sql`` : sql`UNION SELECT ${f.agent}::text`}
  ),
  ag_rows AS (
    SELECT i.agent_id AS id, coalesce(a.name, i.agent_id) AS name, a.team, (a.id IS NOT NULL) AS known,
           coalesce(asg.n, 0) AS assigned, coalesce(cl.n, 0) AS closed, coalesce(se.n, 0) AS messages_sent, coalesce(co.n, 0) AS comments,
           ${sql.join(pivot)}
      FROM ag_ids i
      LEFT JOIN agents a ON a.id = i.agent_id
      LEFT JOIN ag_assigned asg ON asg.agent_id = i.agent_id
      LEFT JOIN ag_closed cl ON cl.agent_id = i.agent_id
      LEFT JOIN ag_sent se ON se.agent_id = i.agent_id
      LEFT JOIN ag_comments co ON co.agent_id = i.agent_id
      ${sql.join(joins, sql` `)}
     ${f.team === undefined ? sql`` : sql`WHERE a.team = ${f.team}`}
  ),
  ag_norm AS (SELECT ${norm('frt')}, ${norm('res')} FROM ag_rows),
  ag_ranked AS (
    SELECT r.*, n.*, ${outlier('frt')}, ${outlier('res')},
           row_number() OVER (ORDER BY (r.frt_w_count >= ${MIN_VALUES}) DESC,
             CASE WHEN r.frt_w_count >= ${MIN_VALUES} THEN r.frt_w_median END, r.name, r.id)::int AS position
      FROM ag_rows r CROSS JOIN ag_norm n
  )`;
}

/**
 * The four per-agent count CTEs (ag_assigned, ag_closed, ag_sent, ag_comments: agent_id, n ≥ 1),
 * read as `counts` says. Given counts become the same four, so the rows built from them match.
 */
function countCtes(q: ReportQuery, counts: CountSource): RawBuilder<unknown> {
  if (typeof counts !== 'string') {
    const given = JSON.stringify(counts.map((c) => ({ agent_id: c.agentId, assigned: c.assigned, closed: c.closed, messages_sent: c.messagesSent, comments: c.comments })));
    return sql`ag_counts AS (SELECT * FROM jsonb_to_recordset(${given}::jsonb) AS t(agent_id text, assigned int, closed int, messages_sent int, comments int)),
  ${sql.join(COUNTS.map(([col, cte]) => sql`${sql.ref(cte)} AS (SELECT agent_id, ${sql.ref(col)} AS n FROM ag_counts WHERE ${sql.ref(col)} > 0)`), sql`, `)}`;
  }
  const { window: w, filters: f } = q;
  const inWindow = (col: RawBuilder<unknown>) => sql`${col} >= ${w.from}::timestamptz AND ${col} < ${w.to}::timestamptz`;
  const onChannel = (col: RawBuilder<unknown>) => (f.channel === undefined ? sql`` : sql`AND ${col} = ${f.channel}`);
  return sql`
  ag_assigned AS (
    SELECT s.to_agent_id AS agent_id, count(*)::int AS n FROM assignments s JOIN conversations c ON c.id = s.conversation_id
     WHERE s.to_agent_id IS NOT NULL AND ${inWindow(sql`s.at`)} ${onChannel(sql`c.phone_number_id`)} GROUP BY s.to_agent_id
  ),
  -- closed by this agent; an auto_close has no closer, so it goes to the assignee at close
  -- (rollup rows may net to zero: an agent with no close has no row here either way)
  ag_closed AS (${counts === 'rollups' && f.channel === undefined
    ? sql`SELECT k.agent_id, sum(k.n)::int AS n FROM (${cycleFactsIn(w.from.getTime(), w.to.getTime(), ['closed'])}) k
       WHERE k.agent_id IS NOT NULL GROUP BY k.agent_id HAVING sum(k.n) > 0`
    : sql`SELECT agent_id, count(*)::int AS n FROM (
      SELECT CASE WHEN closed_by = 'auto_close' THEN assignee_id ELSE closer_agent_id END AS agent_id FROM rt_cycles WHERE ${inWindow(sql`closed_at`)}
    ) k WHERE agent_id IS NOT NULL GROUP BY agent_id`}
  ),
  ag_sent AS (${counts === 'rollups'
    // only the channel filter applies to the facts: agent and team pick rows further down;
    // rollup rows may net to zero, and an agent with no message has no row here either
    ? sql`SELECT f.agent AS agent_id, sum(f.n)::int AS n FROM ${busyFacts(w, { channel: f.channel }, ['agent_reply'])} f
       GROUP BY f.agent HAVING sum(f.n) > 0`
    : sql`SELECT m.agent_id, count(*)::int AS n FROM messages m
     WHERE m.direction = 'outbound' AND m.origin <> 'history' AND m.sender_type = 'agent' AND m.agent_id IS NOT NULL
       AND ${inWindow(sql`m.counted_at`)} ${onChannel(sql`m.phone_number_id`)} GROUP BY m.agent_id`}
  ),
  ag_comments AS (
    SELECT k.agent_id, count(*)::int AS n FROM comments k
     WHERE k.agent_id IS NOT NULL AND ${inWindow(sql`k.at`)}
       ${f.channel === undefined ? sql`` : sql`AND EXISTS (SELECT 1 FROM conversations c WHERE c.external_id = k.conversation_ref AND c.phone_number_id = ${f.channel})`}
     GROUP BY k.agent_id
  )`;
}

/**
 * Every agent's counts of the window (see CountSource), read from the rollups on their own:
 * `ctes` are the report's durationCtes, which a channel filter's closed count reads.
 */
export async function agentCounts(db: Kysely<Database>, q: ReportQuery, ctes: RawBuilder<unknown>): Promise<AgentCounts[]> {
  // one row per (agent, count) with the other counts 0, summed per agent
  const parts = COUNTS.map(([col, cte]) => sql`SELECT agent_id, ${sql.join(COUNTS.map(([c]) => (c === col ? sql`n` : sql`0`)))} FROM ${sql.ref(cte)}`);
  const { rows } = await sql<{ agent_id: string; assigned: number; closed: number; messages_sent: number; comments: number }>`
    WITH ${ctes}, ${countCtes(q, 'rollups')}
    SELECT agent_id, ${sql.join(COUNTS.map(([c]) => sql`sum(${sql.ref(c)})::int AS ${sql.ref(c)}`))}
      FROM (${sql.join(parts, sql` UNION ALL `)}) AS k(agent_id, ${sql.join(COUNTS.map(([c]) => sql.ref(c)))})
     GROUP BY agent_id`.execute(db);
  return rows.map((r) => ({ agentId: r.agent_id, assigned: Number(r.assigned), closed: Number(r.closed), messagesSent: Number(r.messages_sent), comments: Number(r.comments) }));
}
