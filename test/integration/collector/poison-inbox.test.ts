import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes, postChatwoot, postInbox } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { NOW, deepArray, rawRow } from '../../helpers/poison.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

// The poison corpus on POST /webhooks/inbox and /webhooks/chatwoot/:key. Inbox keeps its
// contract: invalid events → 400 naming index and field, the valid ones stored. Chatwoot
// (which never resends) answers 200 with what it could not store named in `problems`.
type Answer = { accepted: string[]; rejected: { index: number; id: string | null; errors: { field: string }[] }[]; problems?: { path: string; message: string }[]; error?: string };

const AT = '2026-11-30T09:00:00Z';
const agent = (id: string, name = 'Omar') => ({ id, type: 'agent.upserted', at: AT, agent: { id: `a-${id}`, name } });

describe.each(testDatabases)('poison inbox and Chatwoot bodies on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store, { CHATWOOT_INBOX_NUMBERS: '7=106540352242922' }, () => NOW);
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  async function inbox(body: string, status: number, outcome: string): Promise<Answer> {
    const res = await postInbox(server.url, body);
    expect(res.status).toBe(status);
    const raw = await rawRow(store, 'inbox', body);
    expect(Buffer.compare(raw!.body, Buffer.from(body)), 'raw bytes verbatim').toBe(0);
    expect(raw!.outcome).toBe(outcome);
    return (await res.json()) as Answer;
  }
  async function chatwoot(body: string, status: number, outcome: string): Promise<Answer> {
    const res = await postChatwoot(server.url, body);
    expect(res.status).toBe(status);
    const raw = await rawRow(store, 'chatwoot', body);
    expect(Buffer.compare(raw!.body, Buffer.from(body)), 'raw bytes verbatim').toBe(0);
    expect(raw!.outcome).toBe(outcome);
    return (await res.json()) as Answer;
  }
  const agentName = async (id: string) => (await store.db.selectFrom('agents').select('name').where('id', '=', id).executeTakeFirst())?.name;

  it('inbox: NUL in a comment and an id, a lone surrogate in a name: cleaned, 200, named', async () => {
    const comment = { id: 'c\u00001', type: 'comment.created', at: AT, conversation_id: 'conv-1', agent_id: 'a-1', text: 'see\u0000 note' };
    const body = JSON.stringify({ events: [comment, agent('n1', 'Om-X-ar')] }).replace('Om-X-ar', 'Om\\udc00ar');
    const answer = await inbox(body, 200, 'partial');
    expect(answer.accepted).toEqual(['c1', 'n1']);
    expect(answer.problems!.map((p) => p.path).sort()).toEqual(['events[0].id', 'events[0].text', 'events[1].agent.name']);
    expect(await store.db.selectFrom('comments').select('text').where('event_id', '=', 'c1').executeTakeFirst()).toEqual({ text: 'see note' });
    expect(await agentName('a-n1')).toBe('Om\uFFFDar');
    const raw = await rawRow(store, 'inbox', body);
    expect(raw!.problems).toEqual(answer.problems);
  });

  it('inbox: year 9999, 1999 and a 1 MB id are rejected by index and field; the valid event is stored', async () => {
    const body = JSON.stringify({
      events: [
        { ...agent('y1'), at: '9999-01-01T00:00:00Z' },
        { ...agent('y2'), at: '1999-01-01T00:00:00Z' },
        agent('x'.repeat(1 << 20)),
        agent('y-ok'),
      ],
    });
    const answer = await inbox(body, 400, 'partial');
    expect(answer.accepted).toEqual(['y-ok']);
    expect(answer.rejected.map((r) => [r.index, r.id, r.errors.map((e) => e.field)])).toEqual([
      [0, 'y1', ['at']],
      [1, 'y2', ['at']],
      [2, null, ['id', 'agent.id']], // the 1 MB id is not echoed back
    ]);
    expect(await agentName('a-y-ok')).toBe('Omar');
  });

  it('inbox: a body nested 10,000 deep is refused like any invalid body, kept raw', async () => {
    const body = `{"events":[],"x":${deepArray(10_000)}}`;
    const answer = await inbox(body, 400, 'rejected');
    expect(answer.error).toMatch(/nests deeper than 64 levels/);
  });

  it('inbox: not JSON → 400, kept raw', async () => {
    await inbox('{"events": [', 400, 'rejected');
  });

  const outgoing = () => JSON.parse(fixtureBytes('chatwoot/message_created_outgoing.json').toString()) as Record<string, unknown>;

  it('Chatwoot: NUL in a private note and in source_id: cleaned, stored, 200', async () => {
    const note = JSON.stringify({ ...outgoing(), id: 91001, private: true, content: 'call\u0000 back' });
    const answer = await chatwoot(note, 200, 'partial');
    expect(answer.problems!.map((p) => p.path)).toEqual(['content']);
    expect(await store.db.selectFrom('comments').select('text').where('event_id', '=', 'chatwoot:message:91001:comment').executeTakeFirst()).toEqual({ text: 'call back' });

    const sent = JSON.stringify({ ...outgoing(), id: 91002, source_id: 'wamid.CW\u0000NUL' });
    const answer2 = await chatwoot(sent, 200, 'partial');
    expect(answer2.problems!.map((p) => p.path)).toEqual(['source_id']);
    expect(await store.db.selectFrom('messages').select('agent_id').where('wamid', '=', 'wamid.CWNUL').executeTakeFirst()).toEqual({ agent_id: 'chatwoot:12' });
  });

  it('Chatwoot: created_at 1e13, 1750030091000 and "999999999999" store nothing wrong; 200 with the problem', async () => {
    for (const [i, created] of [[1, '1e13'], [2, '1750030091000'], [3, '"999999999999"']] as const) {
      const body = JSON.stringify({ ...outgoing(), id: 92000 + i, created_at: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', created);
      const answer = await chatwoot(body, 200, 'rejected');
      // agent.upserted, message.sent and the assignee the message observes (meta.assignee 12,
      // the sender, so no second upsert: map-inferred.ts) all carry the time: all three are
      // named, none stored. No open is inferred: the fixture's conversation has no created_at.
      expect(answer.accepted).toEqual([]);
      expect(answer.problems!.map((p) => p.path)).toEqual(['agent.upserted.at', 'message.sent.at', 'conversation.assigned.at']);
    }
    const years = await store.db.selectFrom('inbox_events').select('at').execute();
    for (const { at } of years) expect(at.getUTCFullYear()).toBeLessThan(2027);
  });

  it('Chatwoot: a 1 MB source_id leaves the message out but keeps the agent', async () => {
    const body = JSON.stringify({ ...outgoing(), id: 93001, source_id: `wamid.${'x'.repeat(1 << 20)}`, sender: { id: 31, name: 'Layla', type: 'user' } });
    const answer = await chatwoot(body, 200, 'partial');
    // the sender Layla (31) is upserted; the conversation's assignee (meta.assignee 12, not the
    // sender) is upserted and observed as assigned; only message.sent carries the source_id
    expect(answer.accepted).toEqual(['chatwoot:message:93001:agent:31', 'chatwoot:message:93001:assignee-agent:12', 'chatwoot:message:93001:assignee:12']);
    expect(answer.problems!.map((p) => p.path)).toEqual(['message.sent.wa_message_id']);
    expect(await agentName('chatwoot:31')).toBe('Layla');
  });

  // An incoming message (the captured Chatwoot Cloud body) is stored in `messages` keyed by its
  // wamid and counted at its created_at, so it gets WhatsApp's bounds: a wamid over 400
  // characters or an implausible time leaves the message out, named; the rest of the body — the
  // open inferred at the conversation's created_at (1776971606 = 2026-04-23T19:13:26Z, 56 s
  // before the message's 1776971662 = 19:14:22Z) — is still stored.
  const incoming = () => JSON.parse(fixtureBytes('chatwoot-captured/message_created_incoming_cloud.json').toString()) as Record<string, unknown>;
  const conversation1681 = () =>
    store.db.selectFrom('conversations').select(['opened_at', 'opened_by']).where('external_id', '=', 'chatwoot:1681').execute();

  it('Chatwoot incoming: a 1 MB source_id leaves the message out, the conversation still opens', async () => {
    const body = JSON.stringify({ ...incoming(), id: 95001, source_id: `wamid.${'y'.repeat(1 << 20)}` });
    const answer = await chatwoot(body, 200, 'partial');
    const named = answer.problems!.filter((p) => p.path.startsWith('message wamid.yyy'));
    expect(named).toHaveLength(1);
    expect(named[0]!.message).toMatch(/incoming message not stored: source_id must be at most 400 characters/);
    expect(await store.db.selectFrom('messages').select('wamid').where((eb) => eb(eb.fn('length', ['wamid']), '>', 400)).execute()).toEqual([]);
    expect(await conversation1681()).toEqual([{ opened_at: new Date('2026-04-23T19:13:26Z'), opened_by: 'contact' }]);
  });

  it('Chatwoot incoming: created_at 1750030091000 (milliseconds) leaves the message out, named', async () => {
    const body = JSON.stringify({ ...incoming(), id: 95002, created_at: 1750030091000 });
    const answer = await chatwoot(body, 200, 'partial');
    const named = answer.problems!.filter((p) => p.path.startsWith('message wamid.'));
    expect(named).toHaveLength(1);
    expect(named[0]!.message).toMatch(/incoming message not stored: lies more than a day after the body was received/);
    const wamid = incoming().source_id as string;
    expect(await store.db.selectFrom('messages').select('wamid').where('wamid', '=', wamid).execute()).toEqual([]);
    expect(await conversation1681()).toEqual([{ opened_at: new Date('2026-04-23T19:13:26Z'), opened_by: 'contact' }]);
  });

  it('Chatwoot: a 1 MB conversation id leaves out the event that carries it', async () => {
    const body = JSON.stringify({ ...outgoing(), id: 93002, conversation: { id: '9'.repeat(1 << 20), inbox_id: 7, channel: 'Channel::Whatsapp' } });
    const answer = await chatwoot(body, 200, 'partial');
    // the sender's agent.upserted names no conversation and is kept
    expect(answer.accepted).toEqual(['chatwoot:message:93002:agent:12']);
    expect(answer.problems!.map((p) => p.path)).toEqual(['message.sent.conversation_id']);
    expect(await store.db.selectFrom('inbox_events').select('id').where('id', 'like', 'chatwoot:message:93002:%').execute()).toEqual([
      { id: 'chatwoot:message:93002:agent:12' },
    ]);
  });

  it('Chatwoot: nested 10,000 deep → 400 as an invalid body, kept raw; not JSON → 400, kept raw', async () => {
    const deep = `{"event":"message_created","x":${deepArray(10_000)}}`;
    expect((await chatwoot(deep, 400, 'rejected')).error).toMatch(/nests deeper than 64 levels/);
    await chatwoot('{"event":', 400, 'rejected');
  });
});
