import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow } from '../messages/message-facts.js';
import { agentsNeeded } from '../staffing.js';
import { readStats, secondsBetween, statsColumns, type DurationStats } from '../stats.js';
import type { ReportQuery } from '../window.js';
import { agentCondition, allOf } from './cycle-facts.js';
import { localCell, mapMatrix, toMatrix, type CellRow, type Matrix } from './local-hours.js';

/**
 * Resolution time (closed_at − opened_at, seconds) of cycles closed by an agent, anchored on
 * closed_at in [from, to); auto_close, automation and api closes are left out. The staffing
 * hint's handle time is its mean ÷ agent concurrency.
 * channel: the cycle's number. agent/team: the assignee at close.
 */
export async function agentResolution(db: Kysely<Database>, q: ReportQuery): Promise<DurationStats> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.join(statsColumns(secondsBetween(sql`c.opened_at`, sql`c.closed_at`), 'res'))}
    FROM conversations c
    WHERE ${allOf([
      sql<boolean>`c.closed_by = 'agent'`,
      inWindow(sql`c.closed_at`, q.window),
      q.filters.channel === undefined ? null : sql<boolean>`c.phone_number_id = ${q.filters.channel}`,
      agentCondition(sql`c.assignee_id`, q.filters),
    ])}`.execute(db);
  return readStats(rows[0] ?? {}, 'res');
}

/**
 * Per local weekday × hour: the sum over each real hour of that cell of the number of distinct
 * agents who sent an outbound message (sender_type 'agent', never history) in it, counted at
 * its send time in [from, to). Divided by the cell's hours this is the average number of agents
 * replying in that hour. Each real hour is its own group (date_trunc in tz keeps the two 01:00
 * hours of a fall-back night apart). channel: the message's number; agent/team: its agent.
 */
export async function agentHours(db: Kysely<Database>, q: ReportQuery): Promise<Matrix> {
  const w = q.window;
  const cell = localCell(sql`x.real_hour`, w);
  const { rows } = await sql<CellRow & { n: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, sum(x.agents)::int AS n
    FROM (
      SELECT date_trunc('hour', m.counted_at, ${w.tz}::text) AS real_hour, count(DISTINCT m.agent_id) AS agents
      FROM messages m
      WHERE ${allOf([
        sql<boolean>`m.direction = 'outbound' AND m.sender_type = 'agent' AND m.agent_id IS NOT NULL AND m.origin <> 'history'`,
        inWindow(sql`m.counted_at`, w),
        q.filters.channel === undefined ? null : sql<boolean>`m.phone_number_id = ${q.filters.channel}`,
        agentCondition(sql`m.agent_id`, q.filters),
      ])}
      GROUP BY 1
    ) x
    GROUP BY 1, 2`.execute(db);
  return toMatrix(rows, (r) => Number(r.n), 0);
}

export type StaffingSettings = { concurrency: number; serviceLevel: number; frtTargetSec: number };

export type StaffingMatrices = {
  /** contact-opened cycles per hour of that cell: λ in arrivals per hour; null where the cell never occurs */
  arrivalsPerHour: Matrix<number | null>;
  /** offered load A = λ·AHT in Erlangs; null where λ or AHT is unknown */
  load: Matrix<number | null>;
  /** Erlang C agents needed; 0 without arrivals; null where λ or AHT is unknown */
  agentsNeeded: Matrix<number | null>;
  /** average distinct agents who replied per hour of that cell; null where the cell never occurs */
  agentsReplied: Matrix<number | null>;
};

/** Cell-wise staffing figures from the counted matrices (pure; 168 cells). */
export function staffingMatrices(
  m: { arrivals: Matrix; hours: Matrix; agentHours: Matrix },
  handleTimeSec: number | null,
  s: StaffingSettings,
): StaffingMatrices {
  const perHour = (counts: Matrix) => mapMatrix(m.hours, (hours, d, h) => (hours === 0 ? null : (counts[d - 1]?.[h] ?? 0) / hours));
  const arrivalsPerHour = perHour(m.arrivals);
  // λ per hour ÷ 3600 = per second, × AHT seconds = Erlangs
  const load = mapMatrix(arrivalsPerHour, (lambda) => (lambda === null || handleTimeSec === null ? null : (lambda / 3600) * handleTimeSec));
  const needed = mapMatrix(arrivalsPerHour, (lambda) =>
    lambda === null || handleTimeSec === null
      ? null
      : agentsNeeded({ arrivalRatePerSec: lambda / 3600, handleTimeSec, targetSec: s.frtTargetSec, serviceLevel: s.serviceLevel }),
  );
  return { arrivalsPerHour, load, agentsNeeded: needed, agentsReplied: perHour(m.agentHours) };
}
