import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDbError, type DbErrorKind } from '../../../src/store/index.js';

/** Runs `work`, which must fail, and returns what it threw: real driver errors, not hand-made ones. */
async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('classifyDbError on PGlite errors', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, n smallint)');
    await db.exec('INSERT INTO t VALUES (1, 1)');
  });
  afterAll(() => db.close());

  // Each expectation follows the SQLSTATE class: 22 data exception, 23505 a lost race
  // (conflict), 42 a query of ours (bug).
  it.each<[string, string, DbErrorKind]>([
    ['invalid text for an int (22P02)', "SELECT 'x'::int", 'data'],
    ['smallint out of range (22003)', 'INSERT INTO t VALUES (2, 99999)', 'data'],
    ['duplicate key (23505)', 'INSERT INTO t VALUES (1, 1)', 'conflict'],
    ['syntax error (42601)', 'SELEC 1', 'bug'],
    ['unknown column (42703)', 'SELECT nope FROM t', 'bug'],
  ])('%s → %s', async (_name, statement, kind) => {
    expect(classifyDbError(await caught(() => db.query(statement)))).toBe(kind);
  });
});

describe('classifyDbError on socket errors below SQL', () => {
  it('calls a refused connection unavailable (ECONNREFUSED)', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await caught(() => new pg.Client({ host: '127.0.0.1', port, user: 'x' }).connect());
    expect((err as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classifyDbError(err)).toBe('unavailable');
  });

  it('calls anything unrecognised a bug, including non-errors', () => {
    expect(classifyDbError(new Error('something odd'))).toBe('bug');
    expect(classifyDbError(undefined)).toBe('bug');
    expect(classifyDbError('text')).toBe('bug');
  });

  it('looks through a cause chain', () => {
    expect(classifyDbError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe('unavailable');
  });
});

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('classifyDbError on node-postgres errors', () => {
  const open = async (extra: pg.ClientConfig = {}) => {
    const client = new pg.Client({ connectionString: url, ...extra });
    client.on('error', () => {}); // a terminated backend also emits 'error'
    await client.connect();
    return client;
  };

  it('calls pg_terminate_backend on our connection unavailable (57P01, admin shutdown)', async () => {
    const victim = await open();
    const killer = await open();
    const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pending = caught(() => victim.query('SELECT pg_sleep(5)'));
    await new Promise((r) => setTimeout(r, 100));
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    const err = await pending;
    expect((err as { code?: string }).code).toBe('57P01');
    expect(classifyDbError(err)).toBe('unavailable');
    // The next query on the dead client fails below SQL, without a code.
    const next = await caught(() => victim.query('SELECT 1'));
    expect((next as Error).message).toMatch(/not queryable|terminated/i);
    expect(classifyDbError(next)).toBe('unavailable');
    await killer.end();
  });

  it('calls statement_timeout unavailable (57014) and a client read timeout unavailable', async () => {
    const slow = await open({ statement_timeout: 100 });
    const err = await caught(() => slow.query('SELECT pg_sleep(1)'));
    expect((err as { code?: string }).code).toBe('57014');
    expect(classifyDbError(err)).toBe('unavailable');
    await slow.end();

    const reader = await open({ query_timeout: 100 });
    const readErr = await caught(() => reader.query('SELECT pg_sleep(1)'));
    expect((readErr as Error).message).toBe('Query read timeout');
    expect(classifyDbError(readErr)).toBe('unavailable');
    await reader.end();
  });

  it('calls a pool acquire timeout unavailable', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    const err = await caught(() => pool.connect());
    expect((err as Error).message).toMatch(/timeout exceeded when trying to connect/);
    expect(classifyDbError(err)).toBe('unavailable');
    held.release();
    await pool.end();
  });

  it('calls a query on an ended pool unavailable', async () => {
    const pool = new pg.Pool({ connectionString: url });
    await pool.end();
    expect(classifyDbError(await caught(() => pool.query('SELECT 1')))).toBe('unavailable');
  });

  it('calls a missing database and bad SQL bugs: waiting will not fix them', async () => {
    const u = new URL(url!);
    u.pathname = '/wapulse_no_such_database';
    const missing = await caught(() => new pg.Client({ connectionString: u.toString() }).connect());
    expect((missing as { code?: string }).code).toBe('3D000');
    expect(classifyDbError(missing)).toBe('bug');
    const client = await open();
    expect(classifyDbError(await caught(() => client.query('SELEC 1')))).toBe('bug');
    expect(classifyDbError(await caught(() => client.query("SELECT 'x'::int")))).toBe('data');
    await client.end();
  });
});
