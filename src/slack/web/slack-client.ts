import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { SlackHealth } from './slack-health.js';

export type WebClient = webApi.WebClient;

/** Limits of the retry policy; tests shorten them. */
export type SlackRetryLimits = {
  /** Retries after the first attempt. */
  retries: number;
  /** No new attempt starts after this long (ms) since the first. */
  maxRetryTimeMs: number;
  /** A 429 asking to wait longer than this (s) fails at once instead of parking the caller. */
  maxRetryAfterSec: number;
  /** Per-attempt HTTP timeout (ms): a hung connection must not hold an answer forever. */
  timeoutMs: number;
};

/**
 * At most 3 retries within about a minute, instead of the SDK's tenRetriesInAboutThirtyMinutes:
 * a /pulse answer is worthless half an hour late, and digests have their own retry with backoff.
 * Backoff between attempts: 1–2 s, 2–4 s, 4–8 s (randomised so replicas do not retry in step).
 */
export const DEFAULT_RETRY_LIMITS: SlackRetryLimits = { retries: 3, maxRetryTimeMs: 60_000, maxRetryAfterSec: 60, timeoutMs: 15_000 };

const AUTH_ERRORS = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);

/** The Web API client for the bot token, with wapulse's retry policy and logging. */
export function createSlackClient(cfg: SlackConfig, log: Logger, opts: SlackClientExtras = {}): WebClient {
  return new webApi.WebClient(cfg.botToken, slackClientOptions(cfg, log, opts));
}

export type SlackClientExtras = { limits?: Partial<SlackRetryLimits>; health?: SlackHealth };

/**
 * The same options for the client Bolt creates (App's `clientOptions`), so listeners get the
 * same bounded retries (Bolt replaces `logger` with its own, and uses `fetch` for respond() too). How the SDK handles a 429 (WebClient.makeRequest): it sleeps Retry-After
 * seconds inside the attempt, then throws a retryable error, and p-retry waits its own backoff
 * before the next attempt. To refuse a Retry-After above the cap, `fetch` throws a
 * WebAPIRateLimitedError before that sleep, and `onFailedAttempt` (p-retry's hook, which rejects
 * the whole call when it throws) passes that error straight to the caller.
 */
export function slackClientOptions(cfg: SlackConfig, log: Logger, opts: SlackClientExtras = {}): webApi.WebClientOptions {
  const limits = { ...DEFAULT_RETRY_LIMITS, ...opts.limits };
  const retryConfig: webApi.RetryOptions & { onFailedAttempt(err: Error): void } = {
    retries: limits.retries,
    factor: 2,
    minTimeout: 1000,
    maxTimeout: 8000,
    randomize: true,
    maxRetryTime: limits.maxRetryTimeMs,
    onFailedAttempt(err) {
      if ((err as { code?: string }).code === webApi.ErrorCode.RateLimitedError) throw err;
    },
  };
  return {
    slackApiUrl: cfg.apiUrl,
    retryConfig,
    timeout: limits.timeoutMs,
    logger: sdkLogger(log),
    logLevel: webApi.LogLevel.WARN,
    fetch: guardedFetch(cfg.apiUrl ?? 'https://slack.com/api/', limits.maxRetryAfterSec, log, opts.health),
  };
}

function guardedFetch(apiUrl: string, maxRetryAfterSec: number, log: Logger, health?: SlackHealth): webApi.FetchFunction {
  return async (url, init) => {
    const res = await fetch(url, init as RequestInit);
    const href = String(url);
    if (res.status === 429) {
      const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
      const refused = retryAfter > maxRetryAfterSec;
      // The URL names the method only; the token travels in a header and is never logged.
      log.warn({ retryAfterSec: retryAfter, method: methodOf(href), giveUp: refused }, 'Slack rate-limited a call');
      if (refused) {
        await res.body?.cancel();
        throw new webApi.WebAPIRateLimitedError(retryAfter);
      }
    }
    // Only Web API answers say whether the token is good; response_url and upload answers do not.
    if (health && href.startsWith(apiUrl) && res.status === 200 && res.headers.get('content-type')?.includes('application/json')) {
      const body = (await res.clone().json().catch(() => null)) as { ok?: boolean; error?: string } | null;
      if (body?.ok === true) health.markOk();
      else if (body?.error && AUTH_ERRORS.has(body.error)) health.markAuthFailure(body.error);
    }
    return res;
  };
}

// The SDK's logger interface, routed to pino at warn and above; its debug lines (request bodies) are dropped.
function sdkLogger(log: Logger): webApi.Logger {
  const child = log.child({ component: 'slack-web-api' });
  let level = webApi.LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function methodOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
