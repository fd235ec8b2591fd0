import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Serving } from '../../../src/cli/start-serve.js';
import { loadConfig } from '../../../src/config.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { captureLog } from '../../helpers/log-capture.js';
import { signedSlackRequest, slashCommandBody } from '../../helpers/slack-requests.js';
import { textOf } from './text-of.js';

const SECRET = 'serve-signing-secret';

/** `wapulse serve` as serveCommand starts it (startServe): the Slack app on the collector's port. */
describe('serve with Slack configured', () => {
  let fake: FakeSlack;
  let serving: Serving;
  const logs = captureLog('info');
  beforeAll(async () => {
    fake = await startFakeSlack();
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'wapulse-serve-slack-')),
      SLACK_BOT_TOKEN: 'xoxb-serve-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PUBLIC_URL: 'https://wapulse.example.com',
    });
    serving = await startServe(config, { port: 0, hostname: '127.0.0.1', log: logs.log });
    await serving.migrated;
  });
  afterAll(async () => {
    await serving.shutdown(5000);
    await fake.close();
  });

  it('answers a signed /pulse help on /slack/events, serves /readyz with Slack ok, and keeps the webhooks', async () => {
    const body = slashCommandBody({ command: '/pulse', text: 'help', user_id: 'U0X', user_name: 'x', channel_id: 'C0X', team_id: 'T1', response_url: fake.responseUrl('h'), trigger_id: 't' });
    const res = await fetch(`${serving.server.url}/slack/events`, { method: 'POST', body, headers: signedSlackRequest(SECRET, body) });
    expect(res.status).toBe(200);
    const [help] = await fake.waitFor('response_url', 1, 10_000, (c) => c.key === 'h');
    expect(textOf(help!.args)).toContain('/pulse agents');
    await expect.poll(async () => ((await (await fetch(`${serving.server.url}/readyz`)).json()) as { slack: string }).slack).toBe('ok');
    // the collector's own routes are untouched: WhatsApp is off without its secret
    expect((await fetch(`${serving.server.url}/webhooks/whatsapp`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect(logs.text()).not.toContain('xoxb-serve-test');
  });
});
