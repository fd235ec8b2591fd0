import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../log.js';
import { slackErrorCode } from '../web/index.js';
import { createTtlCache } from './ttl-cache.js';

/** What wapulse needs to know about a Slack user; every field may be missing. */
export type UserProfile = { locale?: string; tz?: string; name?: string; email?: string };

export type UserProfiles = { profile(userId: string): Promise<UserProfile> };

// A failed lookup is retried after this long rather than the full TTL.
const RETRY_AFTER_ERROR_MS = 30_000;

/**
 * Slack users' locale (which catalog to answer in), time zone, name and email, from
 * `users.info` with `include_locale` (scope users:read; the email needs users:read.email),
 * cached per user for `ttlMs`. A failed lookup gives an empty profile (the answer then uses
 * the defaults) and is logged when a logger is given.
 */
export function createUserProfiles(opts: { client: WebClient; ttlMs: number; now: () => Date; log?: Logger }): UserProfiles {
  const cache = createTtlCache<string, UserProfile & { failed?: true }>({
    ttlMs: opts.ttlMs,
    now: opts.now,
    ttlOf: (p) => (p.failed ? Math.min(opts.ttlMs, RETRY_AFTER_ERROR_MS) : opts.ttlMs),
  });
  const load = async (user: string): Promise<UserProfile & { failed?: true }> => {
    try {
      const { user: u } = await opts.client.users.info({ user, include_locale: true });
      const name = u?.profile?.display_name || u?.real_name || u?.name;
      return {
        ...(u?.locale ? { locale: u.locale } : {}),
        ...(u?.tz ? { tz: u.tz } : {}),
        ...(name ? { name } : {}),
        ...(u?.profile?.email ? { email: u.profile.email } : {}),
      };
    } catch (err) {
      opts.log?.warn({ err: slackErrorCode(err), user }, 'users.info failed');
      return { failed: true };
    }
  };
  return {
    async profile(userId) {
      const { failed: _failed, ...profile } = await cache.get(userId, () => load(userId));
      return profile;
    },
  };
}
