import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null }; // null = in memory (tests)

/**
 * The store: a Kysely instance plus the two things Kysely does not do for us —
 * running a multi-statement SQL script (migrations) and closing the driver.
 */
export type Store = {
  db: Kysely<Database>;
  kind: DatabaseTarget['kind'];
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
};

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Opens Postgres through a `pg` pool, or embedded PGlite when no URL is configured. */
export function openStore(
  target: DatabaseTarget,
  onPoolError: (err: Error) => void = () => {},
): Store {
  return target.kind === 'postgres' ? openPostgres(target, onPoolError) : openPglite(target);
}

function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  onPoolError: (err: Error) => void,
): Store {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    // bigint ids and counts fit in a double; pg would otherwise hand back strings (PGlite doesn't).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would
  // crash the process. The next query gets a fresh connection (or a 503 while it's down).
  pool.on('error', onPoolError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    execScript: async (script) => {
      await pool.query(script); // simple-query protocol: many statements in one call
    },
    close: () => db.destroy(),
  };
}

function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Store {
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir ?? undefined, {
    parsers: { [INT8_OID]: Number, [NUMERIC_OID]: Number },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    execScript: async (script) => {
      await pglite.exec(script);
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
