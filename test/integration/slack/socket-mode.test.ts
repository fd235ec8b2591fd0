import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { createSlackApp } from '../../../src/slack/index.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { captureLog } from '../../helpers/log-capture.js';

describe('Socket Mode (SLACK_APP_TOKEN)', () => {
  let store: TestStore;
  let fake: FakeSlack;
  // opened in a hook, not the test: an embedded database's first open (initdb, every migration)
  // took over the 30 s test timeout on a CI machine busy with the other worker's suites
  beforeAll(async () => {
    store = await testDatabases[0]!.open();
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await store?.drop();
    await fake?.close();
  });

  it('mounts nothing on HTTP, opens the socket with the app token, and survives a refusal', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'signing-secret-123', SLACK_APP_TOKEN: 'xapp-1-A1-test', SLACK_API_URL: fake.apiUrl,
    });
    const logs = captureLog('info');
    const app = createSlackApp({ config, slack: config.slack!, store, log: logs.log, metrics: createMetrics(), now: () => new Date() });
    // Socket Mode: Slack is reached from here, so /slack/events is not served
    expect(app.httpListener).toBeUndefined();
    // the fake knows no apps.connections.open: Slack refusing the socket must not throw out of start()
    // start() returns once the bot token is checked; the socket connects (and retries) behind it
    await app.start();
    expect(logs.text()).toContain('Slack app ready (Socket Mode)');
    await fake.waitFor('apps.connections.open', 1, 10_000);
    await expect.poll(() => logs.text()).toContain('Failed to retrieve a new WSS URL');
    expect(logs.text()).not.toContain('xapp-1-A1-test');
    await app.stop().catch(() => {});
  });
});
