import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { prepareChatwootBody, prepareInboxBody, verifySignature, type EventsIngestResult, type GroupCommit, type PreparedEvents } from '../collector/index.js';
import type { AppContext } from './context.js';
import { classifyDbError } from '../store/index.js';
import { bodyFailure, overloaded, signatureRefused, sourceDisabled, storeFailure } from './errors.js';
import type { IngestQueues } from './ingest-queues.js';
import { logFallback } from './log-fallback.js';
import { readRawBody } from './raw-body.js';
import { spoolOrRefuse } from './spool-or-refuse.js';

/** `POST /webhooks/inbox`: signed batches of team-inbox events, stored by a group commit (`queues`). */
export function inboxRoutes(app: AppContext, queues: IngestQueues): Hono {
  const routes = new Hono();
  routes.post('/', async (c) => {
    const secret = app.config.inbox.secret;
    if (!secret) return sourceDisabled(c, 'inbox', 'INBOX_WEBHOOK_SECRET');
    const body = await readRawBody(c, app.config.bodyTimeoutMs);
    if (!body.ok) return bodyFailure(c, app, 'inbox', body);
    const check = verifySignature(body.bytes, c.req.header('x-wapulse-signature'), secret);
    if (check.kind !== 'valid') return signatureRefused(c, app, 'inbox', check.kind);
    return ingest(c, app, 'inbox', body.bytes, queues.inbox, (receivedAt) => prepareInboxBody({ raw: body.bytes, receivedAt }));
  });
  return routes;
}

/**
 * `POST /webhooks/chatwoot/:key`: Chatwoot signs nothing, so the URL carries a secret key.
 * A wrong key answers 404 — the endpoint does not exist for whoever lacks the key.
 */
export function chatwootRoutes(app: AppContext, queues: IngestQueues): Hono {
  const routes = new Hono();
  routes.post('/:key', async (c) => {
    const key = app.config.chatwoot.key;
    if (!key || !sameSecret(c.req.param('key'), key)) {
      app.log.warn({ source: 'chatwoot' }, 'chatwoot webhook with a wrong or unconfigured key');
      app.metrics.webhooksRejected.inc({ source: 'chatwoot', reason: 'wrong_key' });
      return c.json({ error: 'not found' }, 404);
    }
    const body = await readRawBody(c, app.config.bodyTimeoutMs);
    if (!body.ok) return bodyFailure(c, app, 'chatwoot', body);
    return ingest(c, app, 'chatwoot', body.bytes, queues.chatwoot, (receivedAt) =>
      prepareChatwootBody({ raw: body.bytes, receivedAt }, app.config.chatwoot.channels),
    );
  });
  return routes;
}

async function ingest(
  c: Context,
  app: AppContext,
  source: 'inbox' | 'chatwoot',
  bytes: Buffer,
  queue: GroupCommit<PreparedEvents, EventsIngestResult>,
  prepare: (receivedAt: Date) => PreparedEvents,
) {
  app.metrics.webhooksReceived.inc({ source });
  const receivedAt = app.now();
  if (!app.state.migrated) return spoolOrRefuse(c, app, source, bytes, receivedAt);
  const timer = app.metrics.ingestSeconds.startTimer({ source });
  let result: EventsIngestResult;
  try {
    const submitted = await queue.submit(prepare(receivedAt));
    // The database is not keeping up: a sender that never retries keeps its body on disk.
    if (submitted.kind === 'overloaded') {
      return app.spool && app.config.spool.sources.has(source) ? spoolOrRefuse(c, app, source, bytes, receivedAt) : overloaded(c, app, source);
    }
    result = submitted.result;
  } catch (err) {
    if (classifyDbError(err) === 'unavailable') return spoolOrRefuse(c, app, source, bytes, receivedAt, err);
    return storeFailure(c, app, source, err);
  } finally {
    timer();
  }
  if (result.kind === 'refused') {
    app.metrics.webhooksRejected.inc({ source, reason: 'invalid_body' });
    app.log.warn({ source, error: result.error }, 'webhook body refused; stored raw as rejected');
    return c.json({ error: result.error }, 400);
  }
  if (result.fallback) logFallback(app, source, null, result.fallback);
  if (result.duplicate) app.metrics.webhooksDuplicate.inc({ source });
  if (result.rejected.length) {
    app.metrics.webhooksRejected.inc({ source, reason: 'invalid_event' }, result.rejected.length);
    app.log.warn({ source, rejected: result.rejected.slice(0, 20) }, 'invalid events refused; valid ones stored');
  }
  const payload = {
    accepted: result.accepted,
    rejected: result.rejected,
    ...(result.ignored ? { ignored: result.ignored } : {}),
    ...(result.problems.length ? { problems: result.problems } : {}),
  };
  return c.json(payload, result.rejected.length ? 400 : 200);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
