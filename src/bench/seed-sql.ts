import { AGENT_COUNT, CHANNELS, SEED_TZ, TEAMS, type SeedPlan } from './seed-plan.js';

/**
 * Set-based SQL that writes a SeedPlan's history straight into the tables (no ingest path).
 * Every random choice is a hash of the conversation number g (and turn j), so a message's time
 * can be recomputed where its conversation's first reply and last message are written: they
 * agree without reading one table back to fill the other. Only numbers from the plan and
 * constants are interpolated; nothing here comes from outside the process.
 */

/** A stable pseudo-random non-negative integer from an expression and a salt (hash_any). */
const h = (expr: string, salt: number) => `abs(hashint8((${expr})::bigint * 16 + ${salt})::bigint)`;
/** Local hours weighted toward a Gulf working day: busiest 10:00–13:00 and 16:00–20:00. */
const HOURS = [0, 1, 7, 8, 8, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19, 19, 19, 20, 20, 21, 21, 22, 23];
const turnKey = (g: string, j: string) => `(${g}) * 8 + (${j})`;

/** Seconds from the opening to turn j's inbound message: 40 minutes apart, up to 5 min late. */
export const inboundSec = (g: string, j: string) => `((${j}) * 2400 + CASE WHEN (${j}) > 0 THEN ${h(turnKey(g, j), 7)} % 300 ELSE 0 END)`;
/** …and to the agent's reply to it: 20 s to 30 min after the inbound one. */
export const replySec = (g: string, j: string) => `(${inboundSec(g, j)} + 20 + ${h(turnKey(g, j), 8)} % 1780)`;
const secs = (e: string) => `make_interval(secs => (${e})::int)`;

/** The local date the history starts on: `days` local days before the end's local date. */
const startDay = (end: Date, days: number) => `((TIMESTAMPTZ '${end.toISOString()}' AT TIME ZONE '${SEED_TZ}')::date - ${days})`;

/** When conversation g opens: its contact's k-th slot, a weighted local hour, Asia/Dubai. */
export function openedAt(p: SeedPlan, end: Date, g: string): string {
  const day = `((${g}) / ${p.contacts}) * ${p.slotDays} + ${h(g, 3)} % ${p.slotDays - 2}`;
  const hour = `(ARRAY[${HOURS.join(',')}])[1 + ${h(g, 4)} % ${HOURS.length}]`;
  const clock = `make_interval(hours => ${hour}, mins => (${h(g, 5)} % 60)::int, secs => (${h(g, 6)} % 60)::int)`;
  return `((${startDay(end, p.days)} + (${day})::int) + ${clock}) AT TIME ZONE '${SEED_TZ}'`;
}

export const waId = (contactId: string) => `'9715' || lpad((${contactId})::text, 8, '0')`;

export function channelsSql(p: SeedPlan, end: Date): string {
  const rows = CHANNELS.map((id, i) => `('${id}', '97145000${i + 1}', 'bench-waba', ${startDay(end, p.days + 1)}::timestamp AT TIME ZONE '${SEED_TZ}')`);
  return `INSERT INTO channels (phone_number_id, display_phone_number, waba_id, first_seen_at) VALUES ${rows.join(', ')}`;
}

/** Agent n (1…20) is in team (n−1) mod 3 and answers that team's number. */
export function agentsSql(end: Date): string {
  return `INSERT INTO agents (id, name, email, team, updated_at)
    SELECT 'agent-' || lpad(n::text, 2, '0'), 'Agent ' || n, 'agent' || n || '@example.com',
           (ARRAY['${TEAMS.join("','")}'])[1 + (n - 1) % 3], TIMESTAMPTZ '${end.toISOString()}'
      FROM generate_series(1, ${AGENT_COUNT}) n`;
}

/** Contact c first writes in conversation g = c − 1 (its first slot): that is when it is new. */
export function contactsSql(p: SeedPlan, end: Date): string {
  return `INSERT INTO contacts (id, wa_id, profile_name, first_seen_via, created_at)
    SELECT c, ${waId('c')}, 'Contact ' || c, 'inbound', ${openedAt(p, end, 'c - 1')}
      FROM generate_series(1, ${p.contacts}) c`;
}

/**
 * Conversations [g0, g1): contact g mod C + 1 on number (contact − 1) mod 3, assigned on opening
 * to an agent of that number's team, first reply at turn 0's reply, last message at the last
 * turn's reply; closed auto_close at it once 24 h of silence have passed before `end`.
 */
export function conversationsSql(p: SeedPlan, end: Date, g0: number, g1: number): string {
  const team = `((g % ${p.contacts}) % 3)`;
  const agentNo = `${team} + 1 + 3 * (${h('g', 1)} % CASE ${team} WHEN 2 THEN 6 ELSE 7 END)`;
  return `INSERT INTO conversations (id, source, cycle, contact_id, phone_number_id, opened_at, opened_by, closed_at,
      closed_by, assignee_id, assigned_at, first_agent_reply_at, first_agent_reply_agent_id, last_message_at)
    SELECT g + 1, 'derived', 1, contact, (ARRAY['${CHANNELS.join("','")}'])[1 + (contact - 1) % 3], o, 'contact',
           CASE WHEN last_at + interval '24 hours' <= TIMESTAMPTZ '${end.toISOString()}' THEN last_at END,
           CASE WHEN last_at + interval '24 hours' <= TIMESTAMPTZ '${end.toISOString()}' THEN 'auto_close' END,
           agent, o, o + ${secs(replySec('g', '0'))}, agent, last_at
      FROM (SELECT g, contact, o, agent, o + ${secs(replySec('g', 'g % 5'))} AS last_at
              FROM (SELECT g, g % ${p.contacts} + 1 AS contact, ${openedAt(p, end, 'g')} AS o,
                           'agent-' || lpad((${agentNo})::text, 2, '0') AS agent
                      FROM generate_series(${g0}, ${g1 - 1}) g) a) b`;
}
