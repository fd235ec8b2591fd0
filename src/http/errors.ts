import type { Context } from 'hono';
import { throttle } from '../observability/throttle.js';
import { classifyDbError } from '../store/index.js';
import type { AppContext } from './context.js';
import type { RawBody } from './raw-body.js';

/**
 * The one place where failures become HTTP statuses. A 503 promises that a retry will help:
 * it is only for a database that is unreachable, too slow, not migrated yet, or a full spool.
 * Anything else that escapes the collector is a bug of ours: logged at error, answered 500.
 */

/** Seconds a sender should wait before retrying a 503. */
const RETRY_AFTER_S = '5';
const QUIET_MS = 60_000;
// Per app, so a test's (or a second app's) lines are never swallowed by another's quiet period.
const throttles = new WeakMap<AppContext, Record<'unavailable' | 'spoolFull' | 'uploads', ReturnType<typeof throttle>>>();
const quiet = (app: AppContext) => {
  let t = throttles.get(app);
  if (!t) throttles.set(app, (t = { unavailable: throttle(5_000), spoolFull: throttle(QUIET_MS), uploads: throttle(QUIET_MS) }));
  return t;
};

export function storeFailure(c: Context, app: AppContext, source: string, err: unknown) {
  if (classifyDbError(err) === 'unavailable') return databaseUnavailable(c, app, source, err);
  app.log.error({ err, source }, 'could not store webhook (not a database outage); answering 500');
  app.metrics.webhooksRejected.inc({ source, reason: 'store_error' });
  return c.json({ error: 'internal error' }, 500);
}

/** Connection lost, timeout, overload or not migrated yet (`err` absent). No stack: it is not a bug. */
export function databaseUnavailable(c: Context, app: AppContext, source: string, err?: unknown) {
  app.metrics.webhooksRejected.inc({ source, reason: 'store_unavailable' });
  quiet(app).unavailable((n) =>
    app.log.warn(
      { source, reason: err ? (err as Error).message : 'migrations not applied yet', refused: n },
      'database unavailable; answering 503 so the sender retries',
    ),
  );
  return c.json({ error: 'storage unavailable, retry later' }, 503, { 'retry-after': RETRY_AFTER_S });
}

/** More bodies wait for a group commit than INGEST_QUEUE_MAX: the database is not keeping up. */
export function overloaded(c: Context, app: AppContext, source: string) {
  app.metrics.webhooksRejected.inc({ source, reason: 'overloaded' });
  quiet(app).unavailable((n) =>
    app.log.warn({ source, queueMax: app.config.ingest.queueMax, refused: n }, 'too many webhook bodies waiting for a commit; answering 503 so the sender retries'),
  );
  return c.json({ error: 'overloaded, retry later' }, 503, { 'retry-after': RETRY_AFTER_S });
}

/** Kept on disk, to be stored when the database is back: accepted, not yet stored. */
export function spooled(c: Context, app: AppContext, source: string) {
  app.metrics.spooled.inc({ source });
  return c.json({ status: 'spooled' }, 202);
}

export function spoolFull(c: Context, app: AppContext, source: string) {
  app.metrics.webhooksRejected.inc({ source, reason: 'spool_full' });
  quiet(app).spoolFull((n) =>
    app.log.error({ source, refused: n, maxBytes: app.config.spool.maxBytes }, 'database unavailable and spool full; answering 503'),
  );
  return c.json({ error: 'storage unavailable and spool full, retry later' }, 503, { 'retry-after': RETRY_AFTER_S });
}

export function bodyFailure(c: Context, app: AppContext, source: string, body: Exclude<RawBody, { ok: true }>) {
  switch (body.kind) {
    case 'too_large':
      return c.json({ error: `body larger than ${body.limit} bytes` }, 413);
    case 'timeout':
    case 'aborted':
      // A slow network or a client giving up is not our error: counted, and summarised at
      // most once a minute, so a crowd of slow senders cannot flood the log.
      app.metrics.uploadsIncomplete.inc({ source, reason: body.kind });
      quiet(app).uploads((n) => app.log.warn({ source, last: body.kind }, `${n} slow or aborted uploads in the last minute`));
      return body.kind === 'timeout'
        ? c.json({ error: `body not received within ${body.timeoutMs} ms` }, 408, { connection: 'close' })
        : c.json({ error: 'upload aborted' }, 400); // nobody reads it; the connection is gone
    default: {
      const never: never = body;
      throw new Error(`unhandled body failure ${JSON.stringify(never)}`);
    }
  }
}

export function signatureRefused(c: Context, app: AppContext, source: string, kind: string) {
  app.log.warn({ source, signature: kind, ip: c.req.header('x-forwarded-for') }, 'webhook signature refused');
  app.metrics.webhooksRejected.inc({ source, reason: `signature_${kind}` });
  return c.json({ error: `signature ${kind}` }, 401);
}

export function sourceDisabled(c: Context, source: string, variable: string) {
  return c.json({ error: `${source} webhooks are not configured (set ${variable})` }, 503);
}

/** A path fit for a log line: the Chatwoot route's last segment is a secret. */
export function loggablePath(path: string): string {
  return path.replace(/^(\/webhooks\/chatwoot\/)[^/]+/, '$1[redacted]');
}
