import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR, openStore, type Store } from '../../src/store/index.js';
import { seedChannel } from './seed.js';

/**
 * The databases every integration suite runs on: PGlite always, real Postgres too when
 * TEST_DATABASE_URL is set (CI sets it). Each call gives a fresh, migrated, isolated database.
 */
export type TestDatabase = {
  name: 'pglite' | 'postgres';
  open(): Promise<TestStore>;
  /** migrated only up to the migrations named before `first` ('0016'): the schema an older release left, for backfill tests */
  openBefore(first: string): Promise<TestStore>;
};
export type TestStore = Store & { url?: string; drop(): Promise<void> };

export const testDatabases: TestDatabase[] = [
  { name: 'pglite', open: () => openPglite(), openBefore: (first) => openPglite(first) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, open: () => openPostgres(), openBefore: (first: string) => openPostgres(first) }] : []),
];

/** Applies every migration, or those named before `first` only. */
async function migrateBefore(store: Store, first?: string): Promise<void> {
  if (first === undefined) {
    await migrate(store);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'wapulse-migrations-'));
  try {
    for (const name of await listMigrations()) if (name < first) await cp(new URL(name, MIGRATIONS_DIR), join(dir, name));
    await migrate(store, pathToFileURL(`${dir}/`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openPglite(first?: string): Promise<TestStore> {
  const store = openStore({ kind: 'pglite', dataDir: null });
  await migrateBefore(store, first);
  return { ...store, drop: () => store.close() };
}

async function openPostgres(first?: string): Promise<TestStore> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `wapulse_t_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = openStore({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  await migrateBefore(store, first);
  return {
    ...store,
    url: url.toString(),
    drop: async () => {
      await store.close();
      await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for every test of the enclosing describe, with these business numbers
 * already known; read it as `ctx.store` inside tests.
 */
export function useFreshStore(database: TestDatabase, channels: readonly string[] = []) {
  const ctx = {} as { store: TestStore };
  beforeEach(async () => {
    ctx.store = await database.open();
    for (const id of channels) await seedChannel(ctx.store.db, id);
  });
  afterEach(() => ctx.store.drop());
  return ctx;
}
