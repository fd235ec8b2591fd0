import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleConversations } from '../../../src/conversations/index.js';
import { postInbox, postWhatsApp } from '../../helpers/fixtures.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { shuffle } from '../../helpers/shuffle.js';
import { inboundBody, statusBody } from '../../helpers/whatsapp-bodies.js';

/**
 * One conversation, worked by hand. Contact 9715000001<n> on number 106540352242922:
 *  09:00:00 inbound "hi" (WhatsApp)            09:00:00 conversation.opened by contact
 *  09:00:10 bot greeting (message.sent automation, WhatsApp status sent 09:00:10)
 *  09:01:00 assigned to ana                     09:03:00 reassigned to omar
 *  09:05:30 omar replies (message.sent agent omar, status sent 09:05:30)
 *  09:20:00 closed by agent omar, category billing
 *  10:00:00 inbound again + conversation.opened (a reopen → cycle 2)
 *  10:02:00 assigned to ana; 10:04:00 ana replies (attributed only by biz_opaque_callback_data)
 *  10:30:00 closed by automation
 * Expected: cycle 1 FRT = 09:05:30 − 09:00:00 = 330 s by omar (the bot at 09:00:10 does not
 * count), assignee at close omar; cycle 2 first reply 10:04:00 by ana, assignee ana.
 */
type Delivery = { kind: 'wa'; body: string } | { kind: 'inbox'; event: Record<string, unknown> };

function scenario(n: number): Delivery[] {
  const conv = `conv-${n}`;
  const wa = `9715000001${String(n).padStart(2, '0')}`;
  const t = (hhmmss: string) => `2026-11-02T${hhmmss}Z`;
  const sec = (hhmmss: string) => String(Date.parse(t(hhmmss)) / 1000);
  const ev = (id: string, type: string, at: string, rest: Record<string, unknown>) =>
    ({ kind: 'inbox', event: { id: `${conv}-${id}`, type, at: t(at), ...rest } }) as Delivery;
  const status = (wamid: string, at: string, extra: Record<string, unknown> = {}) =>
    ({ kind: 'wa', body: statusBody([{ id: wamid, status: 'sent', timestamp: sec(at), recipient_id: wa, ...extra }]) }) as Delivery;
  return [
    { kind: 'wa', body: inboundBody([{ id: `wamid.in1-${n}`, from: wa, timestamp: sec('09:00:00') }]) },
    ev('open1', 'conversation.opened', '09:00:00', { conversation_id: conv, contact: { wa_id: wa }, phone_number_id: '106540352242922', opened_by: 'contact' }),
    ev('bot', 'message.sent', '09:00:10', { wa_message_id: `wamid.bot-${n}`, conversation_id: conv, sender: 'automation' }),
    status(`wamid.bot-${n}`, '09:00:10'),
    ev('as1', 'conversation.assigned', '09:01:00', { conversation_id: conv, agent_id: 'ana' }),
    ev('as2', 'conversation.assigned', '09:03:00', { conversation_id: conv, agent_id: 'omar', by: 'ana' }),
    ev('reply1', 'message.sent', '09:05:30', { wa_message_id: `wamid.a1-${n}`, conversation_id: conv, sender: 'agent', agent_id: 'omar' }),
    status(`wamid.a1-${n}`, '09:05:30'),
    ev('close1', 'conversation.closed', '09:20:00', { conversation_id: conv, closed_by: 'agent', agent_id: 'omar', category: 'billing' }),
    { kind: 'wa', body: inboundBody([{ id: `wamid.in2-${n}`, from: wa, timestamp: sec('10:00:00') }]) },
    ev('open2', 'conversation.opened', '10:00:00', { conversation_id: conv, contact: { wa_id: wa }, phone_number_id: '106540352242922', opened_by: 'contact' }),
    ev('as3', 'conversation.assigned', '10:02:00', { conversation_id: conv, agent_id: 'ana' }),
    status(`wamid.a2-${n}`, '10:04:00', { biz_opaque_callback_data: 'agent=ana' }),
    ev('close2', 'conversation.closed', '10:30:00', { conversation_id: conv, closed_by: 'automation' }),
    ev('agent-ana', 'agent.upserted', '08:00:00', { agent: { id: 'ana', name: 'Ana Lima', team: 'Support' } }),
  ];
}

const ORDERS: [string, (d: Delivery[]) => Delivery[]][] = [
  ['in order', (d) => d],
  ['reversed', (d) => [...d].reverse()],
  ['shuffled (seed 7)', (d) => shuffle(d, 7)],
  ['shuffled (seed 99)', (d) => shuffle(d, 99)],
];

describe.each(testDatabases)('inbox conversation scenario on $name', (database) => {
  let store: TestStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await database.open();
    server = await startTestServer(store);
    for (const [n, [, order]] of ORDERS.entries()) {
      for (const d of order(scenario(n))) {
        const res = d.kind === 'wa' ? await postWhatsApp(server.url, d.body) : await postInbox(server.url, [d.event]);
        expect(res.status).toBe(200);
      }
    }
    await settleConversations(store.db, new Date('2026-11-03T00:00:00Z'), 24 * 3_600_000);
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
  });

  it.each(ORDERS.map(([name], n) => [name, n] as const))('%s gives the hand-worked cycles', async (_name, n) => {
    const rows = await store.db
      .selectFrom('conversations')
      .select(['cycle', 'source', 'opened_at', 'opened_by', 'closed_at', 'closed_by', 'closer_agent_id', 'category', 'assignee_id', 'assigned_at', 'first_agent_reply_at', 'first_agent_reply_agent_id'])
      .where('external_id', '=', `conv-${n}`)
      .orderBy('cycle')
      .execute();
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    expect(rows.map((r) => ({ ...r, opened_at: iso(r.opened_at), closed_at: iso(r.closed_at), assigned_at: iso(r.assigned_at), first_agent_reply_at: iso(r.first_agent_reply_at) }))).toEqual([
      {
        cycle: 1, source: 'inbox', opened_at: '2026-11-02T09:00:00.000Z', opened_by: 'contact',
        closed_at: '2026-11-02T09:20:00.000Z', closed_by: 'agent', closer_agent_id: 'omar', category: 'billing',
        assignee_id: 'omar', assigned_at: '2026-11-02T09:03:00.000Z',
        first_agent_reply_at: '2026-11-02T09:05:30.000Z', first_agent_reply_agent_id: 'omar',
      },
      {
        cycle: 2, source: 'inbox', opened_at: '2026-11-02T10:00:00.000Z', opened_by: 'contact',
        closed_at: '2026-11-02T10:30:00.000Z', closed_by: 'automation', closer_agent_id: null, category: null,
        assignee_id: 'ana', assigned_at: '2026-11-02T10:02:00.000Z',
        first_agent_reply_at: '2026-11-02T10:04:00.000Z', first_agent_reply_agent_id: 'ana',
      },
    ]);
  });

  it.each(ORDERS.map(([name], n) => [name, n] as const))('%s keeps the assignment history and attributions', async (_name, n) => {
    const history = await store.db
      .selectFrom('assignments')
      .innerJoin('conversations', 'conversations.id', 'assignments.conversation_id')
      .select(['conversations.cycle', 'from_agent_id', 'to_agent_id', 'at', 'by'])
      .where('conversations.external_id', '=', `conv-${n}`)
      .orderBy('at')
      .execute();
    expect(history.map((h) => [h.cycle, h.from_agent_id, h.to_agent_id, h.at.toISOString().slice(11, 19), h.by])).toEqual([
      [1, null, 'ana', '09:01:00', null],
      [1, 'ana', 'omar', '09:03:00', 'ana'],
      [2, null, 'ana', '10:02:00', null],
    ]);
    const messages = await store.db
      .selectFrom('messages')
      .select(['wamid', 'direction', 'sender_type', 'agent_id', 'conversation_ref'])
      .where('wamid', 'in', [`wamid.bot-${n}`, `wamid.a1-${n}`, `wamid.a2-${n}`])
      .orderBy('wamid')
      .execute();
    expect(messages).toEqual([
      { wamid: `wamid.a1-${n}`, direction: 'outbound', sender_type: 'agent', agent_id: 'omar', conversation_ref: `conv-${n}` },
      { wamid: `wamid.a2-${n}`, direction: 'outbound', sender_type: 'agent', agent_id: 'ana', conversation_ref: null },
      { wamid: `wamid.bot-${n}`, direction: 'outbound', sender_type: 'automation', agent_id: null, conversation_ref: `conv-${n}` },
    ]);
  });

  it('creates no derived conversations on a channel that has an inbox', async () => {
    const derived = await store.db.selectFrom('conversations').select('id').where('source', '=', 'derived').execute();
    expect(derived).toEqual([]);
  });

  it('keeps the agent with its latest details', async () => {
    const ana = await store.db.selectFrom('agents').selectAll().where('id', '=', 'ana').executeTakeFirstOrThrow();
    expect(ana).toMatchObject({ name: 'Ana Lima', team: 'Support' });
  });
});
