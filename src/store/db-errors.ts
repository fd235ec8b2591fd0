/**
 * What a database failure means for the request that met it, from its SQLSTATE (Postgres and
 * PGlite both set `code`) or, for failures below SQL, the driver's socket error:
 *
 * - `unavailable`: the database is unreachable, restarting, overloaded or too slow right now.
 *   A retry later will help, so webhooks answer 503.
 * - `conflict`: a serialization failure or deadlock between concurrent writers. Retrying the
 *   same transaction at once will help, so it is retried inside the request.
 * - `data`: this input cannot be stored as it is (bad text, out of range, too large, too many
 *   parameters). A retry will never help: the item is named as a problem and skipped.
 * - `bug`: anything else (a query of ours is wrong). Retrying won't help either; treated as
 *   `data` by ingest so the raw body is still kept, but logged at error level.
 */
export type DbErrorKind = 'unavailable' | 'conflict' | 'data' | 'bug';

// Errors raised by the driver itself rather than by the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:error|is closed|ended)/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /server closed the connection/i,
  /query read timeout/i,
];

export function classifyDbError(err: unknown): DbErrorKind {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return 'bug';
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code)) return 'unavailable';
  if (/^[0-9A-Z]{5}$/.test(code)) return bySqlState(code);
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return 'unavailable';
  if (e.cause) return classifyDbError(e.cause);
  return 'bug';
}

function bySqlState(code: string): DbErrorKind {
  switch (code) {
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '23505': // unique_violation: two writers raced past an existence check
      return 'conflict';
    case '08P01': // protocol_violation: e.g. more than 65,535 bind parameters
      return 'data';
    case '57014': // query_canceled: statement_timeout
    case '55P03': // lock_not_available: lock_timeout
      return 'unavailable';
  }
  switch (code.slice(0, 2)) {
    case '08': // connection exception
    case '53': // insufficient resources (too many connections, disk full, out of memory)
    case '57': // operator intervention (admin shutdown, crash shutdown, cannot connect now)
    case '58': // system error (I/O)
    case 'XX': // internal error (e.g. a corrupted page): nothing the input did
      return code === 'XX000' ? 'bug' : 'unavailable';
    case '22': // data exception: invalid text, out of range, bad datetime, NUL in text …
    case '23': // integrity constraint violation: a value the schema refuses
    case '54': // program limit exceeded: index row too large, statement too complex
      return 'data';
    default:
      return 'bug';
  }
}

/** True when a retry later (not now) will help: the caller answers 503. */
export const isUnavailable = (err: unknown): boolean => classifyDbError(err) === 'unavailable';

export type RetryOptions = { attempts?: number; baseDelayMs?: number };

/**
 * Runs `work` (a whole transaction), retrying it when it lost a serialization or deadlock race
 * with another writer. Every attempt must be a complete, self-contained transaction.
 */
export async function retryConflicts<T>(work: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const base = opts.baseDelayMs ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || classifyDbError(err) !== 'conflict') throw err;
      // jittered backoff so two losers don't collide again in lock-step
      await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1) * (0.5 + Math.random())));
    }
  }
}
