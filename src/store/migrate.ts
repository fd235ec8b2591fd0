import { readdir, readFile } from 'node:fs/promises';
import type { Store } from './database.js';

/** migrations/ at the package root; this file sits two levels below it in src/ and dist/. */
export const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

// Any constant works; it only has to be the same for every replica of wapulse.
const MIGRATION_LOCK_KEY = 0x77617075; // "wapu"

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** Lists the plain-SQL migration files in the order they apply (by file name). */
export async function listMigrations(dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
}

/**
 * Applies pending migrations in order and records them. Each file runs as one multi-statement
 * script, which Postgres (and PGlite) execute as a single implicit transaction: a failing file
 * leaves nothing behind. An advisory lock plus the primary key on schema_migrations make
 * concurrent starts of several replicas apply each file exactly once.
 */
export async function migrate(store: Store, dir: URL = MIGRATIONS_DIR): Promise<MigrationResult> {
  await store.execScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const files = await listMigrations(dir);
  const applied: string[] = [];
  for (const name of files) {
    if (await appliedNames(store).then((s) => s.has(name))) continue;
    const script = await readFile(new URL(name, dir), 'utf8');
    try {
      await store.execScript(
        `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});\n` +
          `INSERT INTO schema_migrations (name) VALUES ('${name.replaceAll("'", "''")}');\n` +
          script,
      );
      applied.push(name);
    } catch (err) {
      // Another replica may have applied it while we waited for the lock.
      if (!(await appliedNames(store)).has(name)) {
        throw new Error(`migration ${name} failed`, { cause: err });
      }
    }
  }
  return { applied, alreadyApplied: files.length - applied.length };
}

async function appliedNames(store: Store): Promise<Set<string>> {
  const rows = await store.db.selectFrom('schema_migrations').select('name').execute();
  return new Set(rows.map((r) => r.name));
}

/** True when every migration file has been applied (what /readyz reports). */
export async function isMigrated(store: Store, dir: URL = MIGRATIONS_DIR): Promise<boolean> {
  const files = await listMigrations(dir);
  const seen = await appliedNames(store);
  return files.every((f) => seen.has(f));
}
