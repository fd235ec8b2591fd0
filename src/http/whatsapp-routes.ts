import { Hono } from 'hono';
import { prepareWhatsAppBody, verifySignature, type IngestResult } from '../collector/index.js';
import type { AppContext } from './context.js';
import { bodyFailure, databaseUnavailable, overloaded, signatureRefused, sourceDisabled, storeFailure } from './errors.js';
import type { IngestQueues } from './ingest-queues.js';
import { logFallback } from './log-fallback.js';
import { readRawBody } from './raw-body.js';

/**
 * `GET|POST /webhooks/whatsapp`: Meta's verification handshake and event delivery. A body is
 * normalised here, then stored with the others arriving meanwhile in one transaction (`queues`).
 */
export function whatsappRoutes(app: AppContext, queues: IngestQueues): Hono {
  const routes = new Hono();
  const { appSecret, verifyToken, attributionPattern } = app.config.whatsapp;

  routes.get('/', (c) => {
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token');
    const challenge = c.req.query('hub.challenge') ?? '';
    if (verifyToken && mode === 'subscribe' && token === verifyToken) return c.text(challenge, 200);
    app.log.warn({ mode }, 'whatsapp verification handshake refused');
    return c.text('forbidden', 403);
  });

  routes.post('/', async (c) => {
    if (!appSecret) return sourceDisabled(c, 'whatsapp', 'WHATSAPP_APP_SECRET');
    const body = await readRawBody(c, app.config.bodyTimeoutMs);
    if (!body.ok) return bodyFailure(c, app, 'whatsapp', body);
    const check = verifySignature(body.bytes, c.req.header('x-hub-signature-256'), appSecret);
    if (check.kind !== 'valid') return signatureRefused(c, app, 'whatsapp', check.kind);
    app.metrics.webhooksReceived.inc({ source: 'whatsapp' });
    // Not spooled: Meta retries a 503 for up to 7 days, and keeps the order of its own retries.
    if (!app.state.migrated) return databaseUnavailable(c, app, 'whatsapp');
    const timer = app.metrics.ingestSeconds.startTimer({ source: 'whatsapp' });
    let result: IngestResult;
    try {
      const submitted = await queues.whatsapp.submit(prepareWhatsAppBody({ raw: body.bytes, receivedAt: app.now() }, attributionPattern));
      if (submitted.kind === 'overloaded') return overloaded(c, app, 'whatsapp');
      result = submitted.result;
    } catch (err) {
      return storeFailure(c, app, 'whatsapp', err);
    } finally {
      timer();
    }
    if (result.kind !== 'duplicate' && result.fallback) logFallback(app, 'whatsapp', result.rawEventId, result.fallback);
    switch (result.kind) {
      case 'duplicate':
        app.metrics.webhooksDuplicate.inc({ source: 'whatsapp' });
        return c.json({ status: 'duplicate' });
      case 'rejected':
        app.metrics.webhooksRejected.inc({ source: 'whatsapp', reason: result.reason });
        app.log.warn({ rawEventId: result.rawEventId, reason: result.reason, problems: result.problems.slice(0, 5) },
          'signed body is not a WhatsApp payload; stored as rejected');
        // Not JSON at all: the sender is broken, say so. JSON but not WhatsApp: 200, as retrying won't help.
        return result.reason === 'not_json'
          ? c.json({ error: 'body is not JSON' }, 400)
          : c.json({ status: 'rejected', problems: result.problems });
      case 'stored':
        if (result.problems.length) {
          app.log.warn({ rawEventId: result.rawEventId, problems: result.problems.slice(0, 20) }, 'webhook partly malformed; valid items kept');
        }
        if (result.unmodelledFields.length) {
          app.log.debug({ rawEventId: result.rawEventId, fields: result.unmodelledFields }, 'unmodelled webhook fields kept raw');
        }
        return c.json({ status: result.outcome, problems: result.problems });
      default: {
        const never: never = result;
        throw new Error(`unhandled ingest result ${JSON.stringify(never)}`);
      }
    }
  });
  return routes;
}
