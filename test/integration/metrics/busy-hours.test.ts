import { describe, expect, it } from 'vitest';
import { busyHoursReport } from '../../../src/metrics/busy-hours.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedAgent, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';

/** A 7 × 24 matrix of `fill` with the listed cells set: [isoWeekday, hour, value]. */
function matrix(cells: [number, number, number | null][], fill: number | null = 0): (number | null)[][] {
  const m = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => fill));
  for (const [d, h, v] of cells) m[d - 1]![h] = v;
  return m;
}

describe.each(testDatabases)('busy-hours report on $name', (database) => {
  const ctx = useFreshStore(database, ['pn1', 'pn2']);
  const report = (from: string, to: string, tz: string, filters: ReportFilters = {}, opts = {}) =>
    busyHoursReport(ctx.store.db, { window: { from: new Date(from), to: new Date(to), tz }, filters }, opts);
  const inbound = (contactId: number, wamid: string, ts: string, extra: { type?: string; origin?: 'history'; channel?: string } = {}) =>
    seedMessage(ctx.store.db, { wamid, direction: 'inbound', contactId, channel: extra.channel ?? 'pn1', ts, type: extra.type, origin: extra.origin });

  it('buckets Asia/Dubai (UTC+4) local weekdays and hours; peak hours per local day', async () => {
    // Window Mon 2 Nov 00:00 .. Mon 16 Nov 00:00 Dubai = 2026-11-01T20:00Z .. 2026-11-15T20:00Z: 14 days.
    const k = await seedContact(ctx.store.db, { waId: '971500000001', createdAt: '2026-10-01T00:00:00Z' });
    await inbound(k, 'a', '2026-11-01T20:30:00Z'); // Sun 20:30 UTC = Mon 00:30 Dubai → (1, 0)
    await inbound(k, 'b', '2026-11-02T19:30:00Z'); // Mon 23:30 Dubai = Mon 19:30 UTC → (1, 23), not hour 19
    await inbound(k, 'c', '2026-11-03T21:15:00Z'); // Tue 21:15 UTC = Wed 01:15 Dubai → (3, 1)
    await inbound(k, 'd', '2026-11-03T23:30:00Z'); // Tue 23:30 UTC = Wed 03:30 Dubai: next local day → (3, 3)
    await inbound(k, 'e', '2026-11-04T06:10:00Z'); // Wed 10:10 → (3, 10)
    await inbound(k, 'f', '2026-11-11T06:20:00Z'); // Wed 10:20 → (3, 10)
    await inbound(k, 'g', '2026-11-13T06:00:00Z'); // Fri 10:00 → (5, 10)
    await inbound(k, 'h', '2026-11-05T10:00:00Z'); // Thu 14:00 → (4, 14)
    await inbound(k, 'i', '2026-11-14T10:59:00Z'); // Sat 14:59 → (6, 14)
    await inbound(k, 'j', '2026-11-15T19:59:59Z'); // Sun 23:59:59 Dubai, last second of the window → (7, 23)
    // not counted: at `to` (half-open), before `from`, a reaction, history, an outbound message
    await inbound(k, 'x1', '2026-11-15T20:00:00Z');
    await inbound(k, 'x2', '2026-11-01T19:59:59Z');
    await inbound(k, 'x3', '2026-11-04T06:30:00Z', { type: 'reaction' });
    await inbound(k, 'x4', '2026-11-04T06:40:00Z', { origin: 'history' });
    await seedMessage(ctx.store.db, { wamid: 'x5', direction: 'outbound', contactId: k, channel: 'pn1', sentAt: '2026-11-04T06:45:00Z', senderType: 'agent', agentId: 'ana' });
    await seedConversation(ctx.store.db, { contactId: k, channel: 'pn1', openedAt: '2026-11-03T21:15:00Z' }); // Wed 01:15 Dubai

    const r = await report('2026-11-01T20:00:00Z', '2026-11-15T20:00:00Z', 'Asia/Dubai');
    expect(r.report).toBe('busy-hours');
    expect(r.weekdays).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(r.days).toBe(14);
    expect(r.hours).toEqual(matrix([], 2)); // no DST in Dubai: every local hour occurs twice in 14 days
    expect(r.messages.counts).toEqual(matrix([[1, 0, 1], [1, 23, 1], [3, 1, 1], [3, 3, 1], [3, 10, 2], [5, 10, 1], [4, 14, 1], [6, 14, 1], [7, 23, 1]]));
    expect(r.messages.total).toBe(10);
    // by hour of day: 10:00 → 3 (e, f, g), 14:00 → 2 (h, i), 23:00 → 2 (b, j), 0/1/3 → 1 each;
    // per day over 14 days: 3/14, 2/14, 2/14 (14 before 23 on the tie)
    expect(r.messages.peakHours).toEqual([
      { hour: 10, count: 3, avgPerDay: 3 / 14 },
      { hour: 14, count: 2, avgPerDay: 2 / 14 },
      { hour: 23, count: 2, avgPerDay: 2 / 14 },
    ]);
    expect(r.opened.counts).toEqual(matrix([[3, 1, 1]]));
    expect(r.staffing.arrivals).toEqual(matrix([[3, 1, 1]]));
  });

  it('counts a fall-back local hour twice and a spring-forward one never (Europe/London)', async () => {
    await seedAgent(ctx.store.db, { id: 'ana', name: 'Ana' });
    const k = await seedContact(ctx.store.db, { waId: '447700900001', createdAt: '2026-01-01T00:00:00Z' });
    // Autumn week Mon 19 Oct 00:00 BST (= 18 Oct 23:00Z) .. Mon 26 Oct 00:00 GMT (= 26 Oct 00:00Z):
    // 7 local days of 7·24 + 1 = 169 real hours; clocks go back at 02:00 BST on Sun 25 Oct, so
    // Sunday 01:00-02:00 happens twice (00:00Z BST and 01:00Z GMT).
    await inbound(k, 'w1', '2026-10-19T09:15:00Z'); // Mon 10:15 BST → (1, 10)
    await inbound(k, 'w2', '2026-10-24T23:30:00Z'); // Sun 00:30 BST → (7, 0)
    await inbound(k, 'w3', '2026-10-25T00:30:00Z'); // Sun 01:30 BST → (7, 1)
    await inbound(k, 'w4', '2026-10-25T01:30:00Z'); // Sun 01:30 GMT → (7, 1) again
    await inbound(k, 'w5', '2026-10-25T02:30:00Z'); // Sun 02:30 GMT → (7, 2)
    await inbound(k, 'w6', '2026-10-18T22:59:00Z'); // Sun 18 Oct 23:59 BST: before the window
    // two contact-opened cycles in the repeated hour, both closed by ana
    await seedConversation(ctx.store.db, { contactId: k, channel: 'pn1', openedAt: '2026-10-25T00:30:00Z', closedAt: '2026-10-25T01:00:00Z', closedBy: 'agent', closerAgentId: 'ana' });
    await seedConversation(ctx.store.db, { contactId: k, channel: 'pn1', openedAt: '2026-10-25T01:30:00Z', closedAt: '2026-10-25T03:00:00Z', closedBy: 'agent', closerAgentId: 'ana' });
    // ana replies in each of the two real 01:00 hours: 1 distinct agent in each
    for (const [wamid, at] of [['r1', '2026-10-25T00:40:00Z'], ['r2', '2026-10-25T01:40:00Z']] as const) {
      await seedMessage(ctx.store.db, { wamid, direction: 'outbound', contactId: k, channel: 'pn1', sentAt: at, senderType: 'agent', agentId: 'ana' });
    }

    const autumn = await report('2026-10-18T23:00:00Z', '2026-10-26T00:00:00Z', 'Europe/London');
    expect(autumn.days).toBe(7);
    expect(autumn.hours).toEqual(matrix([[7, 1, 2]], 1));
    expect(autumn.hours.flat().reduce((a, b) => a + b, 0)).toBe(169);
    expect(autumn.messages.counts).toEqual(matrix([[1, 10, 1], [7, 0, 1], [7, 1, 2], [7, 2, 1]]));
    // hour 1 → 2/7 per day; hours 0, 2, 10 → 1/7 each (earliest first on ties)
    expect(autumn.messages.peakHours).toEqual([
      { hour: 1, count: 2, avgPerDay: 2 / 7 },
      { hour: 0, count: 1, avgPerDay: 1 / 7 },
      { hour: 2, count: 1, avgPerDay: 1 / 7 },
    ]);
    // Sunday 01:00: 2 arrivals over the 2 times that hour occurred → λ = 1 per hour.
    // Handle time: ana replied in 2 real hours (00:00Z = 01:00 BST, 01:00Z = 01:00 GMT) and closed
    // 2 cycles → AHT = 2 · 3600 / 2 = 3600 s → A = (1/3600)·3600 = 1 Erlang.
    //   N = 1: N ≤ A, unstable → SL 0
    //   N = 2: B(1) = 1/2, B(2) = (1/2)/(2 + 1/2) = 1/5, C = (2/5)/(2 − 4/5) = 1/3,
    //          SL = 1 − (1/3)·e^{−1·300/3600} = 1 − 0.333333·0.920044 = 0.693319 < 0.8
    //   N = 3: B(3) = (1/5)/(3 + 1/5) = 1/16, C = (3/16)/(3 − 15/16) = 1/11,
    //          SL = 1 − (1/11)·e^{−2·300/3600} = 1 − 0.090909·0.846482 = 0.923047 ≥ 0.8 → 3 agents
    expect([autumn.staffing.activeAgentHours, autumn.staffing.agentCloses]).toEqual([2, 2]);
    expect(autumn.staffing.handleTimeSec).toBe(3600);
    expect(autumn.staffing.noHintReason).toBeNull();
    expect(autumn.staffing.arrivalsPerHour[6]![1]).toBe(1);
    expect(autumn.staffing.load[6]![1]).toBe(1);
    expect(autumn.staffing.agentsNeeded[6]![1]).toBe(3);
    expect(autumn.staffing.agentsNeeded[0]![10]).toBe(0); // no arrivals, no agents
    // agents replying: 1 in the BST 01:00 hour + 1 in the GMT 01:00 hour, over 2 hours → 1.0
    expect(autumn.staffing.agentsReplied[6]![1]).toBe(1);

    // Spring week Mon 23 Mar 00:00 GMT .. Mon 30 Mar 00:00 BST (= 29 Mar 23:00Z): 7·24 − 1 = 167
    // hours; on Sun 29 Mar 01:00 GMT becomes 02:00 BST, so Sunday 01:00 never happens.
    await inbound(k, 's1', '2026-03-29T00:59:59Z'); // Sun 00:59:59 GMT → (7, 0)
    await inbound(k, 's2', '2026-03-29T01:00:00Z'); // Sun 02:00 BST → (7, 2)
    const spring = await report('2026-03-23T00:00:00Z', '2026-03-29T23:00:00Z', 'Europe/London');
    expect(spring.days).toBe(7);
    expect(spring.hours).toEqual(matrix([[7, 1, 0]], 1));
    expect(spring.hours.flat().reduce((a, b) => a + b, 0)).toBe(167);
    expect(spring.messages.counts).toEqual(matrix([[7, 0, 1], [7, 2, 1]]));
    // a cell that never occurs has no rate (null), not 0
    expect(spring.staffing.arrivalsPerHour[6]![1]).toBeNull();
    expect(spring.staffing.agentsReplied[6]![1]).toBeNull();
    expect(spring.staffing.agentsNeeded[6]![1]).toBeNull();
    // no agent reply in March: no handle time, so no load anywhere, and the report says why
    expect(spring.staffing.handleTimeSec).toBeNull();
    expect(spring.staffing.noHintReason).toBe('no-agent-replies');
    expect(spring.staffing.agentsNeeded[0]![10]).toBeNull();
  });

  it('gives the Erlang C staffing hint per cell beside the agents who replied', async () => {
    await seedAgent(ctx.store.db, { id: 'ana', name: 'Ana', team: 'sales' });
    await seedAgent(ctx.store.db, { id: 'ben', name: 'Ben', team: 'support' });
    const k1 = await seedContact(ctx.store.db, { waId: '1', createdAt: '2026-10-01T00:00:00Z' });
    const k2 = await seedContact(ctx.store.db, { waId: '2', createdAt: '2026-10-01T00:00:00Z' });
    const k3 = await seedContact(ctx.store.db, { waId: '3', createdAt: '2026-10-01T00:00:00Z' });
    // UTC window Mon 2 Nov .. Mon 16 Nov: 14 days, Mondays 2 and 9 Nov → "Monday 10:00" occurs twice.
    const conv = (c: Parameters<typeof seedConversation>[1]) => seedConversation(ctx.store.db, c);
    await conv({ contactId: k1, channel: 'pn1', openedAt: '2026-11-02T10:05:00Z', closedAt: '2026-11-02T10:35:00Z', closedBy: 'agent', assigneeId: 'ana' }); // 1800 s
    await conv({ contactId: k2, channel: 'pn1', openedAt: '2026-11-02T10:50:00Z', closedAt: '2026-11-02T12:20:00Z', closedBy: 'agent', assigneeId: 'ben' }); // 5400 s
    await conv({ contactId: k3, channel: 'pn1', openedAt: '2026-11-09T10:00:00Z', closedAt: '2026-11-09T10:01:40Z', closedBy: 'auto_close' }); // not agent-closed
    await conv({ contactId: k1, channel: 'pn1', openedAt: '2026-11-09T10:59:59Z' }); // still open
    await conv({ contactId: k2, channel: 'pn1', openedAt: '2026-11-09T10:30:00Z', openedBy: 'agent' }); // opened, not an arrival
    // Sun 23:00, closed by an agent exactly at `to`: opened in window, resolution outside it
    await conv({ contactId: k3, channel: 'pn2', openedAt: '2026-11-15T23:00:00Z', closedAt: '2026-11-16T00:00:00Z', closedBy: 'agent' });
    await inbound(k1, 'i1', '2026-11-02T10:05:00Z');
    await inbound(k2, 'i2', '2026-11-02T10:50:00Z');
    const out = (wamid: string, at: string, sender: 'agent' | 'automation' | 'echo', agentId?: string, origin?: 'history') =>
      seedMessage(ctx.store.db, { wamid, direction: 'outbound', contactId: k1, channel: 'pn1', sentAt: at, senderType: sender, agentId, origin });
    await out('o1', '2026-11-02T10:10:00Z', 'agent', 'ana');
    await out('o2', '2026-11-02T10:20:00Z', 'agent', 'ana');
    await out('o3', '2026-11-02T10:40:00Z', 'agent', 'ben'); // Mon 2 Nov 10:00 hour: ana, ben → 2
    await out('o4', '2026-11-09T10:15:00Z', 'agent', 'ana'); // Mon 9 Nov 10:00 hour: ana → 1
    await out('o5', '2026-11-09T10:20:00Z', 'automation');
    await out('o6', '2026-11-09T10:25:00Z', 'echo');
    await out('o7', '2026-11-09T10:30:00Z', 'agent', 'ben', 'history');

    const from = '2026-11-02T00:00:00Z';
    const to = '2026-11-16T00:00:00Z';
    const r = await report(from, to, 'UTC');
    expect([r.staffing.serviceLevel, r.staffing.frtTargetSec]).toEqual([0.8, 300]); // defaults
    expect(r.opened.counts).toEqual(matrix([[1, 10, 5], [7, 23, 1]]));
    expect(r.staffing.arrivals).toEqual(matrix([[1, 10, 4], [7, 23, 1]]));
    // Agent-active hours: (ana, 2 Nov 10h) — o1 and o2 are one hour —, (ben, 2 Nov 10h), (ana, 9 Nov 10h)
    // = 3 (automation, echo, history are not agent replies). Closes in the window by ana or ben:
    // the 1st cycle (assignee ana) and the 2nd (assignee ben); the auto_close has no agent, the pn2
    // cycle closes at `to` → 2. AHT = 3 · 3600 / 2 = 5400 s.
    expect([r.staffing.activeAgentHours, r.staffing.agentCloses, r.staffing.handleTimeSec]).toEqual([3, 2, 5400]);
    // Monday 10:00: λ = 4 / 2 h = 2 per hour; A = (2/3600)·5400 = 3 Erlangs; T = 300 s:
    //   B(1..4) = 3/4, 9/17, 9/26, 27/131
    //   N = 4: C = (108/131)/(4 − 3·104/131) = 27/53, SL = 1 − 0.509434·e^{−300/5400} = 1 − 0.509434·0.945959 = 0.518096
    //   N = 5: B = 81/736, C = (405/736)/(5 − 3·655/736) = 81/343, SL = 1 − 0.236152·e^{−600/5400} = 1 − 0.236152·0.894839 = 0.788682 < 0.8
    //   N = 6: B = 81/1553, C = (486/1553)/(6 − 3·1472/1553) = 81/817, SL = 1 − 0.099143·e^{−900/5400} = 1 − 0.099143·0.846482 = 0.916077 → 6
    expect(r.staffing.arrivalsPerHour[0]![10]).toBe(2);
    expect(r.staffing.load[0]![10]).toBe(3);
    expect(r.staffing.agentsNeeded[0]![10]).toBe(6);
    // Sunday 23:00: λ = 1 / 2 h = 0.5 per hour; A = (0.5/3600)·5400 = 0.75 Erlang:
    //   N = 1: C = A = 0.75, SL = 1 − 0.75·e^{−0.25·300/5400} = 1 − 0.75·0.986207 = 0.260345 < 0.8
    //   N = 2: B(1) = 3/7, B(2) = (9/28)/(65/28) = 9/65, C = (18/65)/(2 − 0.75·56/65) = 9/44,
    //          SL = 1 − 0.204545·e^{−1.25·300/5400} = 1 − 0.204545·0.932914 = 0.809177 ≥ 0.8 → 2
    expect(r.staffing.agentsNeeded[6]![23]).toBe(2);
    expect(r.staffing.agentsNeeded[2]![12]).toBe(0);
    // agents replying on Monday 10:00: (2 + 1) distinct over 2 hours = 1.5 (automation, echo, history not agents)
    expect(r.staffing.agentsReplied[0]![10]).toBe(1.5);
    expect(r.staffing.agentsReplied[0]![11]).toBe(0);


    // team sales = ana: cycles assigned to ana (only the first), their inbound messages, ana's replies
    const sales = await report(from, to, 'UTC', { team: 'sales' });
    expect(sales.opened.counts).toEqual(matrix([[1, 10, 1]]));
    expect(sales.messages.total).toBe(1); // i1 belongs to ana's cycle; i2 to ben's
    // ana's 2 active hours, her 1 close → AHT 7200 s
    expect([sales.staffing.activeAgentHours, sales.staffing.agentCloses, sales.staffing.handleTimeSec]).toEqual([2, 1, 7200]);
    expect(sales.staffing.agentsReplied[0]![10]).toBe(1); // (1 + 1) / 2
    // channel pn2: only the Sunday cycle
    const pn2 = await report(from, to, 'UTC', { channel: 'pn2' });
    expect(pn2.opened.counts).toEqual(matrix([[7, 23, 1]]));
    expect(pn2.messages.total).toBe(0);
  });
});
