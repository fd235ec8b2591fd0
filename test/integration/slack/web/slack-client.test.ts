import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifySlackError } from '../../../../src/slack/web/slack-errors.js';
import { createSlackHealth, describeSlackStatus } from '../../../../src/slack/web/slack-health.js';
import { startFakeSlack, type FakeSlack } from '../../../helpers/fake-slack.js';
import { captureLog } from '../../../helpers/log-capture.js';
import { clientFor, TEST_BOT_TOKEN } from './client.js';

describe('Slack Web API client against the fake Slack', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(() => slack.close());

  it('waits for Retry-After on a 429, then retries and succeeds', async () => {
    const { log, lines } = captureLog('warn');
    slack.script('chat.postMessage', { ratelimited: 1 });
    const result = await clientFor(slack.apiUrl, log).chat.postMessage({ channel: 'C0OPS', text: 'hello' });
    expect(result.ok).toBe(true);
    const [first, second] = slack.callsTo('chat.postMessage');
    expect(first!.error).toBe('ratelimited');
    expect(second!.error).toBeUndefined();
    // Retry-After: 1 means one second: the SDK sleeps it before retrying (plus our backoff).
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    expect(lines()).toContainEqual(expect.objectContaining({ retryAfterSec: 1, method: 'chat.postMessage' }));
    expect(JSON.stringify(lines())).not.toContain(TEST_BOT_TOKEN);
  });

  it('fails at once, classified rate_limited, when Retry-After exceeds the cap', async () => {
    slack.script('chat.postMessage', { ratelimited: 120 });
    const started = Date.now();
    const err = await clientFor(slack.apiUrl).chat.postMessage({ channel: 'C0OPS', text: 'x' }).catch((e: unknown) => e);
    // Had it waited, the call would take 120 s and the test would time out long before.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(classifySlackError(err)).toEqual({ kind: 'rate_limited', retryAfterSec: 120 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('does not retry Slack platform errors (ok:false is an answer, not a fault)', async () => {
    slack.script('chat.postMessage', { error: 'not_in_channel' });
    const err = await clientFor(slack.apiUrl).chat.postMessage({ channel: 'C0OPS', text: 'x' }).catch((e: unknown) => e);
    expect(classifySlackError(err)).toEqual({ kind: 'not_in_channel' });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('gives up after the bounded number of retries when Slack keeps rate-limiting', async () => {
    // retries: 1 → two attempts in all; each 429 says wait 0 s, so the test only pays the backoff.
    slack.script('auth.test', { ratelimited: 0 }, { times: 5 });
    const client = clientFor(slack.apiUrl, undefined, { limits: { retries: 1 } });
    const err = await client.auth.test().catch((e: unknown) => e);
    expect(classifySlackError(err)).toEqual({ kind: 'rate_limited', retryAfterSec: 0 });
    expect(slack.callsTo('auth.test')).toHaveLength(2);
  });

  it('marks Slack unavailable on token_revoked, logs it once, and recovers on the next success', async () => {
    const { log, lines } = captureLog('info');
    const health = createSlackHealth(log);
    const client = clientFor(slack.apiUrl, log, { health });
    slack.script('auth.test', { error: 'token_revoked' }, { times: 3 });
    for (let i = 0; i < 3; i++) {
      const err = await client.auth.test().catch((e: unknown) => e);
      expect(classifySlackError(err)).toEqual({ kind: 'auth', code: 'token_revoked' });
    }
    expect(describeSlackStatus(health)).toBe('unavailable: token_revoked');
    expect(lines().filter((l) => l.slackError === 'token_revoked')).toHaveLength(1);

    await client.auth.test();
    expect(describeSlackStatus(health)).toBe('ok');
    expect(lines().filter((l) => l.msg === 'Slack accepts the bot token again')).toHaveLength(1);
  });
});
