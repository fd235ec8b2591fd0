import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { conversationsReport } from '../../../src/metrics/conversations.js';
import { liveReport } from '../../../src/metrics/live.js';
import { messagesReport } from '../../../src/metrics/messages.js';
import { testDatabases, type TestDatabase, type TestStore } from '../../helpers/databases.js';
import { FIXTURES_DIR, fixtureBytes, postChatwoot, postWhatsApp } from '../../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { inboundBody } from '../../helpers/whatsapp-bodies.js';

/*
 * Chatwoot alone: incoming messages are recorded, and message events alone yield conversations.
 * Every expected value is worked out by hand in the comments next to it.
 */
const CH = '106540352242922';

/** The captured Chatwoot Cloud body (test/fixtures/chatwoot-captured/README.md). */
const CAPTURED = readFileSync(new URL('chatwoot-captured/message_created_incoming_cloud.json', FIXTURES_DIR));
const CAPTURED_WAMID = 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgWM0VCMERBNkEyODNCNEEwMURBRDQwRAA=';
type Body = Record<string, unknown>;
const json = (bytes: Buffer): Body => JSON.parse(bytes.toString('utf8')) as Body;
// Each test opens its own database(s) (two for the arrival-order tests): on a loaded machine that
// alone can take longer than the default 30 s.
const SLOW = 120_000;

describe.each(testDatabases)('Chatwoot alone on $name', (database: TestDatabase) => {
  let store: TestStore;
  let server: TestServer;
  // Chatwoot inboxes 96568 (the captured body's) and 7 (the shared samples') are the number CH.
  const open = async () => {
    store = await database.open();
    server = await startTestServer(store, { CHATWOOT_INBOX_NUMBERS: `96568=${CH},7=${CH}` });
  };
  afterEach(async () => {
    await server?.close();
    await store?.drop();
  });
  const post = async (body: Buffer | string | Body) => {
    const res = await postChatwoot(server.url, Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body));
    expect(res.status).toBe(200);
    return (await res.json()) as { accepted: string[]; ignored?: string };
  };
  const messageRow = (wamid: string) =>
    store.db.selectFrom('messages').leftJoin('contacts', 'contacts.id', 'messages.contact_id')
      .select(['wamid', 'direction', 'origin', 'type', 'ts', 'preview', 'reply_to_wamid', 'phone_number_id', 'conversation_ref',
        'sender_type', 'agent_id', 'inbox_sent_at', 'counted_at', 'contacts.wa_id'])
      .where('wamid', '=', wamid).executeTakeFirstOrThrow();
  const conversations = () =>
    store.db.selectFrom('conversations')
      .select(['external_id', 'cycle', 'source', 'phone_number_id', 'opened_at', 'opened_by', 'opener_agent_id', 'closed_at', 'closed_by',
        'closer_agent_id', 'assignee_id', 'assigned_at', 'first_agent_reply_at', 'first_agent_reply_agent_id'])
      .orderBy('external_id').orderBy('cycle').execute();

  it('records the captured incoming message, opens its conversation from the embedded one and creates the contact', async () => {
    await open();
    const body = await post(CAPTURED);
    // nothing left out any more: the open, the assignee's upsert and the assignee observation
    expect(body.ignored).toBeUndefined();
    expect(body.accepted).toEqual([
      'chatwoot:conversation:1681:1776971606:inferred-open',
      'chatwoot:message:589120994:assignee-agent:155842',
      'chatwoot:message:589120994:assignee:155842',
    ]);

    // message: source_id as key, created_at "2026-04-23T19:14:22.978Z" as ts, content as
    // preview, no attachment → text; inbox 96568 → CH; conversation id 1681 → chatwoot:1681;
    // sender.phone_number "+447700900123" → wa_id 447700900123
    expect(await messageRow(CAPTURED_WAMID)).toEqual({
      wamid: CAPTURED_WAMID, direction: 'inbound', origin: 'live', type: 'text',
      ts: new Date('2026-04-23T19:14:22.978Z'), preview: 'Make it 8', reply_to_wamid: null, phone_number_id: CH,
      conversation_ref: 'chatwoot:1681', sender_type: null, agent_id: null, inbox_sent_at: null,
      counted_at: new Date('2026-04-23T19:14:22.978Z'), wa_id: '447700900123',
    });

    // conversation: created_at 1776971606 = 1776971662 (the push data's to_i of 19:14:22.978)
    // − 56 s = 19:13:26Z; incoming → opened by the contact; meta.assignee user 155842, observed
    // at the message's time
    expect(await conversations()).toEqual([
      {
        external_id: 'chatwoot:1681', cycle: 1, source: 'inbox', phone_number_id: CH,
        opened_at: new Date('2026-04-23T19:13:26Z'), opened_by: 'contact', opener_agent_id: null,
        closed_at: null, closed_by: null, closer_agent_id: null,
        assignee_id: 'chatwoot:155842', assigned_at: new Date('2026-04-23T19:14:22.978Z'),
        first_agent_reply_at: null, first_agent_reply_agent_id: null,
      },
    ]);
    const contact = await store.db.selectFrom('contacts').select(['wa_id', 'profile_name']).executeTakeFirstOrThrow();
    expect(contact).toEqual({ wa_id: '447700900123', profile_name: 'Pieter V' });
    const agent = await store.db.selectFrom('agents').select(['id', 'name']).executeTakeFirstOrThrow();
    expect(agent).toEqual({ id: 'chatwoot:155842', name: 'Anna Botha' });

    // the same body again is a redelivery: still one message, one cycle
    await post(CAPTURED);
    expect(await store.db.selectFrom('messages').select('wamid').execute()).toHaveLength(1);
    expect(await conversations()).toHaveLength(1);
  }, SLOW);

  it('gives the same messages row whichever of Chatwoot and WhatsApp reports the message first', async () => {
    // WhatsApp's webhook for the same message: timestamp 1776971660 = 19:14:20Z (Chatwoot stored
    // it 2.978 s later), profile name "Pieter" from WhatsApp's contacts[].
    const whatsapp = inboundBody([{ id: CAPTURED_WAMID, from: '447700900123', timestamp: '1776971660', text: 'Make it 8' }]);
    const rows = [];
    for (const order of ['chatwoot first', 'whatsapp first']) {
      await open();
      const steps = [() => post(CAPTURED), async () => expect((await postWhatsApp(server.url, whatsapp)).status).toBe(200)];
      for (const step of order === 'chatwoot first' ? steps : steps.reverse()) await step();
      rows.push(await messageRow(CAPTURED_WAMID));
      await server.close();
      await store.drop();
    }
    // WhatsApp's fields win (its ts, its number), Chatwoot adds the conversation it belongs to
    const expected = {
      wamid: CAPTURED_WAMID, direction: 'inbound', origin: 'live', type: 'text',
      ts: new Date('2026-04-23T19:14:20Z'), preview: 'Make it 8', reply_to_wamid: null, phone_number_id: CH,
      conversation_ref: 'chatwoot:1681', sender_type: null, agent_id: null, inbox_sent_at: null,
      counted_at: new Date('2026-04-23T19:14:20Z'), wa_id: '447700900123',
    };
    expect(rows).toEqual([expected, expected]);
    server = undefined as unknown as TestServer;
    store = undefined as unknown as TestStore;
  }, SLOW);

  it('yields conversations, received counts and per-turn response times from message events alone', async () => {
    await open();
    // Conversation 501 in inbox 7 (= CH), contact +971500000501, created 2026-11-02T10:00:00Z.
    const unix = (iso: string) => Date.parse(iso) / 1000;
    const omar = { id: 12, name: 'Omar Haddad', email: 'omar@example.com', type: 'user' };
    const conversation = (assignee: Body | null) => ({
      id: 501, inbox_id: 7, channel: 'Channel::Whatsapp', status: 'open',
      contact_inbox: { source_id: '971500000501' },
      meta: { sender: { id: 9, name: 'Sara', phone_number: '+971500000501', type: 'contact' }, assignee: assignee && { ...assignee, email: undefined } },
      created_at: unix('2026-11-02T10:00:00Z'), updated_at: unix('2026-11-02T10:00:00Z'),
    });
    const message = (id: number, kind: 'incoming' | 'outgoing', at: string, wamid: string, content: string, assignee: Body | null) => ({
      event: 'message_created', id, content, message_type: kind, content_type: 'text', private: false, source_id: wamid,
      created_at: at, sender: kind === 'incoming' ? { id: 9, name: 'Sara', phone_number: '+971500000501' } : omar,
      conversation: conversation(assignee), inbox: { id: 7, name: 'WhatsApp UAE' }, content_attributes: {}, additional_attributes: {},
    });

    // 1. Sara writes at 10:00:05, nobody assigned yet.
    await post(message(1, 'incoming', '2026-11-02T10:00:05.000Z', 'wamid.A1', 'Hi, where is order 77?', null));
    // At 10:01 she waits in the unassigned queue: opened by her, no reply yet → waiting since the
    // open, 10:00:00, i.e. 60 s; her message is the preview.
    const live = await liveReport(store.db, new Date('2026-11-02T10:01:00Z'), {});
    expect(live.queue).toMatchObject([{ waitingSince: '2026-11-02T10:00:00.000Z', waitingSeconds: 60, lastMessagePreview: 'Hi, where is order 77?' }]);

    // 2. Omar (now the assignee) answers at 10:03:05; 3. Sara writes twice, 10:10:00 and 10:11:00;
    // 4. Omar answers at 10:15:00.
    await post(message(2, 'outgoing', '2026-11-02T10:03:05.000Z', 'wamid.B1', 'Checking now', omar));
    await post(message(3, 'incoming', '2026-11-02T10:10:00.000Z', 'wamid.A2', 'Any news?', omar));
    await post(message(4, 'incoming', '2026-11-02T10:11:00.000Z', 'wamid.A3', 'Hello?', omar));
    await post(message(5, 'outgoing', '2026-11-02T10:15:00.000Z', 'wamid.B2', 'It arrives today', omar));

    const window = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
    const messages = await messagesReport(store.db, { window, filters: {} });
    // received: A1, A2, A3; sent: B1, B2 (known from message.sent only: counted at their created_at)
    expect([messages.received, messages.sent]).toEqual([3, 2]);

    const open1 = await conversationsReport(store.db, { window, filters: {} });
    expect(open1.opened).toEqual({ total: 1, byOpenedBy: { contact: 1, agent: 0, automation: 0, api: 0 } });
    // FRT: open 10:00:00 → Omar 10:03:05 = 185 s
    expect(open1.firstResponse).toMatchObject({ count: 1, median: 185, max: 185 });
    // turns: A1 10:00:05 → B1 10:03:05 = 180 s; A2 10:10:00 (A3 joins the same turn) → B2
    // 10:15:00 = 300 s. avg = median = (180 + 300) / 2 = 240, max 300
    expect(open1.response).toMatchObject({ count: 2, avg: 240, median: 240, max: 300 });
    expect(open1.unresolved).toBe(1);

    // 5. Resolved at 10:30:00 (the assignee is Omar → closed by him): resolution 30 min = 1800 s.
    await post({
      ...conversation(omar), event: 'conversation_status_changed', status: 'resolved', updated_at: unix('2026-11-02T10:30:00Z'),
      changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
    });
    const closed = await conversationsReport(store.db, { window, filters: {} });
    expect(closed.closed).toEqual({ total: 1, byClosedBy: { agent: 1, automation: 0, auto_close: 0, api: 0 }, byCategory: { uncategorised: 1 } });
    expect(closed.resolution).toMatchObject({ count: 1, median: 1800 });
    expect([closed.unresolved, closed.firstResponse.count, closed.response.count]).toEqual([0, 1, 2]);
    // the cycle: assigned to Omar when message 2 first showed him (10:03:05), first reply his
    expect(await conversations()).toMatchObject([
      { external_id: 'chatwoot:501', cycle: 1, opened_by: 'contact', assignee_id: 'chatwoot:12', assigned_at: new Date('2026-11-02T10:03:05Z'),
        first_agent_reply_at: new Date('2026-11-02T10:03:05Z'), first_agent_reply_agent_id: 'chatwoot:12',
        closed_at: new Date('2026-11-02T10:30:00Z'), closed_by: 'agent', closer_agent_id: 'chatwoot:12' },
    ]);
  }, SLOW);

  it('gives the same conversation rows whether conversation_created arrives before or after the first message_created', async () => {
    // The shared conversation_created sample (4812, created 1763974800 = 2025-11-24T09:00:00Z,
    // first message incoming → opened by the contact), and Omar's reply from the shared
    // message_created sample, its conversation as Chatwoot embeds it (webhook_data, so with
    // created_at and the contact; by then assigned to Omar). From the reply alone the open would
    // be inferred as Omar's (opened_by agent): the reported open at the same time must win.
    const created = json(fixtureBytes('chatwoot/conversation_created.json'));
    const outgoing = json(fixtureBytes('chatwoot/message_created_outgoing.json'));
    const { event: _event, ...convData } = created;
    const reply = { ...outgoing, conversation: { ...convData, meta: { ...(created.meta as Body), assignee: { id: 12, name: 'Omar Haddad', type: 'user' } } } };

    const results = [];
    for (const order of [[created, reply], [reply, created]]) {
      await open();
      for (const body of order) await post(body);
      results.push(await conversations());
      await server.close();
      await store.drop();
    }
    const expected = {
      external_id: 'chatwoot:4812', cycle: 1, source: 'inbox', phone_number_id: CH,
      opened_at: new Date('2025-11-24T09:00:00Z'), opened_by: 'contact', opener_agent_id: null,
      closed_at: null, closed_by: null, closer_agent_id: null,
      // observed with the reply at 09:05:12, which is also the first agent reply
      assignee_id: 'chatwoot:12', assigned_at: new Date('2025-11-24T09:05:12Z'),
      first_agent_reply_at: new Date('2025-11-24T09:05:12Z'), first_agent_reply_agent_id: 'chatwoot:12',
    };
    expect(results).toEqual([[expected], [expected]]);
    server = undefined as unknown as TestServer;
    store = undefined as unknown as TestStore;
  }, SLOW);
});
