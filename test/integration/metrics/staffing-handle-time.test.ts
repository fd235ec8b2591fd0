import { describe, expect, it } from 'vitest';
import { busyHoursReport } from '../../../src/metrics/busy-hours.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedAgent, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';

/**
 * The staffing hint's measured handle time on a dataset small enough to count by hand:
 * agent-active hours, closes of those agents, AHT = hours × 3600 ÷ closes, and the Erlang C
 * agent count for one cell. Asia/Kolkata (UTC+5:30) so that a local clock hour is not a UTC
 * hour: two replies 45 minutes apart in one IST hour straddle two UTC hours.
 */
describe.each(testDatabases)('staffing handle time on $name', (database) => {
  const ctx = useFreshStore(database, ['pn1', 'pn2']);
  // Mon 2 Nov 2026 00:00 IST .. Mon 9 Nov 00:00 IST: 7 days, every weekday × hour cell once.
  const FROM = '2026-11-01T18:30:00Z';
  const TO = '2026-11-08T18:30:00Z';
  const report = (filters: ReportFilters = {}, from = FROM, to = TO) =>
    busyHoursReport(ctx.store.db, { window: { from: new Date(from), to: new Date(to), tz: 'Asia/Kolkata' }, filters });

  async function seed() {
    const db = ctx.store.db;
    await seedAgent(db, { id: 'ana', name: 'Ana', team: 'care' });
    await seedAgent(db, { id: 'ben', name: 'Ben', team: 'sales' });
    await seedAgent(db, { id: 'cat', name: 'Cat', team: 'care' });
    const k = await seedContact(db, { waId: '919800000001', createdAt: '2026-10-01T00:00:00Z' });
    const reply = (wamid: string, sentAt: string, agentId: string | undefined, extra: { channel?: string; senderType?: 'agent' | 'automation' | 'echo'; origin?: 'history' } = {}) =>
      seedMessage(db, { wamid, direction: 'outbound', contactId: k, channel: extra.channel ?? 'pn1', sentAt, senderType: extra.senderType ?? 'agent', agentId, origin: extra.origin });
    // ana: Mon 10:05 and 10:50 IST (04:35Z and 05:20Z: two UTC hours, one IST hour), Mon 11:10 IST, Tue 09:00 IST → 3 hours
    await reply('a1', '2026-11-02T04:35:00Z', 'ana');
    await reply('a2', '2026-11-02T05:20:00Z', 'ana');
    await reply('a3', '2026-11-02T05:40:00Z', 'ana');
    await reply('a4', '2026-11-03T03:30:00Z', 'ana');
    // ben: Mon 10:20 IST, Mon 14:00 IST on the second number → 2 hours
    await reply('b1', '2026-11-02T04:50:00Z', 'ben');
    await reply('b2', '2026-11-02T08:30:00Z', 'ben', { channel: 'pn2' });
    // not agent replies, or not in the window: automation, a Business-app echo (no agent), ben's
    // history backfill, ana before `from` and at `to`
    await reply('x1', '2026-11-02T06:30:00Z', undefined, { senderType: 'automation' });
    await reply('x2', '2026-11-04T06:30:00Z', undefined, { senderType: 'echo' });
    await reply('x3', '2026-11-04T06:30:00Z', 'ben', { origin: 'history' });
    await reply('x4', '2026-11-01T18:29:59Z', 'ana');
    await reply('x5', '2026-11-08T18:30:00Z', 'ana');

    const cycle = (c: Omit<Parameters<typeof seedConversation>[1], 'contactId' | 'channel'> & { channel?: string }) =>
      seedConversation(db, { contactId: k, channel: 'pn1', ...c });
    // counted closes (closed_at in the window; closer, else assignee at close, replied in the window):
    await cycle({ openedAt: '2026-11-02T04:35:00Z', closedAt: '2026-11-02T05:10:00Z', closedBy: 'agent', closerAgentId: 'ana' }); // Mon 10:05 IST → ana
    await cycle({ openedAt: '2026-11-02T04:45:00Z', closedAt: '2026-11-02T06:00:00Z', closedBy: 'agent', assigneeId: 'ben' }); // Mon 10:15 IST; no closer id → assignee ben
    await cycle({ openedAt: '2026-11-02T06:30:00Z', closedAt: '2026-11-02T14:30:00Z', closedBy: 'auto_close', assigneeId: 'ana' }); // auto_close → assignee ana
    await cycle({ channel: 'pn2', openedAt: '2026-11-02T07:30:00Z', closedAt: '2026-11-02T09:30:00Z', closedBy: 'automation', assigneeId: 'ben' }); // → assignee ben
    // not counted: cat never replied; an auto_close with nobody assigned; a close at `to`; one before `from`
    await cycle({ openedAt: '2026-11-02T07:30:00Z', closedAt: '2026-11-02T10:30:00Z', closedBy: 'agent', closerAgentId: 'cat' });
    await cycle({ openedAt: '2026-11-02T11:30:00Z', closedAt: '2026-11-02T12:30:00Z', closedBy: 'auto_close' });
    await cycle({ openedAt: '2026-11-08T14:30:00Z', closedAt: TO, closedBy: 'agent', closerAgentId: 'ana' });
    await cycle({ openedAt: '2026-10-31T10:00:00Z', closedAt: '2026-11-01T10:00:00Z', closedBy: 'agent', closerAgentId: 'ana' });
  }

  it('takes handle time as agent-active hours × 3600 ÷ closes, and sizes a cell with Erlang C', async () => {
    await seed();
    const r = await report();
    // active hours: ana 3 + ben 2 = 5; closes: 4 (ana 2, ben 2) → AHT = 5 · 3600 / 4 = 4500 s
    expect(r.staffing.activeAgentHours).toBe(5);
    expect(r.staffing.agentCloses).toBe(4);
    expect(r.staffing.handleTimeSec).toBe(4500);
    expect(r.staffing.noHintReason).toBeNull();
    // Monday 10:00 IST: 2 contact-opened cycles in the one such hour → λ = 2 per hour;
    // A = (2/3600) · 4500 = 2.5 Erlangs; T = 300 s, service level 0.8.
    //   B(1..5) = 5/7, 25/53, 125/443, 625/4169, 3125/44815
    //   N = 3: C = (375/443)/(3 − 2.5·318/443) = 375/534 = 0.702247, SL = 1 − 0.702247·e^{−0.5·300/4500} = 1 − 0.702247·0.967216 = 0.320775
    //   N = 4: C = (2500/4169)/(4 − 2.5·3544/4169) = 2500/7816 = 0.319857, SL = 1 − 0.319857·e^{−1.5/15} = 1 − 0.319857·0.904837 = 0.710582
    //   N = 5: C = (15625/44815)/(5 − 2.5·41690/44815) = 15625/119850 = 0.130371, SL = 1 − 0.130371·e^{−2.5/15} = 1 − 0.130371·0.846482 = 0.889643 ≥ 0.8
    // → 5 agents, beside the 2 (ana, ben) who replied in that hour
    expect(r.staffing.arrivalsPerHour[0]![10]).toBe(2);
    expect(r.staffing.load[0]![10]).toBe(2.5);
    expect(r.staffing.agentsNeeded[0]![10]).toBe(5);
    expect(r.staffing.agentsReplied[0]![10]).toBe(2);
  });

  it('applies channel and team filters to both the replies and the closes', async () => {
    await seed();
    // team care = ana and cat: ana's 3 hours; closes by care agents who replied: ana's 2 (cat never replied) → 5400 s
    const care = await report({ team: 'care' });
    expect([care.staffing.activeAgentHours, care.staffing.agentCloses, care.staffing.handleTimeSec]).toEqual([3, 2, 5400]);
    // number pn2: ben's Mon 14:00 reply, the automation close assigned to ben → 1 · 3600 / 1
    const pn2 = await report({ channel: 'pn2' });
    expect([pn2.staffing.activeAgentHours, pn2.staffing.agentCloses, pn2.staffing.handleTimeSec]).toEqual([1, 1, 3600]);
  });

  it('gives no hint, and says why, when nobody closed or nobody replied', async () => {
    await seed();
    // Tuesday 3 Nov IST alone: ana's 09:00 reply, no close → no handle time
    const tuesday = await report({}, '2026-11-02T18:30:00Z', '2026-11-03T18:30:00Z');
    expect([tuesday.staffing.activeAgentHours, tuesday.staffing.agentCloses]).toEqual([1, 0]);
    expect(tuesday.staffing.handleTimeSec).toBeNull();
    expect(tuesday.staffing.noHintReason).toBe('no-agent-closes');
    expect(tuesday.staffing.agentsNeeded.flat().every((n) => n === null)).toBe(true);
    expect(tuesday.staffing.load.flat().every((n) => n === null)).toBe(true);
    // agent cat alone: a close but no reply of hers → her close is not counted either
    const cat = await report({ agent: 'cat' });
    expect([cat.staffing.activeAgentHours, cat.staffing.agentCloses, cat.staffing.noHintReason]).toEqual([0, 0, 'no-agent-replies']);
  });
});
