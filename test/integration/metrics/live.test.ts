import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveReport } from '../../../src/metrics/live.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedAgent, seedChannel, seedContact, seedConversation, seedMessage, type SeedConversation, type SeedMessage } from '../../helpers/seed.js';

// "now" is Tue 10 Nov 2026 12:00 UTC; every time below is on that day unless written in full.
const NOW = new Date('2026-11-10T12:00:00Z');
const at = (hhmmss: string) => `2026-11-10T${hhmmss}Z`;

describe.each(testDatabases)('live report on $name', (database) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await database.open();
    await seedChannel(store.db, 'pn1');
    await seedChannel(store.db, 'pn2');
    await seedAgent(store.db, { id: 'ana', name: 'Ana', team: 'sales' });
    await seedAgent(store.db, { id: 'ben', name: 'Ben', team: 'support' });
  });
  afterEach(async () => {
    await store.drop();
  });
  let n = 0;
  const contact = (waId: string, name?: string) => seedContact(store.db, { waId, name, createdAt: '2026-10-01T00:00:00Z' });
  const conv = (c: SeedConversation) => seedConversation(store.db, c);
  const inbound = (contactId: number, channel: string, ts: string, preview: string, more: Partial<SeedMessage> = {}) =>
    seedMessage(store.db, { wamid: `in${++n}`, direction: 'inbound', contactId, channel, ts, preview, ...more });
  const outbound = (contactId: number, channel: string, sentAt: string, more: Partial<SeedMessage> = {}) =>
    seedMessage(store.db, { wamid: `out${++n}`, direction: 'outbound', contactId, channel, sentAt, ...more });

  it('lists open conversations per assignee with the time since assignment', async () => {
    const k1 = await contact('971500000011', 'Omar');
    const k2 = await contact('971500000012');
    const k3 = await contact('971500000013');
    const c1 = await conv({ contactId: k1, channel: 'pn1', openedAt: at('09:00:00'), assigneeId: 'ana', assignedAt: at('09:30:00') });
    const c2 = await conv({ contactId: k2, channel: 'pn2', openedAt: at('10:00:00'), assigneeId: 'ana', assignedAt: at('11:00:00') });
    const c3 = await conv({ contactId: k3, channel: 'pn1', openedAt: at('11:00:00'), assigneeId: 'ben', assignedAt: at('11:45:00') });
    const c6 = await conv({ contactId: k3, channel: 'pn2', openedAt: at('11:00:00'), assigneeId: 'ghost' }); // agent never named, no assignment time
    // not open at now: closed yesterday; opened after now
    await conv({ contactId: k1, channel: 'pn1', openedAt: '2026-11-09T08:00:00Z', closedAt: '2026-11-09T09:00:00Z', closedBy: 'agent', assigneeId: 'ana', assignedAt: '2026-11-09T08:05:00Z' });
    await conv({ contactId: k2, channel: 'pn1', openedAt: at('12:30:00'), assigneeId: 'ben', assignedAt: at('12:31:00') });

    const r = await liveReport(store.db, NOW, {});
    expect(r.report).toBe('live');
    expect(r.now).toBe('2026-11-10T12:00:00.000Z');
    // ana 2 (12:00 − 09:30 = 9000 s, 12:00 − 11:00 = 3600 s); ben 1 (12:00 − 11:45 = 900 s); ghost 1 (unknown)
    expect(r.assignees.map((g) => [g.agentId, g.name, g.team, g.count, g.conversations.map((c) => [c.conversationId, c.secondsSinceAssignment])])).toEqual([
      ['ana', 'Ana', 'sales', 2, [[c1, 9000], [c2, 3600]]],
      ['ben', 'Ben', 'support', 1, [[c3, 900]]],
      ['ghost', null, null, 1, [[c6, null]]],
    ]);
    expect(r.assignees[0]!.conversations[0]).toEqual({
      conversationId: c1, contactId: k1, waId: '971500000011', userId: null, name: 'Omar', phoneNumberId: 'pn1',
      openedAt: '2026-11-10T09:00:00.000Z', assignedAt: '2026-11-10T09:30:00.000Z', secondsSinceAssignment: 9000,
    });
    expect(r.assignedOpen).toBe(4);

    const names = async (filters: Parameters<typeof liveReport>[2]) =>
      (await liveReport(store.db, NOW, filters)).assignees.map((g) => [g.agentId, g.conversations.map((c) => c.conversationId)]);
    expect(await names({ team: 'sales' })).toEqual([['ana', [c1, c2]]]);
    expect(await names({ agent: 'ben' })).toEqual([['ben', [c3]]]);
    expect(await names({ channel: 'pn1' })).toEqual([['ana', [c1]], ['ben', [c3]]]);
    expect(await names({ channel: 'pn2' })).toEqual([['ana', [c2]], ['ghost', [c6]]]);
  });

  it('queues unassigned conversations where the contact has the last word, waiting since the first inbound after the last reply', async () => {
    // Q1: answered at 08:10, then wrote at 09:00 and 09:05; an automation message at 09:10 is no
    // reply → waiting since 09:00: 12:00 − 09:00 = 10800 s; last message "hello??" (09:05).
    // Its earlier cycle yesterday (unanswered 15:00 message) is another cycle and plays no part.
    const q1 = await contact('971500000001', 'Layla');
    await conv({ contactId: q1, channel: 'pn1', openedAt: '2026-11-09T15:00:00Z', closedAt: '2026-11-09T16:00:00Z', closedBy: 'agent', externalId: 'conv-q1' });
    await inbound(q1, 'pn1', '2026-11-09T15:00:00Z', 'old question');
    const c1 = await conv({ contactId: q1, channel: 'pn1', openedAt: at('08:00:00'), externalId: 'conv-q1', cycle: 2 });
    await inbound(q1, 'pn1', at('08:00:00'), 'hi');
    await outbound(q1, 'pn1', at('08:10:00'), { senderType: 'agent', agentId: 'ben', conversationRef: 'conv-q1' });
    await inbound(q1, 'pn1', at('09:00:00'), 'still there?');
    await inbound(q1, 'pn1', at('09:05:00'), 'hello??');
    await outbound(q1, 'pn1', at('09:10:00'), { senderType: 'automation' });
    // Q2: wrote at 11:00, never answered: a history "reply" and one after now do not count → 3600 s
    const q2 = await contact('971500000002');
    const c2 = await conv({ contactId: q2, channel: 'pn2', openedAt: at('11:00:00') });
    await inbound(q2, 'pn2', at('11:00:00'), 'need help');
    await outbound(q2, 'pn2', at('11:30:00'), { origin: 'history', sentAt: undefined, ts: at('11:30:00'), senderType: 'agent', agentId: 'ana' });
    await outbound(q2, 'pn2', at('12:05:00'), { senderType: 'agent', agentId: 'ana' });
    // Q3: the agent answered last (07:30 after 07:00) → NOT in the queue
    const q3 = await contact('971500000003');
    await conv({ contactId: q3, channel: 'pn1', openedAt: at('07:00:00') });
    await inbound(q3, 'pn1', at('07:00:00'), 'question');
    await outbound(q3, 'pn1', at('07:30:00'), { senderType: 'agent', agentId: 'ana' });
    // Q4: derived cycle (no inbox): an unattributed outbound message is a reply → not waiting
    const q4 = await contact('971500000004');
    await conv({ contactId: q4, channel: 'pn1', openedAt: at('10:30:00'), source: 'derived' });
    await inbound(q4, 'pn1', at('10:30:00'), 'hey');
    await outbound(q4, 'pn1', at('10:40:00'));
    // Q5: answered from the WhatsApp Business app (echo) → not waiting
    const q5 = await contact('971500000005');
    await conv({ contactId: q5, channel: 'pn1', openedAt: at('10:00:00') });
    await inbound(q5, 'pn1', at('10:00:00'), 'hello');
    await outbound(q5, 'pn1', at('10:20:00'), { origin: 'echo', senderType: 'echo', sentAt: undefined, ts: at('10:20:00') });
    // Q6: the inbox opened it 5 s after the WhatsApp message that caused it → waiting since the
    // open: 12:00:00 − 11:30:05 = 1795 s; the message before the open is still its preview
    const q6 = await contact('971500000006');
    const c6 = await conv({ contactId: q6, channel: 'pn2', openedAt: at('11:30:05') });
    await inbound(q6, 'pn2', at('11:30:00'), 'order status?');
    // Q7: opened by an agent with an automated template, the contact never wrote → not waiting
    const q7 = await contact('971500000007');
    await conv({ contactId: q7, channel: 'pn1', openedAt: at('11:00:00'), openedBy: 'agent' });
    await outbound(q7, 'pn1', at('11:00:00'), { senderType: 'automation' });
    // Q8: after the agent's answer the contact only reacted → not waiting
    const q8 = await contact('971500000008');
    await conv({ contactId: q8, channel: 'pn1', openedAt: at('09:00:00') });
    await inbound(q8, 'pn1', at('09:00:00'), 'hi');
    await outbound(q8, 'pn1', at('09:10:00'), { senderType: 'agent', agentId: 'ben' });
    await inbound(q8, 'pn1', at('09:15:00'), '👍', { type: 'reaction' });
    // an assigned conversation with an unanswered contact is not in the (unassigned) queue
    const k9 = await contact('971500000009');
    await conv({ contactId: k9, channel: 'pn1', openedAt: at('06:00:00'), assigneeId: 'ana', assignedAt: at('06:01:00') });
    await inbound(k9, 'pn1', at('06:00:00'), 'waiting on ana');

    const r = await liveReport(store.db, NOW, {});
    expect(r.queue.map((e) => [e.conversationId, e.waitingSeconds])).toEqual([[c1, 10800], [c2, 3600], [c6, 1795]]);
    expect(r.queue[0]).toEqual({
      conversationId: c1, contactId: q1, waId: '971500000001', userId: null, name: 'Layla', phoneNumberId: 'pn1',
      openedAt: '2026-11-10T08:00:00.000Z', waitingSince: '2026-11-10T09:00:00.000Z', waitingSeconds: 10800,
      lastMessageAt: '2026-11-10T09:05:00.000Z', lastMessagePreview: 'hello??',
    });
    expect(r.queue[2]).toMatchObject({ waitingSince: '2026-11-10T11:30:05.000Z', lastMessageAt: '2026-11-10T11:30:00.000Z', lastMessagePreview: 'order status?' });
    // open with no assignee: Q1..Q8 (8); the assigned one is listed under ana
    expect(r.unassignedOpen).toBe(8);
    expect(r.assignees.map((g) => [g.agentId, g.count])).toEqual([['ana', 1]]);

    const pn1 = await liveReport(store.db, NOW, { channel: 'pn1' });
    expect(pn1.queue.map((e) => e.conversationId)).toEqual([c1]);
    expect(pn1.unassignedOpen).toBe(6); // Q1, Q3, Q4, Q5, Q7, Q8
    const pn2 = await liveReport(store.db, NOW, { channel: 'pn2' });
    expect(pn2.queue.map((e) => e.conversationId)).toEqual([c2, c6]);
    // agent/team filters leave the queue alone
    expect((await liveReport(store.db, NOW, { team: 'support' })).queue.map((e) => e.conversationId)).toEqual([c1, c2, c6]);

    // once an agent answers Q1 at 11:59 it leaves the queue
    await outbound(q1, 'pn1', at('11:59:00'), { senderType: 'agent', agentId: 'ana' });
    expect((await liveReport(store.db, NOW, {})).queue.map((e) => e.conversationId)).toEqual([c2, c6]);
  });
});
