import { sql, type Kysely } from 'kysely';
import { agentCondition, allOf } from '../../src/metrics/busy-hours/cycle-facts.js';
import { handleTimeFrom, type HandleTime } from '../../src/metrics/busy-hours/handle-time.js';
import { localCell, toMatrix, type CellRow, type Matrix } from '../../src/metrics/busy-hours/local-hours.js';
import { inWindow } from '../../src/metrics/messages/message-facts.js';
import type { ReportQuery } from '../../src/metrics/window.js';
import type { Database } from '../../src/store/index.js';

/**
 * The busy-hours staffing queries as they were before the rollups of migrations/0014, reading
 * `messages` and `conversations` directly: the straightforward derivation the rollup-backed
 * report must equal exactly (test/integration/metrics/busy-hour-rollups.test.ts).
 */

function agentReplyConditions(q: ReportQuery) {
  return allOf([
    sql<boolean>`m.direction = 'outbound' AND m.sender_type = 'agent' AND m.agent_id IS NOT NULL AND m.origin <> 'history'`,
    inWindow(sql`m.counted_at`, q.window),
    q.filters.channel === undefined ? null : sql<boolean>`m.phone_number_id = ${q.filters.channel}`,
    agentCondition(sql`m.agent_id`, q.filters),
  ]);
}

export async function referenceOpened(db: Kysely<Database>, q: ReportQuery): Promise<{ opened: Matrix; byContact: Matrix }> {
  const w = q.window;
  const cell = localCell(sql`c.opened_at`, w);
  const { rows } = await sql<CellRow & { opened: number; by_contact: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, count(*)::int AS opened,
      count(*) FILTER (WHERE c.opened_by = 'contact')::int AS by_contact
    FROM conversations c
    WHERE ${allOf([
      inWindow(sql`c.opened_at`, w),
      q.filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${q.filters.channel}`,
      agentCondition(sql`c.assignee_id`, q.filters),
    ])}
    GROUP BY 1, 2`.execute(db);
  return { opened: toMatrix(rows, (r) => Number(r.opened), 0), byContact: toMatrix(rows, (r) => Number(r.by_contact), 0) };
}

export async function referenceHandleTime(db: Kysely<Database>, q: ReportQuery): Promise<HandleTime> {
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

export async function referenceAgentHours(db: Kysely<Database>, q: ReportQuery): Promise<Matrix> {
  const w = q.window;
  const cell = localCell(sql`x.real_hour`, w);
  const { rows } = await sql<CellRow & { n: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, sum(x.agents)::int AS n
    FROM (
      SELECT date_trunc('hour', m.counted_at, ${w.tz}::text) AS real_hour, count(DISTINCT m.agent_id) AS agents
      FROM messages m
      WHERE ${agentReplyConditions(q)}
      GROUP BY 1
    ) x
    GROUP BY 1, 2`.execute(db);
  return toMatrix(rows, (r) => Number(r.n), 0);
}
