import { randomInt } from 'node:crypto';
import { ErrorCode } from '@slack/web-api';

/** What a failed Web API call means for the app. */
export type SlackErrorClass =
  | { kind: 'not_in_channel' }
  | { kind: 'auth'; code: AuthCode }
  | { kind: 'rate_limited'; retryAfterSec: number }
  | { kind: 'other'; code?: string };

const AUTH_CODES = ['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired'] as const;
export type AuthCode = (typeof AUTH_CODES)[number];

/**
 * Classifies an error thrown by @slack/web-api. Platform errors carry Slack's `error` code in
 * `data.error`; a 429 the client gave up on is a WebAPIRateLimitedError with `retryAfter` (seconds).
 * `channel_not_found` counts as not_in_channel: for a private channel the bot was not invited to,
 * Slack answers that instead, and the fix (invite the bot) is the same.
 */
export function classifySlackError(err: unknown): SlackErrorClass {
  const e = err as { code?: unknown; data?: { error?: unknown }; retryAfter?: unknown; original?: { message?: unknown } } | null;
  if (e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') {
    return { kind: 'rate_limited', retryAfterSec: e.retryAfter };
  }
  // When every retry was rate-limited, the SDK rejects with a request error wrapping its own
  // "A rate limit was exceeded (url: …, retry-after: N)" (WebClient.makeRequest).
  const exhausted = typeof e?.original?.message === 'string' && /rate limit was exceeded.*retry-after: (\d+)/.exec(e.original.message);
  if (e?.code === 'slack_webapi_request_error' && exhausted) return { kind: 'rate_limited', retryAfterSec: Number(exhausted[1]) };
  if (e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') {
    const code = e.data.error;
    if (code === 'not_in_channel' || code === 'channel_not_found') return { kind: 'not_in_channel' };
    if ((AUTH_CODES as readonly string[]).includes(code)) return { kind: 'auth', code: code as AuthCode };
    if (code === 'ratelimited') return { kind: 'rate_limited', retryAfterSec: 0 };
    return { kind: 'other', code };
  }
  return typeof e?.code === 'string' ? { kind: 'other', code: e.code } : { kind: 'other' };
}

// Crockford-like alphabet without 0/O and 1/I/L, so a reference read over the phone survives.
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A short reference for an apology ("E-7K3Q9"): shown to the user and logged with the error, so
 * support can find the log line. 31^5 ≈ 28.6 million values: unique enough for a day of logs.
 */
export function newErrorRef(): string {
  let ref = '';
  for (let i = 0; i < 5; i++) ref += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `E-${ref}`;
}

/** Slack's error word for a failed call (`users_not_found`, `ratelimited`…), for logs and decisions. */
export function slackErrorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const e = err as { code: unknown; data?: { error?: unknown } };
    if (e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') return e.data.error;
    if (typeof e.code === 'string') return e.code;
  }
  return err instanceof Error ? err.message : String(err);
}
