import { Hono } from 'hono';
import type { AppContext } from './context.js';
import { loggablePath } from './errors.js';
import { chartRoutes } from './chart-routes.js';
import { healthRoutes } from './health-routes.js';
import { chatwootRoutes, inboxRoutes } from './inbox-routes.js';
import { whatsappRoutes } from './whatsapp-routes.js';
import { createIngestQueues, type IngestQueues } from './ingest-queues.js';

/**
 * All HTTP routes of wapulse. Unhandled errors are logged and answered 500 — never a crash.
 * `queues`: the webhook group commits; whoever stops the server drains them before the pool closes.
 */
export function createHttpApp(app: AppContext, queues: IngestQueues = createIngestQueues(app)): Hono {
  const http = new Hono();
  http.route('/', healthRoutes(app));
  http.route('/webhooks/whatsapp', whatsappRoutes(app, queues));
  http.route('/webhooks/inbox', inboxRoutes(app, queues));
  http.route('/webhooks/chatwoot', chatwootRoutes(app, queues));
  // Signed chart links exist only with Slack (their key derives from the signing secret).
  if (app.config.slack) http.route('/charts', chartRoutes(app, app.config.slack));
  http.notFound((c) => c.json({ error: 'not found' }, 404));
  http.onError((err, c) => {
    app.log.error({ err, path: loggablePath(c.req.path) }, 'unhandled error in request');
    return c.json({ error: 'internal error' }, 500);
  });
  return http;
}
