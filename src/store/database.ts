import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PgliteDialect } from './pglite-dialect.js';
import pg from 'pg';
import { guardedClientClass } from './pg-client.js';
import type { Database } from './schema.js';

export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Server-side `statement_timeout` per statement (ms); default 10 s. */
      statementTimeoutMs?: number;
      /** Bound on opening a connection or waiting for a free one in the pool (ms); default 5 s. */
      connectTimeoutMs?: number;
      /** The variable that named it, for messages; default DATABASE_URL. */
      variable?: 'DATABASE_URL' | 'REPORTS_DATABASE_URL';
    }
  | { kind: 'pglite'; dataDir: string | null }; // null = in memory (tests)

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Migrations may rewrite big tables: they get their own, much longer bound. */
export const MIGRATION_TIMEOUT_MS = 15 * 60_000;
// The client-side read timeout trails the server's statement_timeout, so a live server cancels
// first (a clean 57014) and the client gives up only when the server cannot answer at all.
const READ_TIMEOUT_GRACE_MS = 2_000;

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
  const statementTimeout = target.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // Covers both a connect that never completes (blackholed host) and a pool that stays full.
    connectionTimeoutMillis: target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: statementTimeout,
    // JIT compilation pays off on queries of many seconds; ours answer in milliseconds to a few
    // hundred, and a report query whose estimated cost crossed jit_above_cost spent 586 ms in
    // LLVM before running for 88 ms (the messages counts over 90 days of the 1M bench seed).
    // A URL that sets `options` itself keeps its own (pg lets the URL win).
    options: '-c jit=off',
    query_timeout: statementTimeout + READ_TIMEOUT_GRACE_MS,
    // A dead peer on an idle socket is noticed by TCP keepalive, not only by the next query.
    keepAlive: true,
    Client: guardedClientClass(onPoolError),
    // bigint ids and counts fit in a double; pg would otherwise hand back strings (PGlite doesn't).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away emits 'error' on the pool too; unhandled, it would
  // crash the process. The client's own listener (guardedClientClass) has already reported it,
  // idle or checked out, so here it is only swallowed. The next query gets a fresh connection
  // (or a 503 while the database is down).
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    execScript: async (script) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Migrations may take longer than a webhook's statement bound.
        await client.query(`SET statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
        // simple-query protocol: many statements in one call
        await client.query({ text: script, query_timeout: MIGRATION_TIMEOUT_MS + READ_TIMEOUT_GRACE_MS } as pg.QueryConfig);
      } finally {
        // Back to the webhook bound before the connection returns to the pool; one that cannot
        // even do that is discarded (release with an error).
        await client.query(`SET statement_timeout = ${statementTimeout}`).catch((err: Error) => (broken = err));
        client.release(broken);
      }
    },
    close: () => db.destroy(),
  };
}

function openPglite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Store {
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir ?? undefined, {
    parsers: { [INT8_OID]: Number, [NUMERIC_OID]: Number },
  });
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
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
