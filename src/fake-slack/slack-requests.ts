import { createHmac } from 'node:crypto';

/**
 * Builders for requests to Bolt's receiver (tests and `demo --slack`), signed the way Slack signs them:
 * x-slack-signature = v0=hex(HMAC-SHA256(signingSecret, `v0:${timestamp}:${rawBody}`)).
 */
export type SignedHeaders = {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
};

/**
 * Headers for `body`, signed with `secret`. `timestamp` (Unix seconds) defaults to now; pass an
 * old one to test Bolt's 5-minute replay window. The content type follows the body: JSON for
 * events, form-encoded for commands and interactions.
 */
export function signedSlackRequest(secret: string, body: string, opts: { timestamp?: number; contentType?: string } = {}): SignedHeaders {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return {
    'x-slack-signature': `v0=${signature}`,
    'x-slack-request-timestamp': String(ts),
    'content-type': opts.contentType ?? (body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded'),
  };
}

export type SlashCommand = {
  command?: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  response_url: string;
  trigger_id?: string;
};

/** A slash command as Slack POSTs it: form-encoded fields. */
export function slashCommandBody(cmd: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: cmd.team_id ?? 'T0FAKE',
    team_domain: 'fake',
    channel_id: cmd.channel_id ?? 'C0FAKE',
    channel_name: cmd.channel_name ?? 'general',
    user_id: cmd.user_id,
    user_name: cmd.user_name ?? cmd.user_id.toLowerCase(),
    command: cmd.command ?? '/pulse',
    text: cmd.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: cmd.response_url,
    trigger_id: cmd.trigger_id ?? '1337.42.abcdef',
  }).toString();
}

/** An interactivity payload (block_actions, view_submission…) as Slack POSTs it: `payload=<JSON>`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API delivery: the event wrapped in its event_callback envelope, as JSON. */
export function eventBody(event: { type: string } & Record<string, unknown>, opts: { teamId?: string; eventId?: string } = {}): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: opts.teamId ?? 'T0FAKE',
    api_app_id: 'A0FAKE',
    event,
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: opts.teamId ?? 'T0FAKE', user_id: 'U0FAKEBOT', is_bot: true, is_enterprise_install: false }],
  });
}
