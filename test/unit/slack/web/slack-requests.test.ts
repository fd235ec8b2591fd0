import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { eventBody, interactionBody, signedSlackRequest, slashCommandBody } from '../../../helpers/slack-requests.js';

// The helpers are checked against Bolt's own verifier, so a test that passes them to the real
// receiver exercises what Slack would send, not what we believe it sends.
describe('signed Slack request builders', () => {
  const secret = 'test-signing-secret';
  const nowSec = 1_790_000_000;

  it('sign a slash command body that Bolt verifies', () => {
    const body = slashCommandBody({ text: 'agents 7d', user_id: 'U0LAYLA', response_url: 'http://127.0.0.1:1/response/x' });
    const headers = signedSlackRequest(secret, body, { timestamp: nowSec });
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(() =>
      verifySlackRequest({ signingSecret: secret, body, headers: { ...headers, 'x-slack-request-timestamp': nowSec }, nowMilliseconds: nowSec * 1000 }),
    ).not.toThrow();
    const fields = new URLSearchParams(body);
    expect(fields.get('command')).toBe('/pulse');
    expect(fields.get('text')).toBe('agents 7d');
  });

  it('are refused by Bolt when stale (over 5 minutes) or signed with another secret', () => {
    const body = interactionBody({ type: 'block_actions', actions: [{ action_id: 'refresh' }] });
    const stale = signedSlackRequest(secret, body, { timestamp: nowSec - 301 });
    expect(() =>
      verifySlackRequest({ signingSecret: secret, body, headers: { ...stale, 'x-slack-request-timestamp': nowSec - 301 }, nowMilliseconds: nowSec * 1000 }),
    ).toThrow();
    const forged = signedSlackRequest('other-secret', body, { timestamp: nowSec });
    expect(() =>
      verifySlackRequest({ signingSecret: secret, body, headers: { ...forged, 'x-slack-request-timestamp': nowSec }, nowMilliseconds: nowSec * 1000 }),
    ).toThrow();
  });

  it('wrap interactions as payload=<JSON> and events in an event_callback envelope', () => {
    const payload = { type: 'block_actions', user: { id: 'U0LAYLA' } };
    expect(JSON.parse(new URLSearchParams(interactionBody(payload)).get('payload')!)).toEqual(payload);
    const event = JSON.parse(eventBody({ type: 'app_home_opened', user: 'U0LAYLA', tab: 'home' }));
    expect(event).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U0LAYLA' } });
    expect(signedSlackRequest(secret, JSON.stringify(event))['content-type']).toBe('application/json');
  });
});
