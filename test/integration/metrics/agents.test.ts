import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentsReport } from '../../../src/metrics/agents.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedAgent, seedAssignment, seedChannel, seedComment, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';

// Every expected number below is worked out by hand from the rows seeded in its test.
const CH = '106540352242922';
const CH2 = '106540352242923';
const DAY = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
const at = (hour: number, seconds = 0) => new Date(Date.parse('2026-11-02T00:00:00Z') + hour * 3_600_000 + seconds * 1000).toISOString();

describe.each(testDatabases)('agents report on $name', (database) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await database.open();
    await seedChannel(store.db, CH);
    await seedChannel(store.db, CH2);
    await seedAgent(store.db, { id: 'ana', name: 'Ana', team: 'Support' });
    await seedAgent(store.db, { id: 'omar', name: 'Omar', team: 'Support' });
    await seedAgent(store.db, { id: 'lina', name: 'Lina', team: 'Support' });
    await seedAgent(store.db, { id: 'zed', name: 'Zed', team: 'Sales' });
  });
  afterEach(() => store.drop());

  let n = 0;
  /**
   * One contact-opened cycle at hour `h` on its own contact: inbound at the open, `agent` replies
   * `frt` s later, is assigned 30 s after the open, and closes it `res` s after the open.
   */
  const cycle = async (agent: string, h: number, frt: number, res: number, channel = CH) => {
    const c = await seedContact(store.db, { waId: `97150000${String(++n).padStart(4, '0')}`, createdAt: '2026-01-01T00:00:00Z' });
    const id = await seedConversation(store.db, {
      contactId: c, channel, openedAt: at(h), closedAt: at(h, res), closedBy: 'agent', closerAgentId: agent, assigneeId: agent, assignedAt: at(h, 30),
    });
    await seedAssignment(store.db, { conversationId: id, to: agent, at: at(h, 30) });
    await seedMessage(store.db, { wamid: `in-${n}`, direction: 'inbound', contactId: c, channel, ts: at(h) });
    await seedMessage(store.db, { wamid: `out-${n}`, direction: 'outbound', contactId: c, channel, sentAt: at(h, frt), senderType: 'agent', agentId: agent });
    return { contactId: c, conversationId: id };
  };
  const report = (filters: ReportFilters = {}) => agentsReport(store.db, { window: DAY, filters });

  it('ranks agents with ≥ 5 values, marks few data, and flags outliers against the median of medians', async () => {
    // FRT (s): ana 60,120,180,240,300 → median 180; omar 100…500 → 300; lina 600…1000 → 800;
    //          zed 5000, 7000 → 2 values: few data, not ranked, not part of the norm.
    // Median of medians (ana, omar, lina) = 300; 2 × 300 = 600 < 800 → lina is the FRT outlier.
    // (Were zed counted, median(180, 300, 800, 6000) = 550 and lina would not be one.)
    // Resolution (s): ana 1000…1400 → 1200; omar 3000…3400 → 3200; lina 1100 ×5 → 1100; zed 9000 ×2.
    // Median of medians = median(1200, 3200, 1100) = 1200; 3200 > 2400 → omar is the resolution outlier.
    const plan: [string, number[], number[]][] = [
      ['ana', [60, 120, 180, 240, 300], [1000, 1100, 1200, 1300, 1400]],
      ['omar', [100, 200, 300, 400, 500], [3000, 3100, 3200, 3300, 3400]],
      ['lina', [600, 700, 800, 900, 1000], [1100, 1100, 1100, 1100, 1100]],
      ['zed', [5000, 7000], [9000, 9000]],
    ];
    let h = 0;
    for (const [agent, frts, ress] of plan) {
      for (const [i, frt] of frts.entries()) await cycle(agent, h++, frt, ress[i]!);
    }
    await seedComment(store.db, { eventId: 'k1', ref: 'x', agentId: 'ana', at: at(20) });

    const r = await report();
    expect(r.ranking).toEqual(['ana', 'omar', 'lina', 'zed']);
    expect(r.agents.map((a) => a.rank)).toEqual([1, 2, 3, null]);
    expect(r.reference).toEqual({ firstResponse: { medianOfMedians: 300, agents: 3 }, resolution: { medianOfMedians: 1200, agents: 3 } });
    const by = Object.fromEntries(r.agents.map((a) => [a.id, a]));
    expect(by.lina!.outlier).toEqual({ firstResponse: true, resolution: false });
    expect(by.omar!.outlier).toEqual({ firstResponse: false, resolution: true });
    expect(by.ana!.outlier).toEqual({ firstResponse: false, resolution: false });
    expect(by.zed!.outlier).toEqual({ firstResponse: false, resolution: false }); // median 6000, but few data
    expect(by.zed!.fewData).toEqual({ firstResponse: true, response: true, resolution: true });
    expect(by.ana!.fewData).toEqual({ firstResponse: false, response: false, resolution: false });
    // ana: FRT avg 180, p90 at rank 0.9·4 = 3.6 → 240 + 0.6·60 = 276; resolution avg 1200, max 1400
    expect(by.ana!.firstResponse).toMatchObject({ count: 5, avg: 180, median: 180, max: 300, business: null });
    expect(by.ana!.firstResponse.p90).toBeCloseTo(276, 6);
    expect(by.ana!.resolution).toMatchObject({ count: 5, avg: 1200, median: 1200, max: 1400 });
    expect(by.zed!.firstResponse).toMatchObject({ count: 2, median: 6000 });
    // each cycle's only turn is answered by the same reply: response = FRT
    expect(by.omar!.response).toMatchObject({ count: 5, median: 300 });
    expect([by.ana!.assigned, by.ana!.closed, by.ana!.messagesSent, by.ana!.comments]).toEqual([5, 5, 5, 1]);
    expect([by.zed!.assigned, by.zed!.closed, by.zed!.messagesSent, by.zed!.comments]).toEqual([2, 2, 2, 0]);

    // team Sales: only zed, who has no ranked values
    const sales = await report({ team: 'Sales' });
    expect(sales.agents.map((a) => [a.id, a.rank, a.fewData.firstResponse])).toEqual([['zed', null, true]]);
    // agent filter: one row, still ranked and compared among everyone
    const lina = await report({ agent: 'lina' });
    expect(lina.agents.map((a) => [a.id, a.rank, a.outlier.firstResponse])).toEqual([['lina', 3, true]]);
  });

  it('attributes each fact to the right agent, in window and on the channel', async () => {
    // Cycle A (CH, assigned to ana from 09:00:30): omar replies first at 09:02 (FRT 120 s is
    // omar's), ana at 09:03; the contact writes 09:10 and ana answers 09:15 (response 300 s, ana's).
    // Closed by "ghost" (not in agents) 09:30 → ghost closed 1; resolution 1800 s is ana's
    // (assignee at close).
    const a = await cycle('ana', 9, 180, 1800);
    await store.db.updateTable('conversations').set({ closer_agent_id: 'ghost' }).where('id', '=', a.conversationId).execute();
    await seedMessage(store.db, { wamid: 'a-omar', direction: 'outbound', contactId: a.contactId, channel: CH, sentAt: at(9, 120), senderType: 'agent', agentId: 'omar' });
    await seedMessage(store.db, { wamid: 'a-in2', direction: 'inbound', contactId: a.contactId, channel: CH, ts: at(9, 600) });
    await seedMessage(store.db, { wamid: 'a-ana2', direction: 'outbound', contactId: a.contactId, channel: CH, sentAt: at(9, 900), senderType: 'agent', agentId: 'ana' });
    // Cycle B (CH2, derived, assigned to lina): auto_close at 12:00 after opening 11:00 → lina
    // closed 1, but no resolution value (auto_close stays apart). lina also got an assignment
    // the day before (outside the window) and a bot message carrying her id (not hers).
    const c = await seedContact(store.db, { waId: '971509999999', createdAt: '2026-01-01T00:00:00Z' });
    const b = await seedConversation(store.db, { contactId: c, channel: CH2, source: 'derived', openedAt: at(11), closedAt: at(12), closedBy: 'auto_close', assigneeId: 'lina' });
    await seedAssignment(store.db, { conversationId: b, to: 'lina', at: '2026-11-01T23:59:59Z' });
    await seedMessage(store.db, { wamid: 'b-bot', direction: 'outbound', contactId: c, channel: CH2, sentAt: at(11, 60), senderType: 'automation', agentId: 'lina' });

    const r = await report();
    const by = Object.fromEntries(r.agents.map((x) => [x.id, x]));
    expect(Object.keys(by).sort()).toEqual(['ana', 'ghost', 'lina', 'omar']);
    expect(by.omar!.firstResponse).toMatchObject({ count: 1, median: 120 });
    expect(by.ana!.firstResponse.count).toBe(0); // ana's 09:03 reply came after omar's
    // ana's turns: none ends at her 09:03 reply (omar's ended the first); 09:10 → 09:15 = 300 s
    expect(by.ana!.response).toMatchObject({ count: 1, median: 300 });
    expect(by.omar!.response).toMatchObject({ count: 1, median: 120 });
    expect(by.ana!.resolution).toMatchObject({ count: 1, median: 1800 });
    expect([by.ana!.closed, by.ghost!.closed, by.lina!.closed]).toEqual([0, 1, 1]);
    expect(by.ghost).toMatchObject({ name: 'ghost', known: false, team: null });
    expect(by.lina!.resolution.count).toBe(0);
    expect([by.lina!.assigned, by.lina!.messagesSent]).toEqual([0, 0]);
    expect([by.ana!.messagesSent, by.omar!.messagesSent]).toEqual([2, 1]);

    // channel CH2 keeps lina's auto_close only
    const ch2 = await report({ channel: CH2 });
    expect(ch2.agents.map((x) => [x.id, x.closed])).toEqual([['lina', 1]]);
  });
});
