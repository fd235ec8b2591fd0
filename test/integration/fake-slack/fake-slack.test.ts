import { createCanvas } from '@napi-rs/canvas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDm, uploadFile } from '../../../src/slack/web/deliver.js';
import { blockKitBuilderUrl, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { decodePng } from '../../unit/charts/png.js';
import { clientFor, TEST_BOT_TOKEN } from '../slack/web/client.js';

// The fake is driven through the real @slack/web-api WebClient, so what it parses is what the SDK sends.
describe('fake Slack', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack({
      users: [
        { id: 'U0LAYLA', name: 'layla', realName: 'Layla Haddad', locale: 'ar-SA', tz: 'Asia/Dubai', email: 'Layla@example.com' },
        { id: 'U0OMAR', name: 'omar' },
      ],
      userGroups: { S0SUP: ['U0LAYLA', 'U0OMAR'] },
    });
  });
  afterEach(() => slack.close());

  it('answers auth.test and records calls in order, without the token', async () => {
    const client = clientFor(slack.apiUrl);
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0FAKEBOT', team_id: 'T0FAKE' });
    await client.chat.postMessage({ channel: 'C0OPS', text: 'hi' });
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test', 'chat.postMessage']);
    expect(JSON.stringify(slack.calls)).not.toContain(TEST_BOT_TOKEN);
    expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('parses blocks and views back to objects from the form-encoded body', async () => {
    const client = clientFor(slack.apiUrl);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*42* sent' } }];
    const posted = await client.chat.postMessage({ channel: 'C0OPS', text: '42 sent', blocks });
    expect(posted.channel).toBe('C0OPS');
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    await client.chat.update({ channel: 'C0OPS', ts: posted.ts!, text: 'resolved', blocks });
    await client.chat.postEphemeral({ channel: 'C0OPS', user: 'U0LAYLA', text: 'only you', blocks });
    await client.views.publish({ user_id: 'U0LAYLA', view: { type: 'home', blocks } });

    expect(slack.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0OPS', text: '42 sent', blocks });
    expect(slack.callsTo('chat.update')[0]!.args).toMatchObject({ ts: posted.ts, text: 'resolved', blocks });
    expect(slack.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ user: 'U0LAYLA', blocks });
    expect(slack.callsTo('views.publish')[0]!.args.view).toEqual({ type: 'home', blocks });
  });

  it('gives each message a distinct ts', async () => {
    const client = clientFor(slack.apiUrl);
    const a = await client.chat.postMessage({ channel: 'C1', text: 'a' });
    const b = await client.chat.postMessage({ channel: 'C1', text: 'b' });
    expect(a.ts).not.toBe(b.ts);
  });

  it('returns locale from users.info only when include_locale is asked for', async () => {
    const client = clientFor(slack.apiUrl);
    const plain = await client.users.info({ user: 'U0LAYLA' });
    const withLocale = await client.users.info({ user: 'U0LAYLA', include_locale: true });
    expect(plain.user).toMatchObject({ id: 'U0LAYLA', name: 'layla', real_name: 'Layla Haddad', tz: 'Asia/Dubai' });
    expect(plain.user).not.toHaveProperty('locale');
    expect(withLocale.user?.locale).toBe('ar-SA');
    await expect(client.users.info({ user: 'U0NOBODY' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('looks users up by email, case-insensitively, and answers users_not_found otherwise', async () => {
    const client = clientFor(slack.apiUrl);
    expect((await client.users.lookupByEmail({ email: 'layla@EXAMPLE.com' })).user?.id).toBe('U0LAYLA');
    await expect(client.users.lookupByEmail({ email: 'ghost@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
  });

  it('lists user group members', async () => {
    const client = clientFor(slack.apiUrl);
    expect((await client.usergroups.users.list({ usergroup: 'S0SUP' })).users).toEqual(['U0LAYLA', 'U0OMAR']);
    await expect(client.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({ data: { error: 'no_such_subteam' } });
  });

  it('opens a DM with a D… id (openDm)', async () => {
    // D + the user id without its leading U, as the fake documents.
    expect(await openDm(clientFor(slack.apiUrl), 'U0LAYLA')).toBe('D0LAYLA');
    expect(slack.callsTo('conversations.open')[0]!.args.users).toBe('U0LAYLA');
  });

  it('answers unknown methods with unknown_method and records them', async () => {
    await expect(clientFor(slack.apiUrl).apiCall('pins.add', { channel: 'C1' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(slack.callsTo('pins.add')).toEqual([expect.objectContaining({ error: 'unknown_method', args: { channel: 'C1' } })]);
  });

  it('replays a scripted error the given number of times, then answers normally', async () => {
    const client = clientFor(slack.apiUrl);
    slack.script('chat.postMessage', { error: 'not_in_channel' }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      await expect(client.chat.postMessage({ channel: 'C0X', text: 'x' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    }
    expect((await client.chat.postMessage({ channel: 'C0X', text: 'x' })).ok).toBe(true);
    expect(slack.callsTo('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['not_in_channel', 'not_in_channel', 'ok']);
  });

  it('records response_url POSTs under their key', async () => {
    const url = slack.responseUrl('cmd 1');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'done', replace_original: true }) });
    expect(res.status).toBe(200);
    const [call] = await slack.waitFor('response_url');
    expect(call).toMatchObject({ key: 'cmd 1', args: { text: 'done', replace_original: true } });
  });

  it('waitFor rejects after its timeout, naming the calls seen', async () => {
    await clientFor(slack.apiUrl).auth.test();
    await expect(slack.waitFor('chat.update', 1, 50)).rejects.toThrow(/chat\.update.*auth\.test/);
  });

  it('takes a real PNG through filesUploadV2 (getUploadURLExternal → upload → completeUploadExternal) intact', async () => {
    // A 40×20 image, left half red, right half blue: the decoded pixels prove the bytes survived.
    const canvas = createCanvas(40, 20);
    const g = canvas.getContext('2d');
    g.fillStyle = '#ff0000';
    g.fillRect(0, 0, 20, 20);
    g.fillStyle = '#0000ff';
    g.fillRect(20, 0, 20, 20);
    const png = canvas.toBuffer('image/png');

    const client = clientFor(slack.apiUrl);
    const { fileId } = await uploadFile(client, {
      channelId: 'C0OPS',
      bytes: png,
      filename: 'agents.png',
      title: 'Agents, last 7 days',
      altText: 'Bar chart of agents',
      initialComment: 'Agents report',
      threadTs: '1700000000.000100',
    });

    expect(slack.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(slack.callsTo('files.getUploadURLExternal')[0]!.args).toMatchObject({
      filename: 'agents.png',
      length: String(png.length),
      alt_text: 'Bar chart of agents',
    });
    expect(slack.callsTo('files.completeUploadExternal')[0]!.args).toMatchObject({
      files: [{ id: fileId, title: 'Agents, last 7 days' }],
      channel_id: 'C0OPS',
      initial_comment: 'Agents report',
      thread_ts: '1700000000.000100',
    });
    const upload = slack.uploads.get(fileId)!;
    expect(upload).toMatchObject({ filename: 'agents.png', title: 'Agents, last 7 days', alt_text: 'Bar chart of agents' });
    expect(upload.bytes.equals(png)).toBe(true);
    const pixels = await decodePng(upload.bytes);
    expect([pixels.width, pixels.height]).toEqual([40, 20]);
    const at = (x: number, y: number) => Array.from(pixels.data.slice((y * 40 + x) * 4, (y * 40 + x) * 4 + 3));
    expect(at(5, 10)).toEqual([255, 0, 0]);
    expect(at(35, 10)).toEqual([0, 0, 255]);
  });

  it('keeps raw (non-multipart) upload bodies too', async () => {
    const client = clientFor(slack.apiUrl);
    const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: 'raw.csv', length: 5 });
    const res = await fetch(upload_url!, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'a,b\n1' });
    expect(res.status).toBe(200);
    expect(slack.uploads.get(file_id!)?.bytes.toString()).toBe('a,b\n1');
  });

  it('refuses completeUploadExternal for a file never uploaded', async () => {
    await expect(
      clientFor(slack.apiUrl).files.completeUploadExternal({ files: [{ id: 'F999999' }], channel_id: 'C1' }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('checks the bearer token when given one: the right token passes, another is invalid_auth', async () => {
    const strict = await startFakeSlack({ token: TEST_BOT_TOKEN });
    try {
      expect((await clientFor(strict.apiUrl).auth.test()).ok).toBe(true);
      const wrong = await clientFor(strict.apiUrl).auth.test({ token: 'xoxb-someone-else' }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ data: { error: 'invalid_auth' } });
      const bare = await fetch(`${strict.apiUrl}auth.test`, { method: 'POST' });
      expect(await bare.json()).toEqual({ ok: false, error: 'not_authed' });
    } finally {
      await strict.close();
    }
  });

  it('answers malformed calls as Slack does, so app mistakes show up in tests', async () => {
    const client = clientFor(slack.apiUrl);
    const errorOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { data?: { error?: string } }) => e.data?.error);
    expect(await errorOf(client.chat.postMessage({ channel: '', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(client.apiCall('chat.postMessage', { channel: 'C1' }))).toBe('no_text');
    expect(await errorOf(client.apiCall('chat.postEphemeral', { channel: 'C1', text: 'x' }))).toBe('user_not_found');
    expect(await errorOf(client.apiCall('chat.update', { channel: 'C1', text: 'x' }))).toBe('message_not_found');
    expect(await errorOf(client.apiCall('views.publish', { view: { type: 'home', blocks: [] } }))).toBe('invalid_arguments');
  });

  it('links recorded messages and Home views to the Block Kit Builder', async () => {
    const client = clientFor(slack.apiUrl);
    const blocks = [{ type: 'divider' }];
    await client.chat.postMessage({ channel: 'C1', text: 't', blocks });
    await client.views.publish({ user_id: 'U0LAYLA', view: { type: 'home', blocks } });
    // The fragment decodes back to exactly the payload the Builder should open.
    const fragment = (url?: string) => JSON.parse(decodeURIComponent(url!.split('#')[1]!));
    const [message] = slack.callsTo('chat.postMessage');
    const [home] = slack.callsTo('views.publish');
    expect(blockKitBuilderUrl(message!)).toMatch(/^https:\/\/app\.slack\.com\/block-kit-builder\/#/);
    expect(fragment(blockKitBuilderUrl(message!))).toEqual({ blocks });
    expect(fragment(blockKitBuilderUrl(home!))).toEqual({ type: 'home', blocks });
    expect(blockKitBuilderUrl({ method: 'auth.test', args: {} })).toBeUndefined();
  });
});
