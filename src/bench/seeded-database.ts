import { sql } from 'kysely';
import { listMigrations, migrate, openStore, type Store } from '../store/index.js';
import { createDatabase, databaseExists, databaseUrl } from './databases.js';
import { buildDerived } from './derived.js';
import { seedHistory } from './seed.js';
import { scaleLabel, seedPlan, type SeedPlan } from './seed-plan.js';

/** Bump when the seeded shape changes, so older seed databases are not reused. */
export const SEED_VERSION = 1;

export type Seeded = { store: Store; asked: number; plan: SeedPlan; end: Date; seedSeconds: number; reused: boolean };

type Marker = { messages: number; end_at: Date; seed_seconds: number; migrations: string };

/**
 * A Postgres database holding `messages` of seeded history, named wapulse_bench_<scale>_v<N>.
 * Reused when its marker row says it is complete and was migrated with today's migration files
 * (a new migration could change the tables reports read); otherwise dropped and seeded again,
 * then buildDerived and ANALYZE. The marker is written last, so an interrupted seed is redone.
 */
export async function seededDatabase(adminUrl: string, messages: number, opts: { reseed: boolean; now: Date }): Promise<Seeded> {
  const name = `wapulse_bench_${scaleLabel(messages).toLowerCase()}_v${SEED_VERSION}`;
  const plan = seedPlan(messages);
  const migrations = (await listMigrations()).join(',');
  if (!opts.reseed && (await databaseExists(adminUrl, name))) {
    const store = open(databaseUrl(adminUrl, name));
    const marker = await readMarker(store);
    if (marker && marker.messages === plan.messages && marker.migrations === migrations) {
      return { store, asked: messages, plan, end: new Date(marker.end_at), seedSeconds: marker.seed_seconds, reused: true };
    }
    await store.close();
  }
  const store = open(await createDatabase(adminUrl, name));
  const started = performance.now();
  await migrate(store);
  // History ends at the last whole hour, so "the last 7 days" of the seed are full hours.
  const end = new Date(Math.floor(opts.now.getTime() / 3_600_000) * 3_600_000);
  await seedHistory(store, plan, end);
  await buildDerived(store.db);
  const seedSeconds = (performance.now() - started) / 1000;
  await sql`CREATE TABLE bench_seed (messages bigint, end_at timestamptz, seed_seconds float8, migrations text)`.execute(store.db);
  await sql`INSERT INTO bench_seed VALUES (${plan.messages}, ${end}, ${seedSeconds}, ${migrations})`.execute(store.db);
  return { store, asked: messages, plan, end, seedSeconds, reused: false };
}

function open(url: string): Store {
  // Reports at 10M may legitimately run long while they miss their target; time them, not cut them.
  return openStore({ kind: 'postgres', url, poolSize: 4, statementTimeoutMs: 600_000 });
}

async function readMarker(store: Store): Promise<Marker | null> {
  try {
    const r = await sql<Marker>`SELECT messages::float8 AS messages, end_at, seed_seconds, migrations FROM bench_seed`.execute(store.db);
    return r.rows[0] ?? null;
  } catch {
    return null; // no marker table: never finished seeding
  }
}
