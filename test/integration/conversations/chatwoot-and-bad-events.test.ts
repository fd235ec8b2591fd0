import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBytes, postChatwoot, postInbox } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

describe.each(testDatabases)('Chatwoot fixtures and invalid inbox events on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    // Chatwoot inbox 7 is the WhatsApp number 106540352242922.
    server = await startTestServer(store, { CHATWOOT_INBOX_NUMBERS: '7=106540352242922' });
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it('refuses a wrong key with 404 and stores nothing', async () => {
    const res = await postChatwoot(server.url, fixtureBytes('chatwoot/conversation_created.json'), 'wrong-key-wrong-key');
    expect(res.status).toBe(404);
    expect(await store.db.selectFrom('raw_events').select('id').execute()).toEqual([]);
  });

  it('turns the four Chatwoot samples into one attributed, closed conversation', async () => {
    // Posted in the order Chatwoot would send them; each answered 200.
    for (const f of ['conversation_created', 'conversation_updated_assignee', 'message_created_outgoing', 'conversation_status_changed_resolved']) {
      const res = await postChatwoot(server.url, fixtureBytes(`chatwoot/${f}.json`));
      expect(res.status, f).toBe(200);
    }
    // conversation 4812: created_at 1763974800 = 09:00:00Z; assignee 12 at updated_at
    // 1763975040 = 09:04:00Z; Omar's reply created_at 09:05:12Z; resolved at 1763976300 =
    // 09:25:00Z with label "delivery". FRT = 5 min 12 s.
    const conv = await store.db.selectFrom('conversations').selectAll().where('external_id', '=', 'chatwoot:4812').executeTakeFirstOrThrow();
    expect(conv).toMatchObject({
      cycle: 1, source: 'inbox', phone_number_id: '106540352242922', opened_by: 'contact',
      closed_by: 'agent', closer_agent_id: 'chatwoot:12', category: 'delivery',
      assignee_id: 'chatwoot:12', first_agent_reply_agent_id: 'chatwoot:12',
    });
    expect(conv.opened_at.toISOString()).toBe('2025-11-24T09:00:00.000Z');
    expect(conv.assigned_at?.toISOString()).toBe('2025-11-24T09:04:00.000Z');
    expect(conv.first_agent_reply_at?.toISOString()).toBe('2025-11-24T09:05:12.000Z');
    expect(conv.closed_at?.toISOString()).toBe('2025-11-24T09:25:00.000Z');

    const contact = await store.db.selectFrom('contacts').selectAll().where('id', '=', conv.contact_id!).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ wa_id: '971501234567' });

    const agent = await store.db.selectFrom('agents').selectAll().where('id', '=', 'chatwoot:12').executeTakeFirstOrThrow();
    expect(agent).toMatchObject({ name: 'Omar Haddad', email: 'omar@example.com', team: 'Support' });

    const reply = await store.db.selectFrom('messages').selectAll()
      .where('wamid', '=', 'wamid.HBgMOTcxNTAxMjM0NTY3FQIAERgSODg5QkE3RjJDMUE2RTRBQjFDAA==').executeTakeFirstOrThrow();
    expect(reply).toMatchObject({ direction: 'outbound', sender_type: 'agent', agent_id: 'chatwoot:12', conversation_ref: 'chatwoot:4812', phone_number_id: '106540352242922' });
  });

  it('is idempotent: the same Chatwoot body again changes nothing', async () => {
    const before = await store.db.selectFrom('inbox_events').select('id').execute();
    expect((await postChatwoot(server.url, fixtureBytes('chatwoot/conversation_status_changed_resolved.json'))).status).toBe(200);
    expect(await store.db.selectFrom('inbox_events').select('id').execute()).toHaveLength(before.length);
  });

  it('answers 400 naming each bad event and field, and keeps the valid ones', async () => {
    const events = [
      { id: 'ok-1', type: 'agent.upserted', at: '2026-11-02T08:00:00Z', agent: { id: 'zed', name: 'Zed' } },
      { id: 'bad-type', type: 'conversation.teleported', at: '2026-11-02T08:00:00Z' },
      { id: 'bad-missing', type: 'conversation.assigned', at: '2026-11-02T08:00:00Z', agent_id: 'zed' },
      { id: 'bad-wrong-type', type: 'conversation.opened', at: '2026-11-02T08:00:00Z', conversation_id: 'c-x', contact: { wa_id: '971500000999' }, phone_number_id: '106540352242922', opened_by: 'martians' },
      { id: 'bad-time', type: 'comment.created', at: 'next tuesday', conversation_id: 'c-x', agent_id: 'zed', text: 'hm' },
      { id: 'ok-2', type: 'comment.created', at: '2026-11-02T08:05:00+04:00', conversation_id: 'c-x', agent_id: 'zed', text: 'call back' },
    ];
    const res = await postInbox(server.url, events);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { accepted: string[]; rejected: { index: number; id: string; errors: { field: string }[] }[] };
    expect(body.accepted).toEqual(['ok-1', 'ok-2']);
    expect(body.rejected.map((r) => [r.index, r.id, r.errors.map((e) => e.field)])).toEqual([
      [1, 'bad-type', ['type']],
      [2, 'bad-missing', ['conversation_id']],
      [3, 'bad-wrong-type', ['opened_by']],
      [4, 'bad-time', ['at']],
    ]);
    expect(await store.db.selectFrom('agents').select('name').where('id', '=', 'zed').executeTakeFirst()).toEqual({ name: 'Zed' });
    const comment = await store.db.selectFrom('comments').selectAll().where('event_id', '=', 'ok-2').executeTakeFirstOrThrow();
    expect(comment.at.toISOString()).toBe('2026-11-02T04:05:00.000Z'); // 08:05 at +04:00
    const raw = await store.db.selectFrom('raw_events').select('outcome').where('source', '=', 'inbox').execute();
    expect(raw).toEqual([{ outcome: 'partial' }]);
  });

  it('refuses a forged inbox signature with 401 and a non-batch body with 400', async () => {
    expect((await postInbox(server.url, [{ id: 'x' }], 'sha256=' + '0'.repeat(64))).status).toBe(401);
    expect((await postInbox(server.url, [{ id: 'x' }], null)).status).toBe(401);
    const notBatch = await postInbox(server.url, JSON.stringify({ hello: 1 }));
    expect(notBatch.status).toBe(400);
  });
});
