import type { Kysely } from 'kysely';
import { KNOWN_LIST_MAX, lookupFilters, type FilterProblem, type ReportFilters } from '../metrics/index.js';
import type { Database } from '../store/index.js';
import { UsageError } from './usage-error.js';

/**
 * Checks `--agent`, `--channel` and `--team` against the store (metrics' lookupFilters) and
 * returns the filters as the reports take them; an unknown value is a UsageError that lists
 * the known ones, instead of a report of zeros.
 */
export async function resolveFilters(db: Kysely<Database>, filters: ReportFilters): Promise<ReportFilters> {
  const r = await lookupFilters(db, filters);
  if (!r.ok) throw new UsageError(problemText(r.problem));
  return r.filters;
}

function problemText(p: FilterProblem): string {
  switch (p.kind) {
    case 'ambiguousAgent':
      return `--agent "${p.wanted}" names ${p.ids.length} agents: use one id of ${p.ids.join(', ')}`;
    case 'unknownAgent':
      return `unknown --agent "${p.wanted}": ${known('agents', p.known)}`;
    case 'unknownChannel':
      return `unknown --channel "${p.wanted}": ${known('channels', p.known)}`;
    case 'unknownTeam':
      return `unknown --team "${p.wanted}": ${known('teams', p.known)}`;
    default: {
      const never: never = p;
      throw new Error(`unknown filter problem ${JSON.stringify(never)}`);
    }
  }
}

function known(what: string, values: string[]): string {
  if (!values.length) return `no ${what} are known in this store yet`;
  const shown = values.slice(0, KNOWN_LIST_MAX).join(', ');
  return `known ${what}: ${shown}${values.length > KNOWN_LIST_MAX ? ', …' : ''}`;
}
