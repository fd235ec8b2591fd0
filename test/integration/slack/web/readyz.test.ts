import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/log.js';
import { createSlackHealth } from '../../../../src/slack/web/slack-health.js';
import { testDatabases, type TestStore } from '../../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../../helpers/server.js';

// Readiness is about this replica's database; Slack's state rides along in the body only.
describe('/readyz reports Slack', () => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await testDatabases[0]!.open();
    server = await startTestServer(store, { SLACK_BOT_TOKEN: 'xoxb-readyz', SLACK_SIGNING_SECRET: 'readyz-secret' });
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it('as ok, then unavailable with the code after an auth failure — still 200', async () => {
    const health = createSlackHealth(createLogger('silent'));
    server.app.slackHealth = health;
    let res = await fetch(`${server.url}/readyz`);
    expect([res.status, ((await res.json()) as { slack: string }).slack]).toEqual([200, 'ok']);
    health.markAuthFailure('token_revoked');
    res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', slack: 'unavailable: token_revoked' });
  });
});
