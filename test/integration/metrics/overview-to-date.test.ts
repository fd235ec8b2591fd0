import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewReport } from '../../../src/metrics/overview.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedAgent, seedChannel, seedContact, seedMessage } from '../../helpers/seed.js';

// this-week in UTC, asked on Monday 23 Nov 2026 at 09:00: window Mon 23 Nov 00:00 → Mon 30 Nov
// 00:00, figures to 09:00. The same elapsed span of last week is Mon 16 Nov 00:00 → 09:00.
// Received: current 03:00 and 08:00 → 2. Last week: 16 Nov 01:00 and 08:59 inside the span;
// 16 Nov 09:00 (the span is half-open) and 18 Nov 12:00 outside → 2. change (2 − 2)/2 = 0.
// Against the whole of last week (the old rule) it would have read 2 vs 4, −50 %.
// Sent: omar at 04:00 and ana at 05:00 this week; nobody last week in the span, ana on 18 Nov.
const CH = '106540352242922';
const WEEK = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z'), tz: 'UTC' };
const NOW = new Date('2026-11-23T09:00:00Z');

describe.each(testDatabases)('overview to date on $name', (database) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await database.open();
    const db = store.db;
    await seedChannel(db, CH);
    await seedAgent(db, { id: 'omar', name: 'Omar', team: 'care' });
    await seedAgent(db, { id: 'ana', name: 'Ana', team: 'sales' });
    const a = await seedContact(db, { waId: '971500000001', createdAt: '2026-10-01T00:00:00Z' });
    const inbound = ['2026-11-16T01:00:00Z', '2026-11-16T08:59:00Z', '2026-11-16T09:00:00Z', '2026-11-18T12:00:00Z', '2026-11-23T03:00:00Z', '2026-11-23T08:00:00Z'];
    for (const [i, ts] of inbound.entries()) await seedMessage(db, { wamid: `in${i}`, direction: 'inbound', contactId: a, channel: CH, ts });
    const out = (wamid: string, agentId: string, sentAt: string) =>
      seedMessage(db, { wamid, direction: 'outbound', contactId: a, channel: CH, sentAt, senderType: 'agent', agentId });
    await out('o1', 'omar', '2026-11-23T04:00:00Z');
    await out('o2', 'ana', '2026-11-23T05:00:00Z');
    await out('o3', 'ana', '2026-11-18T10:00:00Z');
  });
  afterAll(async () => store.drop());

  it('compares this week so far with the same hours of last week', async () => {
    const r = await overviewReport(store.db, { window: WEEK, filters: {} }, { now: NOW });
    expect(r.window).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z', tz: 'UTC' });
    expect(r.previousWindow).toEqual({ from: '2026-11-16T00:00:00.000Z', to: '2026-11-16T09:00:00.000Z', tz: 'UTC' });
    expect(r.asOf).toBe('2026-11-23T09:00:00.000Z');
    expect(r.kpis.received).toEqual({ current: 2, previous: 2, change: 0, filteredBy: [] });
    // sent: o1, o2 this week; o3 (18 Nov) is outside last week's span → 2 vs 0, change n/a
    expect(r.kpis.sent).toEqual({ current: 2, previous: 0, change: null, filteredBy: [] });
  });

  it('a past week still compares with the whole week before', async () => {
    const r = await overviewReport(store.db, { window: { ...WEEK, from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') }, filters: {} }, { now: NOW });
    expect(r.asOf).toBeNull();
    expect(r.previousWindow).toEqual({ from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z', tz: 'UTC' });
    // 16 Nov 01:00, 08:59, 09:00 and 18 Nov 12:00 → 4; nothing the week before
    expect(r.kpis.received).toMatchObject({ current: 4, previous: 0 });
  });

  it('says which KPIs the agent filter applies to', async () => {
    const r = await overviewReport(store.db, { window: WEEK, filters: { agent: 'omar' } }, { now: NOW });
    // received messages have no agent: still 2 vs 2, unfiltered; sent counts omar's o1 only
    expect(r.kpis.received).toEqual({ current: 2, previous: 2, change: 0, filteredBy: [] });
    expect(r.kpis.sent).toEqual({ current: 1, previous: 0, change: null, filteredBy: ['agent'] });
    expect(r.kpis.newContacts.filteredBy).toEqual([]);
    const filtered = Object.entries(r.kpis).filter(([, k]) => k.filteredBy.length > 0).map(([name]) => name);
    expect(filtered).toEqual([
      'sent', 'deliveryRate', 'readRate', 'failed', 'conversationsOpened', 'conversationsClosed', 'unresolved', 'medianFirstResponseSec', 'medianResolutionSec',
    ]);
    const both = await overviewReport(store.db, { window: WEEK, filters: { channel: CH, team: 'care' } }, { now: NOW });
    expect(both.kpis.received.filteredBy).toEqual(['channel']);
    expect(both.kpis.sent.filteredBy).toEqual(['channel', 'team']);
    expect(both.kpis.newContacts.filteredBy).toEqual(['channel']);
  });
});
