import type { Context } from 'hono';
import type { AppContext } from './context.js';

/**
 * The one place where failures become HTTP statuses. Anything unexpected while storing is
 * treated as "database unavailable": 503 tells Meta (and other senders) to retry later,
 * which is right for outages and harmless for a bug we will fix — nothing is lost.
 */
export function storeFailure(c: Context, app: AppContext, source: string, err: unknown) {
  app.log.error({ err, source }, 'could not store webhook; answering 503 so the sender retries');
  app.metrics.webhooksRejected.inc({ source, reason: 'store_unavailable' });
  return c.json({ error: 'storage unavailable, retry later' }, 503);
}

export function signatureRefused(c: Context, app: AppContext, source: string, kind: string) {
  app.log.warn({ source, signature: kind, ip: c.req.header('x-forwarded-for') }, 'webhook signature refused');
  app.metrics.webhooksRejected.inc({ source, reason: `signature_${kind}` });
  return c.json({ error: `signature ${kind}` }, 401);
}

export function sourceDisabled(c: Context, source: string, variable: string) {
  return c.json({ error: `${source} webhooks are not configured (set ${variable})` }, 503);
}
