import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/index.js';
import { inWindow } from '../messages/message-facts.js';
import { allOf } from '../busy-hours/cycle-facts.js';
import type { ReportQuery } from '../window.js';
import { bySource, firstMessageOn, sourceLabel, type BySource } from './source.js';

export type SourceCounts = { total: number; bySource: BySource<number> };

/**
 * Contacts whose `column` (created_at → new, deleted_at → deleted) is in [from, to), by source
 * label. channel: contacts whose first message was on that number.
 */
export async function contactsBySource(db: Kysely<Database>, q: ReportQuery, column: 'created_at' | 'deleted_at'): Promise<SourceCounts> {
  const { rows } = await sql<{ source: string; n: number }>`
    SELECT ${sourceLabel} AS source, count(*)::int AS n
    FROM contacts ct
    WHERE ${allOf([inWindow(sql.ref(`ct.${column}`), q.window), q.filters.channel === undefined ? null : firstMessageOn(q.filters.channel)])}
    GROUP BY 1`.execute(db);
  return { total: rows.reduce((a, r) => a + Number(r.n), 0), bySource: bySource(rows, (r) => Number(r.n), () => 0) };
}
