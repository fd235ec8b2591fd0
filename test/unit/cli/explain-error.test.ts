import { describe, expect, it } from 'vitest';
import { databaseFault } from '../../../src/cli/database-fault.js';
import { explainError } from '../../../src/cli/explain-error.js';
import { OutsideFault } from '../../../src/cli/outside-fault.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { ConfigError } from '../../../src/config.js';

/** A Node system error as `net`/`fs` raise it (they set these fields). */
const systemError = (fields: Record<string, unknown>) => Object.assign(new Error('system'), fields);

describe('explainError', () => {
  it('gives usage mistakes exit 2 and a pointer to the command\'s help', () => {
    expect(explainError(new UsageError('--format needs a value'), 'report')).toEqual({
      lines: ['wapulse report: --format needs a value', 'run "wapulse report --help"'],
      exitCode: 2,
    });
  });
  it('turns a listen that fails after start (an unawaited error event) into the port line', () => {
    const inUse = systemError({ code: 'EADDRINUSE', syscall: 'listen', port: 3000, address: '::' });
    expect(explainError(inUse, 'serve')).toEqual({ lines: ['wapulse serve: port 3000 is in use: set PORT to a free port, or stop what holds 3000'], exitCode: 1 });
  });
  it('keeps outside faults and config errors to their message, exit 1', () => {
    expect(explainError(new OutsideFault('no data yet in ./.data'), 'report')).toEqual({ lines: ['wapulse report: no data yet in ./.data'], exitCode: 1 });
    expect(explainError(new ConfigError(['PORT must be a whole number from 0 to 65535']))).toEqual({ lines: ['Invalid configuration (environment or .env):\n  - PORT must be a whole number from 0 to 65535'], exitCode: 1 });
  });
  it('names file system faults by path', () => {
    const e = systemError({ code: 'EACCES', syscall: 'open', path: '/root/x.csv' });
    expect(explainError(e)?.lines).toEqual(['wapulse: /root/x.csv: permission denied']);
  });
  it('leaves bugs alone, so they keep their stack', () => {
    expect(explainError(new TypeError('x is undefined'), 'report')).toBeNull();
  });
});

describe('databaseFault', () => {
  const target = { kind: 'postgres' as const, url: 'postgres://shop:pa55word@db.internal:6432/metrics' };
  const line = (err: unknown) => databaseFault(err, target)?.message;

  it('explains logins, missing databases and unreachable hosts without the password', () => {
    expect(line(systemError({ code: '28P01' }))).toBe('database at db.internal:6432/metrics refused the login: check the user and password in DATABASE_URL');
    expect(line(systemError({ code: '3D000' }))).toBe('database at db.internal:6432/metrics does not exist: create it (createdb) or check DATABASE_URL');
    expect(line(systemError({ code: 'ENOTFOUND' }))).toBe('database at db.internal:6432/metrics: host not found; check DATABASE_URL');
    for (const code of ['28P01', '3D000', 'ENOTFOUND', 'ECONNREFUSED']) expect(line(systemError({ code }))).not.toContain('pa55word');
  });
  it('finds the code inside a wrapper (migrate) and in an AggregateError (a name with two addresses)', () => {
    const refused = new AggregateError([systemError({ code: 'ECONNREFUSED' }), systemError({ code: 'ECONNREFUSED' })], 'connect');
    const wrapped = new Error('migration 0001_collector.sql failed', { cause: refused });
    expect(line(wrapped)).toBe('database at db.internal:6432/metrics refused the connection: is Postgres running there? check DATABASE_URL');
  });
  it('is null for a query of ours that is wrong', () => {
    expect(line(systemError({ code: '42703', message: 'column "nope" does not exist' }))).toBeUndefined();
  });
});
