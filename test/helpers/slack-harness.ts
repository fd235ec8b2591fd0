import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startHttpServer, type AppContext, type RunningServer } from '../../src/http/index.js';
import { createLogger, type Logger } from '../../src/log.js';
import { attachSlack } from '../../src/app.js';
import type { SlackApp } from '../../src/slack/index.js';
import type { Store } from '../../src/store/index.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import { interactionBody, signedSlackRequest, slashCommandBody } from './slack-requests.js';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests';
export const BOT_TOKEN = 'xoxb-test-token';

export type SlackHarness = {
  server: RunningServer;
  app: AppContext;
  slack: SlackApp;
  fake: FakeSlack;
  /** POSTs a signed /pulse to the real Bolt receiver; resolves with the HTTP answer and how long the ack took. */
  pulse(text: string, user: string, opts?: { channel?: string; key?: string }): Promise<{ status: number; ackMs: number; body: string }>;
  /** POSTs a signed block_actions payload (a button press). */
  press(actionId: string, value: string, user: string, opts?: { channel?: string; key?: string }): Promise<{ status: number }>;
  /** POSTs a signed raw body with the given timestamp (seconds) — for stale and forged requests. */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
};

/**
 * The collector's HTTP server with the Slack app mounted exactly as `serve` mounts it
 * (attachSlack), over `store`, talking to a fake Slack Web API on loopback. `now` drives the
 * reports only: Slack's signatures are checked against the real clock, as in production.
 */
export async function startSlackHarness(
  store: Store,
  opts: { env?: Record<string, string>; now?: () => Date; fake?: FakeSlackOptions; tuning?: { workingNoticeMs?: number }; log?: Logger } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack(opts.fake);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'wapulse-slack-')),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...opts.env,
  });
  const app = await buildApp(config, { store, log: opts.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), now: opts.now });
  const slack = attachSlack(app, { tuning: { workingNoticeMs: opts.tuning?.workingNoticeMs ?? 60_000 } })!;
  const server = await startHttpServer(app, 0, '127.0.0.1', slack.httpListener);
  await slack.start();
  const post = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', body, headers });
    return { status: res.status, body: await res.text() };
  };
  return {
    server,
    app,
    slack,
    fake,
    post,
    async pulse(text, user, o = {}) {
      const body = slashCommandBody({
        command: '/pulse', text, user_id: user, user_name: user.toLowerCase(), channel_id: o.channel ?? 'C0OPS', team_id: 'T1',
        response_url: fake.responseUrl(o.key ?? 'r1'), trigger_id: 't1',
      });
      const started = performance.now();
      const r = await post(body, signedSlackRequest(SIGNING_SECRET, body));
      return { ...r, ackMs: performance.now() - started };
    },
    async press(actionId, value, user, o = {}) {
      const body = interactionBody({
        type: 'block_actions',
        user: { id: user, name: user.toLowerCase() },
        team: { id: 'T1' },
        channel: { id: o.channel ?? 'C0OPS' },
        container: { type: 'message', channel_id: o.channel ?? 'C0OPS', is_ephemeral: true },
        response_url: fake.responseUrl(o.key ?? 'r2'),
        trigger_id: 't2',
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
      });
      return post(body, signedSlackRequest(SIGNING_SECRET, body));
    },
    async close() {
      await slack.stop();
      await server.close();
      await fake.close();
      // the REPORTS_DATABASE_URL pool, when the test set one (the store is the caller's)
      await app.reports?.close();
    },
  };
}
