import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseBusinessHours, type BusinessHours } from '../../../src/metrics/business-hours.js';
import { conversationsReport } from '../../../src/metrics/conversations.js';
import type { ReportFilters } from '../../../src/metrics/window.js';
import { testDatabases, useFreshStore } from '../../helpers/databases.js';
import { seedAgent, seedContact, seedConversation, seedMessage, type SeedConversation } from '../../helpers/seed.js';

// Every expected number below is worked out by hand from the rows seeded in its test.
const CH = '106540352242922';
const CH2 = '106540352242923';
const utcDay = (day: string) => ({ from: new Date(`${day}T00:00:00Z`), to: new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000), tz: 'UTC' });

describe.each(testDatabases)('conversations report on $name', (database) => {
  const ctx = useFreshStore(database, [CH, CH2]);

  let n = 0;
  const contact = () => seedContact(ctx.store.db, { waId: `97150000${String(++n).padStart(4, '0')}`, createdAt: '2026-01-01T00:00:00Z' });
  const conv = (c: SeedConversation) => seedConversation(ctx.store.db, c);
  const inbound = (wamid: string, contactId: number, ts: string, channel = CH) =>
    seedMessage(ctx.store.db, { wamid, direction: 'inbound', contactId, channel, ts });
  const outbound = (wamid: string, contactId: number, sentAt: string, who: { senderType?: 'agent' | 'automation' | 'api' | 'broadcast'; agentId?: string; ref?: string; channel?: string } = {}) =>
    seedMessage(ctx.store.db, { wamid, direction: 'outbound', contactId, channel: who.channel ?? CH, sentAt, senderType: who.senderType, agentId: who.agentId, conversationRef: who.ref });
  const report = (window: { from: Date; to: Date; tz: string }, filters: ReportFilters = {}, businessHours?: BusinessHours) =>
    conversationsReport(ctx.store.db, { window, filters }, businessHours ? { businessHours } : {});

  it('counts a cycle crossing midnight in Asia/Dubai by its close in the local day', async () => {
    // Dubai = UTC+4. Opened 19:30Z (23:30 Nov 2 local), ana replies 19:50Z (23:50 Nov 2),
    // closed 20:30Z (00:30 Nov 3 local). FRT = 20 min = 1200 s; resolution = 1 h = 3600 s.
    const c = await contact();
    await conv({ contactId: c, channel: CH, openedAt: '2026-11-02T19:30:00Z', closedAt: '2026-11-02T20:30:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana', category: 'billing' });
    await inbound('in1', c, '2026-11-02T19:30:00Z');
    await outbound('out1', c, '2026-11-02T19:50:00Z', { senderType: 'agent', agentId: 'ana' });

    // Nov 3 in Dubai = [Nov 2 20:00Z, Nov 3 20:00Z): holds the close only.
    const nov3 = await report({ from: new Date('2026-11-02T20:00:00Z'), to: new Date('2026-11-03T20:00:00Z'), tz: 'Asia/Dubai' });
    expect(nov3.opened.total).toBe(0);
    expect(nov3.closed).toEqual({ total: 1, byClosedBy: { agent: 1, automation: 0, auto_close: 0, api: 0 }, byCategory: { billing: 1 } });
    expect(nov3.resolution).toMatchObject({ count: 1, avg: 3600, median: 3600, p90: 3600, max: 3600, business: null });
    expect(nov3.firstResponse.count).toBe(0);
    expect(nov3.unresolved).toBe(0);

    // Nov 2 in Dubai = [Nov 1 20:00Z, Nov 2 20:00Z): holds the open and the reply; at its end
    // (20:00Z) the cycle is still open.
    const nov2 = await report({ from: new Date('2026-11-01T20:00:00Z'), to: new Date('2026-11-02T20:00:00Z'), tz: 'Asia/Dubai' });
    expect(nov2.opened).toEqual({ total: 1, byOpenedBy: { contact: 1, agent: 0, automation: 0, api: 0 } });
    expect(nov2.closed.total).toBe(0);
    expect(nov2.unresolved).toBe(1);
    expect(nov2.firstResponse).toMatchObject({ count: 1, median: 1200 });
    expect(nov2.firstResponse.buckets['10-30m']).toBe(1); // 600 ≤ 1200 < 1800
    expect(nov2.response).toMatchObject({ count: 1, median: 1200 }); // turn 19:30 → 19:50
    expect(nov2.resolution.count).toBe(0);

    // The UTC day Nov 2 holds everything (19:30Z … 20:30Z): the zone decides the day.
    const utc = await report(utcDay('2026-11-02'));
    expect([utc.opened.total, utc.closed.total, utc.firstResponse.count, utc.resolution.count, utc.unresolved]).toEqual([1, 1, 1, 1, 0]);
  });

  it('does not take a bot reply for the first response, and counts cycles closed without one', async () => {
    // Cycle 1: opened 10:00:00, automation 10:00:10, api 10:01:00, omar 10:05:30 → FRT 330 s.
    // Cycle 2 (another contact): opened 11:00, only a bot message, closed by automation → no FRT,
    // closed without response. Cycle 3: opened by an agent, closed with no reply: not counted as
    // "without response" (that is about contacts who wrote in).
    const [a, b, d] = [await contact(), await contact(), await contact()];
    await conv({ contactId: a, channel: CH, openedAt: '2026-11-02T10:00:00Z', closedAt: '2026-11-02T10:20:00Z', closedBy: 'agent', closerAgentId: 'omar', assigneeId: 'omar' });
    await inbound('a-in', a, '2026-11-02T10:00:00Z');
    await outbound('a-bot', a, '2026-11-02T10:00:10Z', { senderType: 'automation' });
    await outbound('a-api', a, '2026-11-02T10:01:00Z', { senderType: 'api' });
    await outbound('a-omar', a, '2026-11-02T10:05:30Z', { senderType: 'agent', agentId: 'omar' });
    await conv({ contactId: b, channel: CH, openedAt: '2026-11-02T11:00:00Z', closedAt: '2026-11-02T11:30:00Z', closedBy: 'automation' });
    await inbound('b-in', b, '2026-11-02T11:00:00Z');
    await outbound('b-bot', b, '2026-11-02T11:00:05Z', { senderType: 'automation' });
    await conv({ contactId: d, channel: CH, openedAt: '2026-11-02T12:00:00Z', openedBy: 'agent', closedAt: '2026-11-02T12:30:00Z', closedBy: 'agent', closerAgentId: 'omar' });

    const r = await report(utcDay('2026-11-02'));
    expect(r.firstResponse).toMatchObject({ count: 1, avg: 330, median: 330, max: 330 });
    expect(r.firstResponse.buckets).toEqual({ '<30s': 0, '30s-2m': 0, '2-5m': 0, '5-10m': 1, '10-30m': 0, '30-60m': 0, '>1h': 0 });
    expect(r.response).toMatchObject({ count: 1, median: 330 }); // the turn 10:00:00 ends at omar, not the bot
    expect(r.closedWithoutResponse).toBe(1);
    expect(r.opened.byOpenedBy).toEqual({ contact: 2, agent: 1, automation: 0, api: 0 });
    // closed: 1200 s (agent), 1800 s (automation), 1800 s (agent) → uncategorised 3
    expect(r.closed.byCategory).toEqual({ uncategorised: 3 });
    expect(r.resolution).toMatchObject({ count: 3, avg: 1600, median: 1800, max: 1800 });
  });

  it('measures a reopened conversation per cycle', async () => {
    // conv-1 cycle 1: 09:00 → closed 09:10, ana replies 09:02 (120 s, resolution 600 s).
    // cycle 2 (reopen): 10:00 → closed 10:30, ana replies 10:07 (420 s, resolution 1800 s).
    // The 09:02 reply must not be cycle 2's, nor 10:07 cycle 1's.
    // FRT {120, 420}: avg 270, median 270, p90 = 120 + 0.9·300 = 390.
    // Resolution {600, 1800}: avg 1200, median 1200, p90 = 600 + 0.9·1200 = 1680.
    const c = await contact();
    await conv({ contactId: c, channel: CH, externalId: 'conv-1', cycle: 1, openedAt: '2026-11-02T09:00:00Z', closedAt: '2026-11-02T09:10:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana' });
    await conv({ contactId: c, channel: CH, externalId: 'conv-1', cycle: 2, openedAt: '2026-11-02T10:00:00Z', closedAt: '2026-11-02T10:30:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana' });
    await inbound('in1', c, '2026-11-02T09:00:00Z');
    await outbound('out1', c, '2026-11-02T09:02:00Z', { senderType: 'agent', agentId: 'ana', ref: 'conv-1' });
    await inbound('in2', c, '2026-11-02T10:00:00Z');
    await outbound('out2', c, '2026-11-02T10:07:00Z', { senderType: 'agent', agentId: 'ana', ref: 'conv-1' });

    const r = await report(utcDay('2026-11-02'));
    expect(r.opened.total).toBe(2);
    expect(r.firstResponse).toMatchObject({ count: 2, avg: 270, median: 270, max: 420 });
    expect(r.firstResponse.p90).toBeCloseTo(390, 6);
    expect(r.resolution).toMatchObject({ count: 2, avg: 1200, median: 1200, max: 1800 });
    expect(r.resolution.p90).toBeCloseTo(1680, 6);
    expect(r.closedWithoutResponse).toBe(0);
  });

  it('starts one clock for several inbound messages in a row', async () => {
    // Turn 1: inbound 09:00:00, 09:01:00, 09:03:00 → ana 09:05:00: 300 s (from the first).
    // Turn 2: inbound 09:10:00, a reaction 09:10:20 (not a turn) → an echo from the Business app
    //         09:11:00: 60 s; ana again 09:12:00 starts nothing (no inbound since).
    // Turn 3: a lone reaction 09:15:00 opens no turn; inbound 09:20:00 unanswered before the
    //         close 09:30:00: no value.
    // Response {300, 60}: avg 180, median 180, p90 = 60 + 0.9·240 = 276, max 300.
    const c = await contact();
    await conv({ contactId: c, channel: CH, openedAt: '2026-11-02T09:00:00Z', closedAt: '2026-11-02T09:30:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana' });
    for (const [w, t] of [['i1', '09:00:00'], ['i2', '09:01:00'], ['i3', '09:03:00'], ['i4', '09:10:00'], ['i6', '09:20:00']] as const) {
      await inbound(w, c, `2026-11-02T${t}Z`);
    }
    for (const [w, t] of [['r1', '09:10:20'], ['r2', '09:15:00']] as const) {
      await seedMessage(ctx.store.db, { wamid: w, direction: 'inbound', type: 'reaction', contactId: c, channel: CH, ts: `2026-11-02T${t}Z` });
    }
    await outbound('o1', c, '2026-11-02T09:05:00Z', { senderType: 'agent', agentId: 'ana' });
    await seedMessage(ctx.store.db, { wamid: 'e1', direction: 'outbound', origin: 'echo', senderType: 'echo', contactId: c, channel: CH, ts: '2026-11-02T09:11:00Z' });
    await outbound('o2', c, '2026-11-02T09:12:00Z', { senderType: 'agent', agentId: 'ana' });

    const r = await report(utcDay('2026-11-02'));
    expect(r.response).toMatchObject({ count: 2, avg: 180, median: 180, max: 300 });
    expect(r.response.p90).toBeCloseTo(276, 6);
    expect(r.response.buckets).toEqual({ '<30s': 0, '30s-2m': 1, '2-5m': 0, '5-10m': 1, '10-30m': 0, '30-60m': 0, '>1h': 0 });
    expect(r.firstResponse).toMatchObject({ count: 1, median: 300 });
  });

  it('keeps auto_close cycles apart from resolution', async () => {
    // Derived cycle (no inbox) 08:00 → auto_close at its last message 09:00: 3600 s, apart.
    // Its reply at 08:10 has no sender (derived: any live reply counts): FRT 600 s.
    // Inbox cycle 08:00 → closed by agent 08:20: 1200 s, the only resolution value.
    const [a, b] = [await contact(), await contact()];
    await conv({ contactId: a, channel: CH2, source: 'derived', openedAt: '2026-11-02T08:00:00Z', closedAt: '2026-11-02T09:00:00Z', closedBy: 'auto_close', lastMessageAt: '2026-11-02T09:00:00Z' });
    await inbound('a1', a, '2026-11-02T08:00:00Z', CH2);
    await outbound('a2', a, '2026-11-02T08:10:00Z', { channel: CH2 });
    await inbound('a3', a, '2026-11-02T09:00:00Z', CH2);
    await conv({ contactId: b, channel: CH, openedAt: '2026-11-02T08:00:00Z', closedAt: '2026-11-02T08:20:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana' });

    const r = await report(utcDay('2026-11-02'));
    expect(r.resolution).toMatchObject({ count: 1, avg: 1200, median: 1200, max: 1200 });
    expect(r.autoCloseResolution).toMatchObject({ count: 1, avg: 3600, median: 3600, max: 3600 });
    expect(r.closed.byClosedBy).toEqual({ agent: 1, automation: 0, auto_close: 1, api: 0 });
    expect(r.firstResponse).toMatchObject({ count: 1, median: 600 });
    // the 09:00 inbound is unanswered when the cycle closes: only the 08:00 turn has a value
    expect(r.response).toMatchObject({ count: 1, median: 600 });
  });

  it('counts unresolved cycles as those open at `to` (half-open window)', async () => {
    // Window = UTC Nov 2. U1 opened Nov 1, never closed → unresolved. U2 closed exactly at `to`
    // → still open at `to`, and not closed in the window. U3 closed 23:59:59 → closed.
    // U4 opened exactly at `to` → outside. U5 opened and closed Oct 30 – Nov 1 → outside.
    const cs = [await contact(), await contact(), await contact(), await contact(), await contact()];
    await conv({ contactId: cs[0]!, channel: CH, openedAt: '2026-11-01T10:00:00Z' });
    await conv({ contactId: cs[1]!, channel: CH, openedAt: '2026-11-02T10:00:00Z', closedAt: '2026-11-03T00:00:00Z', closedBy: 'api' });
    await conv({ contactId: cs[2]!, channel: CH, openedAt: '2026-11-02T11:00:00Z', closedAt: '2026-11-02T23:59:59Z', closedBy: 'api' });
    await conv({ contactId: cs[3]!, channel: CH, openedAt: '2026-11-03T00:00:00Z' });
    await conv({ contactId: cs[4]!, channel: CH, openedAt: '2026-10-30T10:00:00Z', closedAt: '2026-11-01T10:00:00Z', closedBy: 'api' });

    const r = await report(utcDay('2026-11-02'));
    expect(r.unresolved).toBe(2);
    expect(r.opened.total).toBe(2);
    expect(r.closed.byClosedBy.api).toBe(1);
    expect(r.resolution).toMatchObject({ count: 1, median: 46_799 }); // 11:00:00 → 23:59:59
  });

  it('filters by channel, by assignee and by the assignee’s team', async () => {
    // ana (Support) has a cycle on CH and one on CH2; omar (Sales) one on CH; one is unassigned.
    await seedAgent(ctx.store.db, { id: 'ana', name: 'Ana', team: 'Support' });
    await seedAgent(ctx.store.db, { id: 'omar', name: 'Omar', team: 'Sales' });
    const cs = [await contact(), await contact(), await contact(), await contact()];
    await conv({ contactId: cs[0]!, channel: CH, openedAt: '2026-11-02T08:00:00Z', assigneeId: 'ana' });
    await conv({ contactId: cs[1]!, channel: CH2, openedAt: '2026-11-02T08:00:00Z', assigneeId: 'ana' });
    await conv({ contactId: cs[2]!, channel: CH, openedAt: '2026-11-02T08:00:00Z', assigneeId: 'omar' });
    await conv({ contactId: cs[3]!, channel: CH, openedAt: '2026-11-02T08:00:00Z' });

    const opened = async (f: ReportFilters) => (await report(utcDay('2026-11-02'), f)).opened.total;
    expect(await opened({})).toBe(4);
    expect(await opened({ channel: CH })).toBe(3);
    expect(await opened({ agent: 'ana' })).toBe(2);
    expect(await opened({ agent: 'ana', channel: CH2 })).toBe(1);
    expect(await opened({ team: 'Sales' })).toBe(1);
    expect(await opened({ team: 'Nobody' })).toBe(0);
  });

  it('gives every duration in business time too when business hours are set', async () => {
    // Asia/Dubai, "sun-thu 09:00-18:00; fri 09:00-13:00". Thu 2026-11-05 17:00 local (13:00Z)
    // opened; ana replies 17:30 local (FRT 1800 s, all inside hours). The contact writes Fri
    // 20:00 local (16:00Z); ana answers Sun 09:15 local (05:15Z): wall 37 h 15 m = 134100 s,
    // business = Sun 09:00–09:15 = 900 s. Closed Sun 10:00 local (06:00Z): wall Thu 17:00 →
    // Sun 10:00 = 65 h = 234000 s; business = Thu 1 h + Fri 4 h + Sun 1 h = 21600 s.
    const parsed = parseBusinessHours('sun-thu 09:00-18:00; fri 09:00-13:00');
    if (!parsed.ok) throw new Error(parsed.error);
    const c = await contact();
    await conv({ contactId: c, channel: CH, openedAt: '2026-11-05T13:00:00Z', closedAt: '2026-11-08T06:00:00Z', closedBy: 'agent', closerAgentId: 'ana', assigneeId: 'ana' });
    await inbound('i1', c, '2026-11-05T13:00:00Z');
    await outbound('o1', c, '2026-11-05T13:30:00Z', { senderType: 'agent', agentId: 'ana' });
    await inbound('i2', c, '2026-11-06T16:00:00Z');
    await outbound('o2', c, '2026-11-08T05:15:00Z', { senderType: 'agent', agentId: 'ana' });

    const week = { from: new Date('2026-11-01T20:00:00Z'), to: new Date('2026-11-08T20:00:00Z'), tz: 'Asia/Dubai' };
    const r = await report(week, {}, parsed.hours);
    expect(r.firstResponse).toMatchObject({ count: 1, median: 1800, business: { count: 1, median: 1800 } });
    expect(r.response).toMatchObject({ count: 2, max: 134_100 });
    expect(r.response.business).toMatchObject({ count: 2, avg: (1800 + 900) / 2, max: 1800 });
    expect(r.response.business?.buckets['10-30m']).toBe(1); // 900 s (and 1800 s falls in 30-60m)
    expect(r.resolution).toMatchObject({ count: 1, median: 234_000, business: { count: 1, median: 21_600 } });
    expect(r.businessHours?.tz).toBe('Asia/Dubai');
  });

  it('counts business seconds by local days, DST included (wapulse_business_seconds)', async () => {
    const seconds = async (start: string, stop: string, tz: string, hours: string) => {
      const parsed = parseBusinessHours(hours);
      if (!parsed.ok) throw new Error(parsed.error);
      const { rows } = await sql<{ s: number }>`SELECT wapulse_business_seconds(${start}::timestamptz, ${stop}::timestamptz, ${tz}, ${JSON.stringify(parsed.hours.days)}::jsonb) AS s`.execute(ctx.store.db);
      return rows[0]!.s;
    };
    // Berlin, Sun 2026-03-29: clocks jump 02:00 → 03:00, so the whole day is 23 h = 82800 s,
    // and 01:00–04:00 local (00:00Z–02:00Z) is 2 h.
    expect(await seconds('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z', 'Europe/Berlin', 'sun 00:00-24:00')).toBe(82_800);
    expect(await seconds('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z', 'Europe/Berlin', 'sun 01:00-04:00')).toBe(7_200);
    // …and 00:00–02:30 there is 2 h: 02:00–02:30 never shows on the clock.
    expect(await seconds('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z', 'Europe/Berlin', 'sun 00:00-02:30')).toBe(7_200);
    // Berlin, Sun 2026-10-25: 03:00 CEST → 02:00 CET, so 02:00–02:30 shows twice: 00:00–02:30 = 3 h.
    expect(await seconds('2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z', 'Europe/Berlin', 'sun 00:00-02:30')).toBe(10_800);
    // Havana, Sun 2026-11-01: 01:00 CDT → 00:00 CST, midnight happens twice: the day is 25 h.
    expect(await seconds('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', 'America/Havana', 'sun 00:00-24:00')).toBe(90_000);
    // Mon 09:00–18:00 Dubai = 05:00Z–14:00Z; from 04:00Z to 06:30Z only 1.5 h are open.
    expect(await seconds('2026-11-02T04:00:00Z', '2026-11-02T06:30:00Z', 'Asia/Dubai', 'mon-fri 09:00-18:00')).toBe(5_400);
    // reversed or empty spans count nothing
    expect(await seconds('2026-11-02T06:30:00Z', '2026-11-02T04:00:00Z', 'Asia/Dubai', 'mon-fri 09:00-18:00')).toBe(0);
  });
});
