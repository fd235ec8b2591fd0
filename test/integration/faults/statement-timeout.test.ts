import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { classifyDbError, migrate, openStore } from '../../../src/store/index.js';

const adminUrl = process.env.TEST_DATABASE_URL;

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(statement);
  await c.end();
}

describe.runIf(adminUrl)('statement timeout on postgres', () => {
  it('bounds every statement, and migrations (longer bound) hand the connection back with the short one', async () => {
    const name = `wapulse_t_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    // One connection, so the one migrations used is the one the next query gets.
    const store = openStore({ kind: 'postgres', url: url.toString(), poolSize: 1, statementTimeoutMs: 1234 });
    try {
      await migrate(store);
      const { rows } = await sql<{ statement_timeout: string }>`SHOW statement_timeout`.execute(store.db);
      expect(rows[0]!.statement_timeout).toBe('1234ms');
      const started = Date.now();
      const err = await sql`SELECT pg_sleep(5)`.execute(store.db).then(() => null, (e: unknown) => e);
      expect((err as { code?: string }).code).toBe('57014'); // query_canceled, by statement_timeout
      expect(classifyDbError(err)).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(3_000); // 1.234 s, not 5
    } finally {
      await store.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  // Postgres compiled a 90 ms report query for 590 ms once its estimate crossed jit_above_cost.
  it('turns JIT off for its connections, unless the URL sets options of its own', async () => {
    const jit = async (url: string) => {
      const store = openStore({ kind: 'postgres', url, poolSize: 1 });
      try {
        return (await sql<{ jit: string }>`SHOW jit`.execute(store.db)).rows[0]!.jit;
      } finally {
        await store.close();
      }
    };
    expect(await jit(adminUrl!)).toBe('off');
    const own = new URL(adminUrl!);
    own.searchParams.set('options', '-c jit=on');
    expect(await jit(own.toString())).toBe('on');
  });
});
