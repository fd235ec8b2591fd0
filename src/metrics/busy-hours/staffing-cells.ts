import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { agentsNeeded } from '../staffing.js';
import type { ReportQuery } from '../window.js';
import { activeAgentHours } from './handle-time.js';
import { localCell, mapMatrix, toMatrix, type CellRow, type Matrix } from './local-hours.js';

/**
 * Per local weekday × hour: the sum over each real hour of that cell of the number of distinct
 * agents who replied in it (activeAgentHours: the same replies the handle time counts). Divided
 * by the cell's hours this is the average number of agents replying in that hour.
 */
export async function agentHours(db: Kysely<Database>, q: ReportQuery): Promise<Matrix> {
  const cell = localCell(sql`x.real_hour`, q.window);
  const { rows } = await sql<CellRow & { n: number }>`
    SELECT ${cell.dow} AS dow, ${cell.hour} AS hour, count(*)::int AS n
    FROM ${activeAgentHours(q)} x
    GROUP BY 1, 2`.execute(db);
  return toMatrix(rows, (r) => Number(r.n), 0);
}

export type StaffingSettings = { serviceLevel: number; frtTargetSec: number };

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
