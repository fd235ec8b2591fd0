import { sql, type RawBuilder } from 'kysely';
import type { ReportFilters } from '../window.js';

/**
 * SQL fragments about conversation cycles shared by the busy-hours and live reports.
 * Aliases are passed in so a query can name its tables as it likes.
 */

/**
 * The message `m` belongs to the cycle `c`: same inbox conversation, or same contact on the
 * same channel, and counted inside [opened_at, closed_at] (closed end inclusive: the message
 * that closed a derived cycle is its last one).
 */
export function belongsToCycle(m: string, c: string): RawBuilder<boolean> {
  const mc = (col: string) => sql.ref(`${m}.${col}`);
  const cc = (col: string) => sql.ref(`${c}.${col}`);
  return sql<boolean>`((${mc('conversation_ref')} = ${cc('external_id')}
      OR (${mc('contact_id')} = ${cc('contact_id')} AND ${mc('phone_number_id')} = ${cc('phone_number_id')}))
    AND ${cc('opened_at')} <= ${mc('counted_at')}
    AND (${cc('closed_at')} IS NULL OR ${mc('counted_at')} <= ${cc('closed_at')}))`;
}

/**
 * A human reply on cycle `c`: an outbound message by an agent, a Business-app echo, or — on a
 * derived cycle, where nothing says who sent it — any outbound message with no sender type.
 * Automation, broadcast and api messages are not replies. (Same rule as first_agent_reply_at.)
 */
export function isReply(m: string, c: string): RawBuilder<boolean> {
  const mc = (col: string) => sql.ref(`${m}.${col}`);
  return sql<boolean>`(${mc('direction')} = 'outbound'
    AND (${mc('sender_type')} IN ('agent', 'echo') OR (${mc('sender_type')} IS NULL AND ${sql.ref(`${c}.source`)} = 'derived')))`;
}

/**
 * agent / team filters on an agent-id column (agent = agents.id; team = agents.team of that
 * agent). Null when neither filter is set, so callers can skip the condition.
 */
export function agentCondition(agentId: RawBuilder<unknown>, filters: ReportFilters): RawBuilder<boolean> | null {
  const conds: RawBuilder<boolean>[] = [];
  if (filters.agent !== undefined) conds.push(sql<boolean>`${agentId} = ${filters.agent}`);
  if (filters.team !== undefined) conds.push(sql<boolean>`${agentId} IN (SELECT a.id FROM agents a WHERE a.team = ${filters.team})`);
  return conds.length === 0 ? null : sql<boolean>`(${sql.join(conds, sql` AND `)})`;
}

/** `conds` joined by AND (TRUE when empty); nulls are skipped. */
export function allOf(conds: readonly (RawBuilder<boolean> | null)[]): RawBuilder<boolean> {
  const kept = conds.filter((c): c is RawBuilder<boolean> => c !== null);
  return kept.length === 0 ? sql<boolean>`TRUE` : sql<boolean>`(${sql.join(kept, sql` AND `)})`;
}
