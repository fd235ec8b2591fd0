import { Hono } from 'hono';
import { sql } from 'kysely';
import { isMigrated } from '../store/index.js';
import { describeSlackStatus } from '../slack/web/slack-health.js';
import type { AppContext } from './context.js';

/**
 * `/healthz` (process up), `/readyz` (database reachable and migrated), `/metrics` (Prometheus).
 * /readyz reports Slack in its body (`slack: 'ok' | 'unavailable: token_revoked' | 'not configured'`)
 * but answers 503 only for the database: a revoked token is shared by every replica, so taking
 * this one out of the load balancer would not help and would stop the webhooks too.
 */
export function healthRoutes(app: AppContext): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    if (!app.state.migrated) return c.json({ status: 'migrations pending' }, 503);
    try {
      await sql`SELECT 1`.execute(app.store.db);
      if (!(await isMigrated(app.store))) return c.json({ status: 'migrations pending' }, 503);
      return c.json({ status: 'ready', database: app.store.kind, slack: describeSlackStatus(app.slackHealth) });
    } catch (err) {
      app.log.warn({ reason: (err as Error).message }, 'readiness check failed');
      return c.json({ status: 'database unreachable' }, 503);
    }
  });
  routes.get('/metrics', async (c) =>
    c.text(await app.metrics.registry.metrics(), 200, { 'content-type': app.metrics.registry.contentType }),
  );
  return routes;
}
