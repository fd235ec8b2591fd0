import { sql, type Kysely } from 'kysely';
import { progressBar } from '../cli/progress-bar.js';
import { createMonthsAhead, type Database, type Store } from '../store/index.js';
import { messagesSql } from './seed-messages-sql.js';
import type { SeedPlan } from './seed-plan.js';
import { agentsSql, channelsSql, contactsSql, conversationsSql } from './seed-sql.js';

const BULK_TABLES = ['contacts', 'conversations', 'messages', 'message_statuses'];

/**
 * Writes a plan's history into an empty, migrated store, one statement per table or chunk,
 * with a progress bar per conversation chunk. On Postgres the secondary indexes of the bulk
 * tables are dropped first and rebuilt once at the end (one sort instead of millions of
 * index inserts); keys and unique constraints stay, so the load is checked as it goes.
 */
export async function seedHistory(store: Store, plan: SeedPlan, end: Date, write?: (s: string) => void): Promise<void> {
  const { db } = store;
  const run = (text: string) => sql.raw(text).execute(db);
  const indexes = store.kind === 'postgres' ? await dropSecondaryIndexes(db) : [];
  // The seeded months get their status partitions; the app itself only creates the current
  // month and the next two, and older rows would all land in the DEFAULT partition.
  await createMonthsAhead(db, 'message_statuses', new Date(end.getTime() - plan.days * 86_400_000), Math.ceil(plan.days / 28) + 1);
  await run(channelsSql(plan, end));
  await run(agentsSql(end));
  await run(contactsSql(plan, end));
  const bar = progressBar({ label: `seed ${plan.messages} messages, conversations`, total: plan.conversations, write });
  for (let g0 = 0; g0 < plan.conversations; g0 += plan.chunk) {
    const g1 = Math.min(g0 + plan.chunk, plan.conversations);
    await run(conversationsSql(plan, end, g0, g1));
    await run(messagesSql(g0 + 1, g1));
    bar.tick(g1);
  }
  bar.finish();
  for (const table of ['contacts', 'conversations']) {
    await run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  if (indexes.length) {
    const rebuild = progressBar({ label: 'rebuild indexes', total: indexes.length, write });
    for (const [i, def] of indexes.entries()) {
      await run(def);
      rebuild.tick(i + 1);
    }
    rebuild.finish();
  }
}

/** Drops the bulk tables' indexes that back no constraint; returns their definitions. */
async function dropSecondaryIndexes(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string; def: string }>`
    SELECT quote_ident(i.schemaname) || '.' || quote_ident(i.indexname) AS name, i.indexdef AS def
      FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY(${BULK_TABLES})
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(db);
  for (const r of rows.rows) await sql.raw(`DROP INDEX ${r.name}`).execute(db);
  return rows.rows.map((r) => r.def);
}

/**
 * Runs `load` with the user triggers on `messages` off (the count rollups and the 24 h flag,
 * migrations/0009): for a bulk load they would keep per-statement upkeep that buildDerived then
 * throws away and rebuilds whole. Only for a database nothing else writes to (the bench's own).
 */
export async function withoutMessageTriggers<T>(db: Kysely<Database>, load: () => Promise<T>): Promise<T> {
  await sql`ALTER TABLE messages DISABLE TRIGGER USER`.execute(db);
  try {
    return await load();
  } finally {
    await sql`ALTER TABLE messages ENABLE TRIGGER USER`.execute(db);
  }
}
