import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../src/slack/blocks/action-ids.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { captureLog } from '../../helpers/log-capture.js';
import { startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';
import { DAY, NOW, seedSlackDay, WAITING_WA_ID } from './seed-day.js';
import { textOf } from './text-of.js';

const PERIOD = `${DAY}..${DAY}`;

describe.each(testDatabases)('Slack errors and answer buttons on $name', (database) => {
  let store: TestStore;
  let h: SlackHarness;
  let logs: ReturnType<typeof captureLog>;
  beforeEach(async () => {
    store = await database.open();
    await seedSlackDay(store.db);
    logs = captureLog('info');
    h = await startSlackHarness(store, {
      now: () => NOW,
      log: logs.log,
      env: { REPORT_TZ: 'UTC', SUPERVISOR_SLACK_IDS: 'U0BOSS' },
      fake: { users: [{ id: 'U0BOSS', name: 'boss', locale: 'en-US' }] },
    });
  });
  afterEach(async () => {
    await h.close();
    await store.drop();
  });

  const answerTo = async (key: string) => (await h.fake.waitFor('response_url', 1, 10_000, (c) => c.key === key))[0]!;

  it('apologises with a reference id that is in the log line with the error', async () => {
    h.fake.script('chat.postMessage', { error: 'is_archived' }, { times: 1 });
    await h.pulse(`overview ${PERIOD} share`, 'U0BOSS', { key: 'arch' });
    const t = textOf((await answerTo('arch')).args);
    const ref = /E-[A-Z0-9]{5}/.exec(t)?.[0];
    expect(ref).toBeDefined();
    const line = logs.lines().find((l) => l.ref === ref);
    expect(line?.level).toBe(50); // pino's error level
    expect(JSON.stringify(line)).toContain('is_archived');
    expect(logs.text()).not.toContain('xoxb-');
  });

  it('marks Slack unavailable in /readyz on a revoked token, logged once', async () => {
    h.fake.script('chat.postMessage', { error: 'token_revoked' }, { times: 2 });
    await h.pulse(`overview ${PERIOD} share`, 'U0BOSS', { key: 'a' });
    await answerTo('a');
    await h.pulse(`overview ${PERIOD} share`, 'U0BOSS', { key: 'b' });
    await answerTo('b');
    const ready = (await (await fetch(`${h.server.url}/readyz`)).json()) as { slack: string };
    expect(ready.slack).toBe('unavailable: token_revoked');
    const told = logs.lines().filter((l) => String(l.msg).includes('Slack rejected the bot token'));
    expect(told, JSON.stringify(logs.lines().map((l) => l.msg))).toHaveLength(1);
    // the token is checked once, at start, not on every request
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('sends the CSV when the Download CSV button is pressed, masked', async () => {
    expect((await h.press(ACTION_IDS.csv, 'live', 'U0BOSS')).status).toBe(200);
    await h.fake.waitFor('files.completeUploadExternal', 1, 10_000);
    const file = [...h.fake.uploads.values()].find((u) => u.filename.endsWith('.csv'))!;
    expect(file.bytes.toString('utf8')).toContain('+97150•••6543');
    expect(file.bytes.toString('utf8')).not.toContain(WAITING_WA_ID);
  });

  it('re-posts the answer in the channel, chart included, when Share to channel is pressed', async () => {
    expect((await h.press(ACTION_IDS.share, `agents ${PERIOD}`, 'U0BOSS', { channel: 'C0TEAM' })).status).toBe(200);
    const [post] = await h.fake.waitFor('chat.postMessage', 1, 10_000);
    expect(post!.args.channel).toBe('C0TEAM');
    expect(textOf(post!.args)).toContain('Ana Haddad');
    const [done] = await h.fake.waitFor('files.completeUploadExternal', 1, 10_000);
    expect(done!.args.channel_id).toBe('C0TEAM');
    // a shared answer carries no Share button of its own
    expect(JSON.stringify(post!.args.blocks)).not.toContain(ACTION_IDS.share);
  });
});
