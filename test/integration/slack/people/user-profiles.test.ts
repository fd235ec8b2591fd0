import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserProfiles, pickLocale } from '../../../../src/slack/people/index.js';
import { captureLog } from '../../../helpers/log-capture.js';
import { manualClock, startTinySlack } from './tiny-slack.js';

const HOUR = 3_600_000;

describe('createUserProfiles against a Web API on loopback', () => {
  let locale = 'ar-SA';
  let slack: Awaited<ReturnType<typeof startTinySlack>>;
  beforeEach(async () => {
    locale = 'ar-SA';
    slack = await startTinySlack((method, p) => {
      if (method !== 'users.info') return { ok: false, error: 'unknown_method' };
      if (p.user === 'U_GONE') return { ok: false, error: 'user_not_found' };
      if (p.user === 'U_BARE') return { ok: true, user: { id: 'U_BARE', name: 'bare' } };
      return {
        ok: true,
        user: {
          id: p.user, name: 'layla', real_name: 'Layla Haddad', tz: 'Asia/Dubai',
          // Slack sends the locale only when asked with include_locale
          ...(p.include_locale === 'true' ? { locale } : {}),
          profile: { display_name: 'Layla', email: 'layla@example.com' },
        },
      };
    });
  });
  afterEach(() => slack.close());

  it('reads locale, zone, name and email with include_locale, and caches them per user for the TTL', async () => {
    const clock = manualClock();
    const p = createUserProfiles({ client: slack.client, ttlMs: HOUR, now: clock.now });
    expect(await p.profile('U1')).toEqual({ locale: 'ar-SA', tz: 'Asia/Dubai', name: 'Layla', email: 'layla@example.com' });
    expect(slack.calls[0]).toEqual({ method: 'users.info', params: expect.objectContaining({ user: 'U1', include_locale: 'true' }) });
    locale = 'en-US';
    clock.advance(HOUR - 1);
    expect((await p.profile('U1')).locale).toBe('ar-SA');
    expect(slack.count('users.info')).toBe(1);
    await p.profile('U2'); // another user is another call
    expect(slack.count('users.info')).toBe(2);
    clock.advance(1);
    expect((await p.profile('U1')).locale).toBe('en-US');
    expect(slack.count('users.info')).toBe(3);
  });

  it('shares one call among concurrent asks for the same user', async () => {
    const p = createUserProfiles({ client: slack.client, ttlMs: HOUR, now: manualClock().now });
    slack.hold();
    const all = Promise.all([p.profile('U1'), p.profile('U1'), p.profile('U1')]);
    await slack.arrived(1);
    slack.release();
    expect((await all).map((x) => x.name)).toEqual(['Layla', 'Layla', 'Layla']);
    expect(slack.count('users.info')).toBe(1);
  });

  it('gives an empty profile when Slack has nothing or fails, and logs the failure', async () => {
    const cap = captureLog('warn');
    const clock = manualClock();
    const p = createUserProfiles({ client: slack.client, ttlMs: HOUR, now: clock.now, log: cap.log });
    expect(await p.profile('U_BARE')).toEqual({ name: 'bare' });
    expect(await p.profile('U_GONE')).toEqual({});
    expect(cap.lines()).toEqual([expect.objectContaining({ err: 'user_not_found', user: 'U_GONE' })]);
    // a failure is retried after 30 s, not after the hour
    clock.advance(30_000);
    await p.profile('U_GONE');
    expect(slack.calls.filter((c) => c.params.user === 'U_GONE')).toHaveLength(2);
  });
});

describe('pickLocale', () => {
  it.each([
    [{ override: 'en', slackLocale: 'ar-SA', fallback: 'ar' }, 'en'], // lang: wins
    [{ slackLocale: 'ar-SA', fallback: 'en' }, 'ar'], // then the Slack locale
    [{ slackLocale: 'en-GB', fallback: 'ar' }, 'en'],
    [{ slackLocale: 'fr-FR', fallback: 'ar' }, 'ar'], // a language we do not ship → DEFAULT_LOCALE
    [{ fallback: 'en' }, 'en'],
  ] as const)('%j → %s', (opts, expected) => {
    expect(pickLocale(opts)).toBe(expected);
  });
});
