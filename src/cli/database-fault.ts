import type { DatabaseTarget } from '../store/index.js';
import { OutsideFault } from './outside-fault.js';

/**
 * Where the database is, for messages: `host:port/db` from DATABASE_URL (never the user's
 * password), or the embedded database's folder.
 */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `the embedded database in ${target.dataDir ?? 'memory'}`;
  const what = target.variable === 'REPORTS_DATABASE_URL' ? 'reports database (read replica)' : 'database';
  try {
    const u = new URL(target.url);
    return `${what} at ${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return `${what} at ${variableOf(target)}`;
  }
}

/**
 * An error met while connecting to or querying the store, worded as one line with what to
 * fix, or null when it is not a connection, login or availability fault (a bug keeps its stack).
 * Reads SQLSTATE and socket codes along the `cause` chain (migrate wraps what it meets).
 */
export function databaseFault(err: unknown, target: DatabaseTarget): OutsideFault | null {
  const where = describeTarget(target);
  const fix = target.kind === 'postgres' ? `check ${variableOf(target)}` : 'check DATA_DIR';
  const line = (text: string) => new OutsideFault(text, { cause: err });
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] } | undefined; e && typeof e === 'object'; e = e.cause as typeof e) {
    // Node reports a refused connection to a name with several addresses as an AggregateError.
    const first = Array.isArray(e.errors) ? (e.errors[0] as { code?: unknown } | undefined) : undefined;
    const code = typeof e.code === 'string' ? e.code : typeof first?.code === 'string' ? first.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    switch (code) {
      case 'ECONNREFUSED':
        return line(`${where} refused the connection: is Postgres running there? ${fix}`);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return line(`${where}: host not found; ${fix}`);
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return line(`${where} cannot be reached (${code}); ${fix} and the network`);
      case '28P01':
      case '28000':
        return line(`${where} refused the login: check the user and password in ${variableOf(target)}`);
      case '3D000':
        return line(`${where} does not exist: create it (createdb) or ${fix}`);
      case '57P03':
        return line(`${where} is starting up or shutting down: try again in a moment`);
      case '53300':
        return line(`${where} has too many connections: try again later, or raise max_connections`);
    }
    if (/timeout exceeded when trying to connect/i.test(message)) {
      return line(`${where} did not answer within DB_CONNECT_TIMEOUT_MS: is it reachable? ${fix}`);
    }
    if (/connection terminated|server closed the connection/i.test(message)) {
      return line(`${where} closed the connection: is it restarting? try again, or ${fix}`);
    }
  }
  return null;
}

function variableOf(target: DatabaseTarget): string {
  return target.kind === 'postgres' ? (target.variable ?? 'DATABASE_URL') : 'DATA_DIR';
}

/** Runs `work` against the store, turning connection and login failures into one-line faults. */
export async function withDatabaseFaults<T>(target: DatabaseTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw databaseFault(err, target) ?? err;
  }
}
