import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messagesReport } from '../../../src/metrics/messages.js';
import type { ReportFilters, ReportWindow } from '../../../src/metrics/window.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedAgent, seedChannel, seedContact, seedMessage } from '../../helpers/seed.js';

// Every expected number below is worked out by hand from the rows each test seeds.
// Unless a test says otherwise the window is the UTC day 2026-11-02, half-open.
const DAY: ReportWindow = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
const A = '111';
const B = '222';
const r = (numerator: number, denominator: number) => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });

describe.each(testDatabases)('messages report on $name', (database) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await database.open();
    await seedChannel(store.db, A, '+971 50 111 0000');
    await seedChannel(store.db, B, '+971 50 222 0000');
  });
  afterEach(async () => store.drop());
  const report = (window: ReportWindow = DAY, filters: ReportFilters = {}) => messagesReport(store.db, { window, filters });
  const contact = (waId: string) => seedContact(store.db, { waId, createdAt: '2026-01-01T00:00:00Z' });

  it('counts each step by its own time and the rates over the sent cohort', async () => {
    const c = await contact('9715001');
    const out = (wamid: string, m: Partial<Parameters<typeof seedMessage>[1]>) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId: c, channel: A, ...m });
    const inb = (wamid: string, ts: string, type = 'text', origin: 'live' | 'history' = 'live') =>
      seedMessage(store.db, { wamid, direction: 'inbound', contactId: c, channel: A, ts, type, origin });
    await out('o1', { sentAt: '2026-11-02T10:00:00Z', deliveredAt: '2026-11-02T10:01:00Z', readAt: '2026-11-02T10:05:00Z' });
    // read without delivered: delivered at the read time
    await out('o2', { sentAt: '2026-11-02T11:00:00Z', readAt: '2026-11-02T11:10:00Z' });
    // failed, then delivered: delivered, not failed
    await out('o3', { sentAt: '2026-11-02T12:00:00Z', failedAt: '2026-11-02T12:01:00Z', deliveredAt: '2026-11-02T12:03:00Z', errorCode: 131026 });
    // a voice note played (never "read"): read at the played time
    await out('o4', { type: 'audio', sentAt: '2026-11-02T13:00:00Z', deliveredAt: '2026-11-02T13:02:00Z', playedAt: '2026-11-02T13:20:00Z' });
    await out('o5', { sentAt: '2026-11-02T14:00:00Z', failedAt: '2026-11-02T14:01:00Z', errorCode: 131026 });
    // known only from the inbox's message.sent: counts from that event
    await out('o6', { inboxSentAt: '2026-11-02T15:00:00Z' });
    // sent the day before, delivered in the window
    await out('o7', { sentAt: '2026-11-01T23:00:00Z', deliveredAt: '2026-11-02T00:30:00Z' });
    // sent in the window, delivered after it: not delivered in the window, delivered in the cohort
    await out('o8', { sentAt: '2026-11-02T22:00:00Z', deliveredAt: '2026-11-03T01:00:00Z' });
    // sent the day before, read (no delivered) in the window: delivered and read by the read time
    await out('o9', { sentAt: '2026-11-01T20:00:00Z', readAt: '2026-11-02T08:00:00Z' });
    // a coexistence echo from the Business app is sent; history never counts
    await out('e1', { origin: 'echo', ts: '2026-11-02T16:00:00Z', senderType: 'echo', type: 'text' });
    await out('h1', { origin: 'history', ts: '2026-11-02T10:00:00Z', sentAt: '2026-11-02T10:00:00Z', deliveredAt: '2026-11-02T10:00:00Z' });
    await inb('i1', '2026-11-02T09:00:00Z');
    await inb('i2', '2026-11-02T09:30:00Z', 'reaction');
    await inb('i3', '2026-11-02T09:40:00Z', 'system');
    await inb('i4', '2026-11-02T09:50:00Z', 'request_welcome');
    await inb('i5', '2026-11-02T17:00:00Z', 'image');
    await inb('ih', '2026-11-02T09:10:00Z', 'text', 'history');

    const rep = await report();
    // received: i1, i5 (reaction apart; system, request_welcome and history out)
    expect([rep.received, rep.reactions]).toEqual([2, 1]);
    // sent: o1 o2 o3 o4 o5 o6 o8 e1 = 8 (o7, o9 sent the day before; h1 is history)
    expect(rep.sent).toBe(8);
    // delivered in window: o1 10:01, o2 11:10 (read), o3 12:03, o4 13:02, o7 00:30, o9 08:00 (read) = 6
    expect(rep.delivered).toBe(6);
    // read in window: o1, o2, o4 (played), o9 = 4
    expect(rep.read).toBe(4);
    // failed: o5 only (o3 was delivered after failing)
    expect(rep.failed).toBe(1);
    // cohort of 8: delivered ever o1 o2 o3 o4 o8 = 5; of those read o1 o2 o4 = 3; failed o5 = 1
    expect(rep.deliveryRate).toEqual(r(5, 8));
    expect(rep.readRate).toEqual(r(3, 5));
    expect(rep.failureRate).toEqual(r(1, 8));
    // engagement: received 2 / delivered in window 6
    expect(rep.engagement).toEqual(r(2, 6));
    // every message of the cohort was sent at or after i1 (09:00) on the same day: all inside
    expect([rep.insideWindow, rep.outsideWindow]).toEqual([8, 0]);
    expect(rep.days).toEqual([{ date: '2026-11-02', sent: 8, delivered: 6, read: 4, received: 2 }]);
    expect(rep.byChannel.map((ch) => [ch.channel, ch.displayPhoneNumber, ch.sent, ch.delivered])).toEqual([[A, '+971 50 111 0000', 8, 6]]);
    expect(rep).toMatchObject({ report: 'messages', window: { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', tz: 'UTC' }, filters: {} });
  });

  it('is half-open: a message at `from` counts, one at `to` does not', async () => {
    const c = await contact('9715002');
    const out = (wamid: string, m: Partial<Parameters<typeof seedMessage>[1]>) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId: c, channel: A, ...m });
    await out('x1', { sentAt: '2026-11-02T00:00:00Z', deliveredAt: '2026-11-02T00:01:00Z' });
    await out('x2', { sentAt: '2026-11-03T00:00:00Z', deliveredAt: '2026-11-03T00:01:00Z' });
    await out('x3', { sentAt: '2026-11-02T23:00:00Z', deliveredAt: '2026-11-03T00:00:00Z' });
    await out('x4', { sentAt: '2026-11-01T23:59:00Z', failedAt: '2026-11-02T00:00:00Z' });
    await seedMessage(store.db, { wamid: 'i1', direction: 'inbound', contactId: c, channel: A, ts: '2026-11-02T00:00:00Z' });
    await seedMessage(store.db, { wamid: 'i2', direction: 'inbound', contactId: c, channel: A, ts: '2026-11-03T00:00:00Z' });

    const rep = await report();
    // sent x1 (at from), x3; not x2 (at to)
    expect(rep.sent).toBe(2);
    // delivered x1 only: x3's delivery is exactly at `to`; both in the cohort
    expect(rep.delivered).toBe(1);
    expect(rep.deliveryRate).toEqual(r(2, 2));
    // x4 failed exactly at `from`; it was sent before, so it is outside the cohort
    expect(rep.failed).toBe(1);
    expect(rep.failureRate).toEqual(r(0, 2));
    // i1 at from counts, i2 at to does not
    expect(rep.received).toBe(1);
    expect(rep.engagement).toEqual(r(1, 1));
    // to − 1 µs is still 2026-11-02: one day
    expect(rep.days).toEqual([{ date: '2026-11-02', sent: 2, delivered: 1, read: 0, received: 1 }]);
  });

  it('puts a message inside the 24 h window only when the contact wrote in (t − 24h, t]', async () => {
    const c1 = await contact('9715011');
    const c2 = await contact('9715012');
    const c3 = await contact('9715013');
    const inb = (wamid: string, contactId: number, ts: string, type = 'text') =>
      seedMessage(store.db, { wamid, direction: 'inbound', contactId, channel: A, ts, type });
    const out = (wamid: string, contactId: number, sentAt: string, channel = A) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId, channel, sentAt });
    await inb('c1-in', c1, '2026-11-01T10:00:00Z');
    await out('a', c1, '2026-11-02T10:00:00Z'); // exactly 24 h later: t − 24h is excluded → outside
    await out('b', c1, '2026-11-02T09:59:59Z'); // 23:59:59 later → inside
    await out('e', c1, '2026-11-02T09:00:00Z', B); // c1 wrote on A, not on B → outside
    await inb('c2-in', c2, '2026-11-02T12:00:00Z');
    await out('c', c2, '2026-11-02T12:00:00Z'); // same instant: t itself is included → inside
    await out('d', c2, '2026-11-02T11:59:59Z'); // the contact wrote only after → outside
    await inb('c3-sys', c3, '2026-11-02T08:00:00Z', 'system');
    await out('f', c3, '2026-11-02T09:00:00Z'); // a system notice is not the contact writing → outside

    const rep = await report();
    // sent a b c d e f = 6; inside b, c = 2; outside a, d, e, f = 4
    expect([rep.sent, rep.insideWindow, rep.outsideWindow]).toEqual([6, 2, 4]);
    // per channel: A sent a b c d f (inside b c), B sent e (outside); received: c2-in only (c1-in is the day before)
    expect(rep.byChannel.map((ch) => [ch.channel, ch.sent, ch.insideWindow, ch.outsideWindow, ch.received])).toEqual([
      [A, 5, 2, 3, 1],
      [B, 1, 0, 1, 0],
    ]);
  });

  it('counts billable messages by pricing type, or by `billable` where no type came', async () => {
    const c = await contact('9715021');
    const out = (wamid: string, m: Partial<Parameters<typeof seedMessage>[1]>) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId: c, channel: A, sentAt: '2026-11-02T10:00:00Z', ...m });
    await out('p1', { pricingType: 'regular', pricingCategory: 'marketing', billable: true }); // billable
    await out('p2', { pricingType: 'regular', pricingCategory: 'utility', billable: false }); // billable: the type decides
    await out('p3', { pricingType: 'free_customer_service', pricingCategory: 'service', billable: false }); // no
    await out('p4', { pricingCategory: 'utility', billable: true }); // no type, billable → billable
    await out('p5', { pricingCategory: 'service', billable: false }); // no type, not billable → no
    await out('p6', { pricingType: 'free_entry_point', pricingCategory: 'marketing', billable: true }); // a type other than regular → no
    await out('p7', { pricingType: 'regular', pricingCategory: 'marketing', sentAt: '2026-11-01T10:00:00Z' }); // sent before the window
    await out('p8', { pricingType: 'regular', pricingCategory: 'marketing', channel: B }); // billable, on B
    await out('p9', {}); // no pricing at all → no

    const rep = await report();
    // billable p1 p2 p4 p8 = 4: marketing p1 p8 = 2, utility p2 p4 = 2 (ties by name)
    expect(rep.billable).toEqual({ total: 4, byCategory: [{ category: 'marketing', count: 2 }, { category: 'utility', count: 2 }] });
    // A: p1 marketing, p2 p4 utility; B: p8 marketing
    expect(rep.byChannel.map((ch) => [ch.channel, ch.billable])).toEqual([
      [A, { total: 3, byCategory: [{ category: 'utility', count: 2 }, { category: 'marketing', count: 1 }] }],
      [B, { total: 1, byCategory: [{ category: 'marketing', count: 1 }] }],
    ]);
  });

  it('buckets days in the report zone across a DST change (Europe/London, 2026-03-29 is 23 h)', async () => {
    // local 2026-03-28 00:00 GMT = 00:00Z; local 2026-03-31 00:00 BST = 2026-03-30T23:00Z
    const w: ReportWindow = { from: new Date('2026-03-28T00:00:00Z'), to: new Date('2026-03-30T23:00:00Z'), tz: 'Europe/London' };
    const c = await contact('9715031');
    const out = (wamid: string, m: Partial<Parameters<typeof seedMessage>[1]>) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId: c, channel: A, ...m });
    await seedMessage(store.db, { wamid: 'in', direction: 'inbound', contactId: c, channel: A, ts: '2026-03-28T23:30:00Z' }); // 28th 23:30 GMT
    await out('s1', { sentAt: '2026-03-29T00:30:00Z' }); // 29th 00:30 GMT
    await out('s2', { sentAt: '2026-03-29T22:59:59Z' }); // 29th 23:59:59 BST
    await out('s3', { sentAt: '2026-03-29T23:30:00Z' }); // 30th 00:30 BST (UTC says the 29th)
    // 30th 23:00 BST sent, 23:30 BST delivered; read 00:10 BST on the 31st, after `to`
    await out('s4', { sentAt: '2026-03-30T22:00:00Z', deliveredAt: '2026-03-30T22:30:00Z', readAt: '2026-03-30T23:10:00Z' });
    await out('s5', { sentAt: '2026-03-30T23:00:00Z' }); // exactly `to`

    const rep = await report(w);
    expect(rep.days).toEqual([
      { date: '2026-03-28', sent: 0, delivered: 0, read: 0, received: 1 },
      { date: '2026-03-29', sent: 2, delivered: 0, read: 0, received: 0 }, // s1, s2
      { date: '2026-03-30', sent: 2, delivered: 1, read: 0, received: 0 }, // s3, s4; s4 delivered
    ]);
    expect([rep.sent, rep.delivered, rep.read, rep.received]).toEqual([4, 1, 0, 1]);
  });

  it('splits by channel; channel filters everything, agent/team only outbound', async () => {
    await seedAgent(store.db, { id: 'ana', name: 'Ana', team: 'sales' });
    await seedAgent(store.db, { id: 'bob', name: 'Bob', team: 'support' });
    const c1 = await contact('9715041');
    const c2 = await contact('9715042');
    const t = '2026-11-02T10:00:00Z';
    await seedMessage(store.db, { wamid: 'i1', direction: 'inbound', contactId: c1, channel: A, ts: '2026-11-02T09:00:00Z' });
    await seedMessage(store.db, { wamid: 'i2', direction: 'inbound', contactId: c2, channel: B, ts: '2026-11-02T09:00:00Z' });
    await seedMessage(store.db, { wamid: 'i3', direction: 'inbound', contactId: c2, channel: B, ts: '2026-11-02T09:30:00Z' });
    await seedMessage(store.db, { wamid: 'a1', direction: 'outbound', contactId: c1, channel: A, sentAt: t, deliveredAt: t, senderType: 'agent', agentId: 'ana' });
    await seedMessage(store.db, { wamid: 'a2', direction: 'outbound', contactId: c1, channel: A, sentAt: t, failedAt: t, senderType: 'agent', agentId: 'bob' });
    await seedMessage(store.db, { wamid: 'a3', direction: 'outbound', contactId: c1, channel: A, sentAt: t, deliveredAt: t, readAt: t, senderType: 'automation' });
    await seedMessage(store.db, { wamid: 'a4', direction: 'outbound', contactId: c2, channel: B, sentAt: t, deliveredAt: t, readAt: t, senderType: 'agent', agentId: 'ana' });
    const pick = (x: { received: number; sent: number; delivered: number; read: number; failed: number }) => [x.received, x.sent, x.delivered, x.read, x.failed];

    const all = await report();
    // received i1 i2 i3; sent a1..a4; delivered a1 a3 a4; read a3 a4; failed a2
    expect(pick(all)).toEqual([3, 4, 3, 2, 1]);
    expect(all.byChannel.map((ch) => [ch.channel, ch.displayPhoneNumber, ...pick(ch)])).toEqual([
      [A, '+971 50 111 0000', 1, 3, 2, 1, 1],
      [B, '+971 50 222 0000', 2, 1, 1, 1, 0],
    ]);
    const onB = await report(DAY, { channel: B });
    expect(pick(onB)).toEqual([2, 1, 1, 1, 0]);
    expect(onB.byChannel.map((ch) => ch.channel)).toEqual([B]);
    // ana: a1, a4 — received stays 3 (inbound has no agent), engagement 3 / 2
    const ana = await report(DAY, { agent: 'ana' });
    expect(pick(ana)).toEqual([3, 2, 2, 1, 0]);
    expect(ana.engagement).toEqual(r(3, 2));
    expect(ana.filters).toEqual({ agent: 'ana' });
    // team support = bob: a2, failed
    expect(pick(await report(DAY, { team: 'support' }))).toEqual([3, 1, 0, 0, 1]);
  });

  it('returns zeros and null rates for an empty window', async () => {
    const rep = await report();
    expect(pick0(rep)).toEqual({ sent: 0, received: 0, deliveryRate: r(0, 0), byChannel: [], billable: { total: 0, byCategory: [] } });
    expect(rep.days).toEqual([{ date: '2026-11-02', sent: 0, delivered: 0, read: 0, received: 0 }]);
  });
});

const pick0 = (x: { sent: number; received: number; deliveryRate: unknown; byChannel: unknown[]; billable: unknown }) =>
  ({ sent: x.sent, received: x.received, deliveryRate: x.deliveryRate, byChannel: x.byChannel, billable: x.billable });
