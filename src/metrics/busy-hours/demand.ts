import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow, isReceived } from '../messages/message-facts.js';
import { rollupFacts } from '../messages/rollup-facts.js';
import type { ReportQuery } from '../window.js';
import { busyFacts } from './busy-facts.js';
import { agentCondition, allOf, belongsToCycle } from './cycle-facts.js';
import { localCell, toMatrix, type CellRow, type Matrix } from './local-hours.js';

/**
 * Received inbound messages (docs/metrics.md "received": not reaction/system/request_welcome, never
 * history) per local weekday × hour of their timestamp, over [from, to) in window.tz.
 * channel: the message's number. agent/team: messages belonging to a cycle whose assignee
 * (current, or at close) is that agent / in that team.
 *
 * Without agent/team, read from the count rollups (kind `received`): a 15-minute bucket lies
 * within one local hour in any zone, so its start gives the cell. Agent/team go through the
 * cycles, which the rollups do not know, so they read the base rows.
 */
export async function inboundMatrix(db: Kysely<Database>, q: ReportQuery): Promise<Matrix> {
  const w = q.window;
  if (q.filters.agent === undefined && q.filters.team === undefined) {
    const at = localCell(sql`f.at`, w);
    const { rows } = await sql<CellRow & { n: number }>`
      SELECT ${at.dow} AS dow, ${at.hour} AS hour, sum(f.n)::int AS n
      FROM ${rollupFacts(w, { channel: q.filters.channel })} f
      WHERE f.kind = 'received'
      GROUP BY 1, 2 HAVING sum(f.n) <> 0`.execute(db);
    return toMatrix(rows, (r) => Number(r.n), 0);
  }
  const cell = localCell(sql`m.counted_at`, w);
  const assignee = agentCondition(sql`c.assignee_id`, q.filters);
  const { rows } = await sql<CellRow & { n: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, count(*)::int AS n
    FROM messages m
    WHERE ${allOf([
      isReceived,
      sql<boolean>`m.origin <> 'history'`,
      inWindow(sql`m.counted_at`, w),
      q.filters.channel === undefined ? null : sql<boolean>`m.phone_number_id = ${q.filters.channel}`,
      assignee === null ? null : sql<boolean>`EXISTS (SELECT 1 FROM conversations c WHERE ${belongsToCycle('m', 'c')} AND ${assignee})`,
    ])}
    GROUP BY 1, 2`.execute(db);
  return toMatrix(rows, (r) => Number(r.n), 0);
}

export type OpenedMatrices = {
  /** cycles opened, any opener */
  opened: Matrix;
  /** cycles opened by the contact: the arrivals of the staffing hint */
  byContact: Matrix;
};

/**
 * Conversation cycles by the local weekday × hour of opened_at in [from, to), read from the
 * busy-hours rollups (busyFacts; a 15-minute bucket lies within one local hour in any zone).
 * channel: the cycle's number. agent/team: the cycle's assignee (current, or at close).
 */
export async function openedMatrices(db: Kysely<Database>, q: ReportQuery): Promise<OpenedMatrices> {
  // summed per instant first: the zone conversion then runs once per bucket, not per row
  const cell = localCell(sql`b.at`, q.window);
  const { rows } = await sql<CellRow & { opened: number; by_contact: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, sum(b.opened)::int AS opened, sum(b.by_contact)::int AS by_contact
    FROM (
      SELECT f.at, coalesce(sum(f.n) FILTER (WHERE f.kind = 'opened'), 0) AS opened,
        coalesce(sum(f.n) FILTER (WHERE f.kind = 'opened_by_contact'), 0) AS by_contact
      FROM ${busyFacts(q.window, q.filters, ['opened', 'opened_by_contact'])} f
      GROUP BY f.at
    ) b
    GROUP BY 1, 2`.execute(db);
  return { opened: toMatrix(rows, (r) => Number(r.opened), 0), byContact: toMatrix(rows, (r) => Number(r.by_contact), 0) };
}
