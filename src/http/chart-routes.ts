import { Hono } from 'hono';
import type { SlackConfig } from '../config.js';
import { chartLinkKey, readChart, type ChartLinkResult } from '../slack/chart-links/index.js';
import { isUnavailable } from '../store/index.js';
import type { AppContext } from './context.js';

/**
 * GET /charts/:file — the chart PNGs behind signed links (image blocks in ephemeral answers and
 * the App Home). 403 for a bad or missing signature, 410 once expired, 404 when the row is gone.
 */
export function chartRoutes(app: AppContext, slack: SlackConfig): Hono {
  const key = chartLinkKey(slack.signingSecret);
  const routes = new Hono();
  routes.get('/:file', async (c) => {
    let result: ChartLinkResult;
    try {
      // The primary, never the reports replica: the PNG was stored a moment ago and a lagging
      // replica would answer 404 to Slack's first fetch.
      result = await readChart(app.store.db, key, { file: c.req.param('file'), exp: c.req.query('exp'), sig: c.req.query('sig') }, app.now);
    } catch (err) {
      // Database down: 503 says a later fetch may work; anything else is a bug for onError (500).
      if (!isUnavailable(err)) throw err;
      app.log.warn({ reason: (err as Error).message }, 'chart image unavailable: database unreachable');
      return c.json({ error: 'database unavailable' }, 503);
    }
    switch (result.kind) {
      case 'ok': {
        const maxAge = Math.max(0, Math.floor((result.expiresAt.getTime() - app.now().getTime()) / 1000));
        return c.body(new Uint8Array(result.png), 200, {
          'content-type': 'image/png',
          // private: a shared cache must not keep what only holders of the signed link may see.
          'cache-control': `private, max-age=${maxAge}`,
        });
      }
      case 'forged':
        return c.json({ error: 'bad signature' }, 403);
      case 'expired':
        return c.json({ error: 'link expired' }, 410);
      case 'missing':
        return c.json({ error: 'not found' }, 404);
      default: {
        const never: never = result;
        return never;
      }
    }
  });
  return routes;
}
