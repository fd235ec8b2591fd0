import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError, newErrorRef } from '../../../../src/slack/web/slack-errors.js';

// The SDK's own error classes, built as WebClient builds them.
const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('classifySlackError', () => {
  it('maps not_in_channel, and channel_not_found (private channel without the bot), to not_in_channel', () => {
    expect(classifySlackError(platform('not_in_channel'))).toEqual({ kind: 'not_in_channel' });
    expect(classifySlackError(platform('channel_not_found'))).toEqual({ kind: 'not_in_channel' });
  });

  it.each(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed'])('maps %s to auth', (code) => {
    expect(classifySlackError(platform(code))).toEqual({ kind: 'auth', code });
  });

  it('maps a rate-limited error to its Retry-After seconds', () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(30))).toEqual({ kind: 'rate_limited', retryAfterSec: 30 });
  });

  it('maps retries exhausted on 429s (a request error wrapping the SDK message) to rate_limited', () => {
    const err = new webApi.WebAPIRequestError(new Error('A rate limit was exceeded (url: https://slack.com/api/chat.postMessage, retry-after: 7)'));
    expect(classifySlackError(err)).toEqual({ kind: 'rate_limited', retryAfterSec: 7 });
  });

  it('keeps any other platform code, and SDK codes for transport errors', () => {
    expect(classifySlackError(platform('msg_too_long'))).toEqual({ kind: 'other', code: 'msg_too_long' });
    const refused = new webApi.WebAPIRequestError(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    expect(classifySlackError(refused)).toEqual({ kind: 'other', code: 'slack_webapi_request_error' });
  });

  it('copes with things that are not SDK errors', () => {
    expect(classifySlackError(new Error('boom'))).toEqual({ kind: 'other' });
    expect(classifySlackError(undefined)).toEqual({ kind: 'other' });
    expect(classifySlackError('string')).toEqual({ kind: 'other' });
  });
});

describe('newErrorRef', () => {
  it('is E- and five characters without the look-alikes 0, O, 1, I, L', () => {
    const refs = Array.from({ length: 200 }, () => newErrorRef());
    for (const ref of refs) expect(ref).toMatch(/^E-[2-9A-HJKMNP-Z]{5}$/);
    // 200 draws from 31^5 ≈ 28.6M values expect ≈ 200²/(2·28.6M) ≈ 0.0007 repeats; ten would
    // mean a broken generator (a constant, or a tiny alphabet), not bad luck.
    expect(new Set(refs).size).toBeGreaterThan(190);
  });
});
