import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join('\n');
    throw err;
  }
  return '';
};

describe('REPORTS_DATABASE_URL', () => {
  it('is off unless set: reports read DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@primary/db' }).reportsDatabase).toBeUndefined();
  });

  it('opens a second Postgres target with the same statement and connect bounds', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@primary/db', REPORTS_DATABASE_URL: 'postgresql://u@replica/db', DB_STATEMENT_TIMEOUT_MS: '30000' });
    expect(c.reportsDatabase).toEqual({
      kind: 'postgres',
      url: 'postgresql://u@replica/db',
      statementTimeoutMs: 30_000,
      connectTimeoutMs: 5_000,
      variable: 'REPORTS_DATABASE_URL',
    });
    // writes, migrations and jobs keep the primary
    expect(c.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@primary/db' });
  });

  it('must be a postgres:// URL', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://u@primary/db', REPORTS_DATABASE_URL: 'mysql://replica' })).toMatch(/REPORTS_DATABASE_URL must be a postgres:\/\/ URL/);
  });

  it('needs DATABASE_URL: the embedded database has no replica', () => {
    expect(problemsOf({ REPORTS_DATABASE_URL: 'postgres://u@replica/db' })).toMatch(/REPORTS_DATABASE_URL needs DATABASE_URL/);
  });
});
