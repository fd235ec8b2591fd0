import { sql } from 'kysely';
import { listMigrations, migrate, openStore, type Store } from '../store/index.js';
import { createDatabase, databaseExists, databaseUrl } from './databases.js';
import { buildDerived } from './derived.js';
import { seedHistory, withoutMessageTriggers } from './seed.js';
import { scaleLabel, seedPlan, type SeedPlan } from './seed-plan.js';

/**
 * Bump when the seeded shape or the migrations change, so older seed databases are not reused
 * (nor dropped and reseeded under the feet of a run that still uses them). 3: migration 0015;
 * 4: seeds end with VACUUM ANALYZE; 5: messages and contact days laid out in time order.
 */
export const SEED_VERSION = 5;

export type Seeded = { store: Store; url: string; asked: number; plan: SeedPlan; end: Date; seedSeconds: number; reused: boolean };

type Marker = { messages: number; end_at: Date; seed_seconds: number; migrations: string };

/**
 * A Postgres database holding `messages` of seeded history, named wapulse_bench_<scale>_v<N>.
 * Reused when its marker row says it is complete and was migrated with today's migration files
 * (a new migration could change the tables reports read); otherwise dropped and seeded again,
 * then buildDerived (which ends with VACUUM ANALYZE). The marker is written last, so an interrupted seed is redone.
 */
export async function seededDatabase(adminUrl: string, messages: number, opts: { reseed: boolean; now: Date }): Promise<Seeded> {
  const name = `wapulse_bench_${scaleLabel(messages).toLowerCase()}_v${SEED_VERSION}`;
  const plan = seedPlan(messages);
  const migrations = (await listMigrations()).join(',');
  if (!opts.reseed && (await databaseExists(adminUrl, name))) {
    const url = databaseUrl(adminUrl, name);
    const store = openSeedStore(url);
    const marker = await readMarker(store);
    if (marker && marker.messages === plan.messages && marker.migrations === migrations) {
      return { store, url, asked: messages, plan, end: new Date(marker.end_at), seedSeconds: marker.seed_seconds, reused: true };
    }
    await store.close();
  }
  const url = await createDatabase(adminUrl, name);
  const store = openSeedStore(url);
  const started = performance.now();
  await migrate(store);
  // History ends at the last whole hour, so "the last 7 days" of the seed are full hours.
  const end = new Date(Math.floor(opts.now.getTime() / 3_600_000) * 3_600_000);
  await withoutMessageTriggers(store.db, async () => {
    await seedHistory(store, plan, end);
    await buildDerived(store.db);
  });
  const seedSeconds = (performance.now() - started) / 1000;
  await sql`CREATE TABLE bench_seed (messages bigint, end_at timestamptz, seed_seconds float8, migrations text)`.execute(store.db);
  await sql`INSERT INTO bench_seed VALUES (${plan.messages}, ${end}, ${seedSeconds}, ${migrations})`.execute(store.db);
  return { store, url, asked: messages, plan, end, seedSeconds, reused: false };
}

/**
 * A store on a seed database. Seeding statements run for minutes at 10M. For reports,
 * `statementTimeoutMs` is the cut-off past which a run is only "more than" (see timeIt); a
 * report's parallel queries may queue for the pool meanwhile, so waiting for one is not cut.
 */
export function openSeedStore(url: string, statementTimeoutMs = 3_600_000): Store {
  return openStore({ kind: 'postgres', url, poolSize: 10, statementTimeoutMs, connectTimeoutMs: 3_600_000 });
}

async function readMarker(store: Store): Promise<Marker | null> {
  try {
    const r = await sql<Marker>`SELECT messages::float8 AS messages, end_at, seed_seconds, migrations FROM bench_seed`.execute(store.db);
    return r.rows[0] ?? null;
  } catch {
    return null; // no marker table: never finished seeding
  }
}
