import type { Context } from 'hono';
import type { SpoolSource } from '../spool/index.js';
import type { AppContext } from './context.js';
import { databaseUnavailable, spoolFull, spooled } from './errors.js';

/**
 * The database is unavailable (`err`) or not migrated yet (no `err`). Senders that never retry
 * (Chatwoot; the generic inbox with INBOX_SPOOL) get their body kept on disk and a 202; every
 * other sender gets 503 and retries on its own (Meta does, for 7 days).
 */
export async function spoolOrRefuse(
  c: Context,
  app: AppContext,
  source: SpoolSource,
  body: Buffer,
  receivedAt: Date,
  err?: unknown,
) {
  if (!app.spool || !app.config.spool.sources.has(source)) return databaseUnavailable(c, app, source, err);
  try {
    const put = await app.spool.put({ source, receivedAt, body });
    return put.ok ? spooled(c, app, source) : spoolFull(c, app, source);
  } catch (diskErr) {
    // The disk failed too: nothing was promised, so the sender is told to retry.
    app.log.error({ err: diskErr, source }, 'could not write to the spool');
    return databaseUnavailable(c, app, source, err);
  }
}
