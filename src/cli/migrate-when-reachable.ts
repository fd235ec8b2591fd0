import { migrateApp } from '../app.js';
import type { AppContext } from '../http/index.js';
import { throttle } from '../observability/throttle.js';
import { isUnavailable } from '../store/index.js';

export type Backoff = { firstMs: number; maxMs: number; logEveryMs: number };

const DEFAULT_BACKOFF: Backoff = { firstMs: 250, maxMs: 5_000, logEveryMs: 5_000 };

/**
 * Applies migrations as soon as the database answers, so `serve` can start (and say "not
 * ready") while the database is still down. Unavailable databases are retried with capped
 * exponential backoff and one short line every few seconds, not a stack trace per attempt.
 * Anything else (bad credentials, a missing database, a broken migration) will not heal by
 * waiting: it rejects, and `serve` exits.
 */
export async function migrateWhenReachable(app: AppContext, signal: AbortSignal, backoff: Backoff = DEFAULT_BACKOFF): Promise<boolean> {
  const say = throttle(backoff.logEveryMs);
  let delay = backoff.firstMs;
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await migrateApp(app);
      if (attempt > 1) app.log.info({ attempts: attempt }, 'database reachable; migrations up to date');
      return true;
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      say(() => app.log.warn({ reason: (err as Error).message, attempt }, 'database unreachable, retrying'));
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, backoff.maxMs);
  }
  return false;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
