import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startSlackHarness, SIGNING_SECRET, type SlackHarness } from '../../helpers/slack-harness.js';
import { signedSlackRequest, slashCommandBody } from '../../helpers/slack-requests.js';
import { decodePng } from '../../unit/charts/png.js';
import { DAY, NOW, seedSlackDay, WAITING_WA_ID } from './seed-day.js';
import { textOf } from './text-of.js';

const USERS = [
  { id: 'U0BOSS', name: 'boss', locale: 'en-US', email: 'boss@example.com' },
  { id: 'U0LEAD', name: 'lead', locale: 'en-GB' },
  { id: 'U0ANA', name: 'ana', locale: 'en-US', email: 'ana@example.com' },
  { id: 'U0OMAR', name: 'omar', locale: 'ar-SA', email: 'omar@example.com' },
  { id: 'U0GUEST', name: 'guest', locale: 'en-US' },
];
const PERIOD = `${DAY}..${DAY}`;

describe.each(testDatabases)('/pulse against a fake Slack on $name', (database) => {
  let store: TestStore;
  let h: SlackHarness;
  beforeEach(async () => {
    store = await database.open();
    await seedSlackDay(store.db);
    h = await startSlackHarness(store, {
      now: () => NOW,
      env: { REPORT_TZ: 'UTC', SUPERVISOR_SLACK_IDS: 'U0BOSS', SUPERVISOR_GROUP: 'S0LEADS', PUBLIC_URL: 'http://placeholder.invalid' },
      fake: { users: USERS, userGroups: { S0LEADS: ['U0LEAD'] } },
    });
  });
  afterEach(async () => {
    await h.close();
    await store.drop();
  });

  /** Sends /pulse and waits for the answer posted to its response_url. */
  const ask = async (text: string, user = 'U0BOSS', key = `k-${Math.random()}`) => {
    const r = await h.pulse(text, user, { key });
    expect(r.status).toBe(200);
    const [answer] = await h.fake.waitFor('response_url', 1, 10_000, (c) => c.key === key);
    return answer!.args as { text: string; blocks: unknown[] };
  };

  it('answers agents with both agents’ medians and p90s and a chart that decodes', async () => {
    const a = await ask(`agents ${PERIOD}`);
    const t = textOf(a);
    // ana: FRT 60…300 → median 180 s = 3m; p90 at rank 0.9·4 = 3.6 → 240 + 0.6·60 = 276 s = 4m 36s
    //      resolution 600…3000 → median 1800 s = 30m; p90 2400 + 0.6·600 = 2760 s = 46m
    // omar: FRT 300…700 → median 500 s = 8m 20s; p90 600 + 0.6·100 = 660 s = 11m
    //       resolution 3000…3400 → median 3200 s = 53m 20s; p90 3300 + 0.6·100 = 3360 s = 56m
    for (const s of ['Ana Haddad', '3m', '4m 36s', '30m', '46m', 'Omar Said', '8m 20s', '11m', '53m 20s', '56m']) expect(t).toContain(s);
    const image = (a.blocks as { type: string; image_url?: string }[]).find((b) => b.type === 'image');
    expect(image?.image_url).toMatch(/^http:\/\/placeholder\.invalid\/charts\/.+\.png\?exp=\d+&sig=[0-9a-f]+$/);
    // The link is served by wapulse itself: fetch it from the real server and decode the PNG.
    const res = await fetch(image!.image_url!.replace('http://placeholder.invalid', h.server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = await decodePng(Buffer.from(await res.arrayBuffer()));
    expect(png.width).toBeGreaterThan(500);
  });

  it('answers messages, failures, conversations, overview and busy with the day’s numbers', async () => {
    // sent: 10 replies + the failed broadcast = 11; delivered 10 → 10/11 = 90.9 %; read: ana's 5 → 5/10 = 50.0 %
    const m = textOf(await ask(`messages ${PERIOD}`));
    for (const s of ['11', '90.9 %', '50.0 %']) expect(m).toContain(s);
    // failures: one 131047 out of 11 sent → 1/11 = 9.1 %
    const f = textOf(await ask(`failures ${PERIOD}`));
    for (const s of ['131047', '9.1 %']) expect(f).toContain(s);
    // conversations: 10 opened by the contact, 10 closed by agents, 0 unresolved
    const c = textOf(await ask(`conversations ${PERIOD}`));
    expect(c).toContain('10');
    // overview: received 10, sent 11; the day before is empty → every delta n/a
    const o = textOf(await ask(`overview ${PERIOD}`));
    for (const s of ['10', '11', 'n/a']) expect(o).toContain(s);
    // busy: one inbound message in each of hours 00–09 on Monday
    const b = textOf(await ask(`busy ${PERIOD}`));
    expect(b).toMatch(/Mon/);
  });

  it('answers live with the unassigned contact masked and waiting 15m', async () => {
    const t = textOf(await ask('live'));
    // 10:00 − 09:45 = 15 min; +971509876543 masked keeps +97150 and 6543
    expect(t).toContain('15m');
    expect(t).toContain('+97150•••6543');
    expect(t).not.toContain(WAITING_WA_ID);
  });

  it('shows /pulse me to linked agents (by slack_user_id and by email), in their language', async () => {
    // ana: median 180 s is the fastest of (180, 500) → rank 1
    const ana = textOf(await ask(`me ${PERIOD}`, 'U0ANA'));
    expect(ana).toContain('3m');
    expect(ana).toMatch(/#?1\b/);
    expect(ana).not.toContain('Omar Said');
    // omar is linked through users.lookupByEmail(omar@example.com) → U0OMAR; his Slack locale is ar-SA
    const omar = textOf(await ask(`me ${PERIOD}`, 'U0OMAR'));
    expect(omar).toContain('8m'.replace('m', 'د')); // 500 s = 8د 20ث in Arabic units
    expect(omar).toMatch(/[\u0600-\u06FF]/);
    expect(h.fake.callsTo('users.lookupByEmail').map((c) => c.args.email)).toContain('omar@example.com');
  });

  it('refuses team reports to members who are not supervisors, and admits the supervisor group', async () => {
    const refused = textOf(await ask(`agents ${PERIOD}`, 'U0GUEST'));
    expect(refused).toContain('/pulse me');
    expect(refused).not.toContain('Ana Haddad');
    const lead = textOf(await ask(`agents ${PERIOD}`, 'U0LEAD'));
    expect(lead).toContain('Ana Haddad');
  });

  it('answers an Arabic request in Arabic with Western digits', async () => {
    const t = textOf(await ask(`messages ${PERIOD} lang:ar`));
    expect(t).toMatch(/[\u0600-\u06FF]/);
    expect(t).toContain('90.9٪');
    expect(t).not.toMatch(/[\u0660-\u0669]/); // no Arabic-Indic digits
  });

  it('filters by a mentioned agent and by a typed number, named in words in the answer', async () => {
    // <@U0ANA|ana> is linked to agent ana by slack_user_id: only her row
    const ana = textOf(await ask(`agents ${PERIOD} agent:<@U0ANA|ana>`));
    expect(ana).toContain('Ana Haddad');
    expect(ana).not.toContain('Omar Said');
    // the business number typed with spaces; shown masked: +97104 … 0100
    const byNumber = textOf(await ask(`messages ${PERIOD} number:+971 04 555 0100`));
    expect(byNumber).toContain('+97104•••0100');
    expect(byNumber).toContain('90.9 %');
  });

  it('names a bad period or an unknown agent in one short line', async () => {
    expect(textOf(await ask('agents lastweek'))).toMatch(/lastweek/);
    expect(textOf(await ask(`agents ${PERIOD} agent:nobody`))).toMatch(/nobody/);
    // an unknown number lists the known ones, masked like everything else
    const number = textOf(await ask(`messages ${PERIOD} number:+971000000000`));
    expect(number).toContain('+97104•••0100');
    expect(number).not.toContain('971045550100');
  });

  it('sends CSV exports to the requester, phone numbers masked', async () => {
    await ask('live csv');
    const [done] = await h.fake.waitFor('files.completeUploadExternal', 1, 10_000);
    const dm = h.fake.callsTo('conversations.open')[0]!;
    expect(dm.args.users).toBe('U0BOSS');
    const file = [...h.fake.uploads.values()].find((u) => u.filename.endsWith('.csv'))!;
    const csv = file.bytes.toString('utf8');
    expect(csv).toContain('+97150•••6543');
    expect(csv).not.toContain(WAITING_WA_ID);
    expect(done!.args.channel_id).toMatch(/^D/);
  });

  it('shares an answer to the channel with its chart uploaded there', async () => {
    expect((await h.pulse(`agents ${PERIOD} share`, 'U0BOSS')).status).toBe(200);
    const [post] = await h.fake.waitFor('chat.postMessage', 1, 10_000);
    expect(post!.args.channel).toBe('C0OPS');
    expect(textOf(post!.args)).toContain('Ana Haddad');
    const [complete] = await h.fake.waitFor('files.completeUploadExternal', 1, 10_000);
    expect(complete!.args.channel_id).toBe('C0OPS');
    const png = [...h.fake.uploads.values()].find((u) => u.filename.endsWith('.png'))!;
    expect((await decodePng(png.bytes)).width).toBeGreaterThan(500);
  });

  it('hints to invite the bot when Slack says not_in_channel', async () => {
    h.fake.script('chat.postMessage', { error: 'not_in_channel' }, { times: 1 });
    const t = textOf(await ask(`agents ${PERIOD} share`));
    expect(t).toContain('/invite');
  });

  it('retries a rate-limited call after Retry-After', async () => {
    h.fake.script('chat.postMessage', { ratelimited: 1 }, { times: 1 });
    await h.pulse(`overview ${PERIOD} share`, 'U0BOSS');
    const calls = await h.fake.waitFor('chat.postMessage', 2, 15_000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('refuses unsigned, stale and forged requests with 401', async () => {
    const body = slashCommandBody({ command: '/pulse', text: 'help', user_id: 'U0BOSS', user_name: 'boss', channel_id: 'C', team_id: 'T1', response_url: h.fake.responseUrl('x'), trigger_id: 't' });
    expect((await h.post(body, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60; // Bolt allows 5 minutes
    expect((await h.post(body, signedSlackRequest(SIGNING_SECRET, body, { timestamp: stale }))).status).toBe(401);
    expect((await h.post(body, signedSlackRequest('not-the-secret-at-all', body))).status).toBe(401);
    expect((await h.post(body, signedSlackRequest(SIGNING_SECRET, body))).status).toBe(200);
    // only the genuine request was answered
    await h.fake.waitFor('response_url', 1, 10_000, (c) => c.key === 'x');
    expect(h.fake.callsTo('response_url').filter((c) => c.key === 'x')).toHaveLength(1);
  });
});
