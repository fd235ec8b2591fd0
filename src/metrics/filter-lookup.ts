import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import type { ReportFilters } from './window.js';

// Lists longer than this are cut: the answer is for reading, not for scripts.
export const KNOWN_LIST_MAX = 30;

/** Why a filter value matched nothing (or too much), with what is known, for the caller to word. */
export type FilterProblem =
  | { kind: 'ambiguousAgent'; wanted: string; ids: string[] }
  | { kind: 'unknownAgent'; wanted: string; known: string[] }
  | { kind: 'unknownChannel'; wanted: string; known: string[] }
  | { kind: 'unknownTeam'; wanted: string; known: string[] };

export type FilterLookup = { ok: true; filters: ReportFilters } | { ok: false; problem: FilterProblem };

/**
 * Checks agent, channel and team filters against the store and returns them as reports take
 * them: an agent's full name becomes its id, a display number (+971 50…, any spacing) its
 * phone_number_id. An unknown value is a problem listing the known ones (up to
 * KNOWN_LIST_MAX), instead of a report of zeros. Lookups use primary keys and small tables;
 * the lists are only read on a miss. Shared by the CLI and Slack.
 */
export async function lookupFilters(db: Kysely<Database>, filters: ReportFilters): Promise<FilterLookup> {
  const out: ReportFilters = {};
  for (const step of [agentStep, channelStep, teamStep]) {
    const r = await step(db, filters, out);
    if (r) return { ok: false, problem: r };
  }
  return { ok: true, filters: out };
}

type Step = (db: Kysely<Database>, wanted: ReportFilters, out: ReportFilters) => Promise<FilterProblem | null>;

const agentStep: Step = async (db, f, out) => {
  if (f.agent === undefined) return null;
  const wanted = f.agent;
  const byTable = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', wanted), eb(eb.fn('lower', ['name']), '=', wanted.toLowerCase())]))
    .execute();
  const exact = byTable.find((a) => a.id === wanted) ?? (byTable.length === 1 ? byTable[0] : undefined);
  if (exact) {
    out.agent = exact.id;
    return null;
  }
  if (byTable.length > 1) return { kind: 'ambiguousAgent', wanted, ids: byTable.map((a) => a.id) };
  // Agents seen only through WhatsApp attribution (biz_opaque_callback_data) have no agents row.
  const seen = await db.selectFrom('messages').select('agent_id').where('agent_id', '=', wanted).limit(1).executeTakeFirst();
  if (seen) {
    out.agent = wanted;
    return null;
  }
  const named = await db.selectFrom('agents').select(['id', 'name']).orderBy('id').limit(KNOWN_LIST_MAX + 1).execute();
  const names = new Map(named.map((a) => [a.id, a.name]));
  const ids = [...new Set([...names.keys(), ...(await attributedAgentIds(db))])].sort();
  return { kind: 'unknownAgent', wanted, known: ids.map((id) => (names.get(id) && names.get(id) !== id ? `${id} (${names.get(id)})` : id)) };
};

const channelStep: Step = async (db, f, out) => {
  if (f.channel === undefined) return null;
  const wanted = f.channel;
  const digits = wanted.replace(/[\s+()-]/g, '');
  const channels = await db.selectFrom('channels').select(['phone_number_id', 'display_phone_number']).orderBy('phone_number_id').execute();
  const hit = channels.find((c) => c.phone_number_id === wanted || (digits !== '' && c.display_phone_number?.replace(/[\s+()-]/g, '') === digits));
  if (hit) {
    out.channel = hit.phone_number_id;
    return null;
  }
  const known = channels.map((c) => (c.display_phone_number ? `${c.phone_number_id} (+${c.display_phone_number.replace(/^\+/, '')})` : c.phone_number_id));
  return { kind: 'unknownChannel', wanted, known };
};

const teamStep: Step = async (db, f, out) => {
  if (f.team === undefined) return null;
  const wanted = f.team;
  const rows = await db.selectFrom('agents').select('team').distinct().where('team', 'is not', null).orderBy('team').execute();
  const teams = rows.map((r) => r.team!);
  const hit = teams.find((t) => t === wanted) ?? teams.find((t) => t.toLowerCase() === wanted.toLowerCase());
  if (hit) {
    out.team = hit;
    return null;
  }
  return { kind: 'unknownTeam', wanted, known: teams };
};

/**
 * Distinct messages.agent_id by a loose index scan (one index probe per id on messages_agent),
 * so the cost follows the number of agents, not of messages.
 */
async function attributedAgentIds(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ agent_id: string }>`
    WITH RECURSIVE ids AS (
      (SELECT agent_id FROM messages WHERE agent_id IS NOT NULL ORDER BY agent_id LIMIT 1)
      UNION ALL
      SELECT (SELECT m.agent_id FROM messages m WHERE m.agent_id > ids.agent_id ORDER BY m.agent_id LIMIT 1)
      FROM ids WHERE ids.agent_id IS NOT NULL
    )
    SELECT agent_id FROM ids WHERE agent_id IS NOT NULL LIMIT ${KNOWN_LIST_MAX + 1}`.execute(db);
  return r.rows.map((row) => row.agent_id);
}
