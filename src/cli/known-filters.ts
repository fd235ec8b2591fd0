import { sql, type Kysely } from 'kysely';
import type { ReportFilters } from '../metrics/index.js';
import type { Database } from '../store/index.js';
import { UsageError } from './usage-error.js';

// Lists longer than this are cut: the message is for reading, not for scripts.
const LIST_MAX = 30;

/**
 * Checks `--agent`, `--channel` and `--team` against the store and returns the filters as the
 * reports take them: an agent's full name becomes its id, a display number its
 * phone_number_id. An unknown value is a UsageError that lists the known ones, instead of a
 * report of zeros. Lookups use primary keys and small tables; the list is only read on a miss.
 */
export async function resolveFilters(db: Kysely<Database>, filters: ReportFilters): Promise<ReportFilters> {
  const out: ReportFilters = {};
  if (filters.agent !== undefined) out.agent = await resolveAgent(db, filters.agent);
  if (filters.channel !== undefined) out.channel = await resolveChannel(db, filters.channel);
  if (filters.team !== undefined) out.team = await resolveTeam(db, filters.team);
  return out;
}

async function resolveAgent(db: Kysely<Database>, wanted: string): Promise<string> {
  const byTable = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', wanted), eb(eb.fn('lower', ['name']), '=', wanted.toLowerCase())]))
    .execute();
  const exact = byTable.find((a) => a.id === wanted);
  if (exact) return exact.id;
  if (byTable.length === 1) return byTable[0]!.id;
  if (byTable.length > 1) throw new UsageError(`--agent "${wanted}" names ${byTable.length} agents: use one id of ${byTable.map((a) => a.id).join(', ')}`);
  // Agents seen only through WhatsApp attribution (biz_opaque_callback_data) have no agents row.
  const seen = await db.selectFrom('messages').select('agent_id').where('agent_id', '=', wanted).limit(1).executeTakeFirst();
  if (seen) return wanted;
  const named = await db.selectFrom('agents').select(['id', 'name']).orderBy('id').limit(LIST_MAX + 1).execute();
  const names = new Map(named.map((a) => [a.id, a.name]));
  const ids = [...new Set([...names.keys(), ...(await attributedAgentIds(db))])].sort();
  throw new UsageError(`unknown --agent "${wanted}": ${known('agents', ids.map((id) => (names.get(id) && names.get(id) !== id ? `${id} (${names.get(id)})` : id)))}`);
}

async function resolveChannel(db: Kysely<Database>, wanted: string): Promise<string> {
  const digits = wanted.replace(/[\s+()-]/g, '');
  const channels = await db.selectFrom('channels').select(['phone_number_id', 'display_phone_number']).orderBy('phone_number_id').execute();
  const hit = channels.find((c) => c.phone_number_id === wanted || (digits !== '' && c.display_phone_number?.replace(/[\s+()-]/g, '') === digits));
  if (hit) return hit.phone_number_id;
  const list = channels.map((c) => (c.display_phone_number ? `${c.phone_number_id} (+${c.display_phone_number.replace(/^\+/, '')})` : c.phone_number_id));
  throw new UsageError(`unknown --channel "${wanted}": ${known('channels', list)}`);
}

async function resolveTeam(db: Kysely<Database>, wanted: string): Promise<string> {
  const rows = await db.selectFrom('agents').select('team').distinct().where('team', 'is not', null).orderBy('team').execute();
  const teams = rows.map((r) => r.team!);
  const hit = teams.find((t) => t === wanted) ?? teams.find((t) => t.toLowerCase() === wanted.toLowerCase());
  if (hit) return hit;
  throw new UsageError(`unknown --team "${wanted}": ${known('teams', teams)}`);
}

function known(what: string, values: string[]): string {
  if (!values.length) return `no ${what} are known in this store yet`;
  const shown = values.slice(0, LIST_MAX).join(', ');
  return `known ${what}: ${shown}${values.length > LIST_MAX ? ', …' : ''}`;
}

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
    SELECT agent_id FROM ids WHERE agent_id IS NOT NULL LIMIT ${LIST_MAX + 1}`.execute(db);
  return r.rows.map((row) => row.agent_id);
}
