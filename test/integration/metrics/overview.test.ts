import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactsReport } from '../../../src/metrics/contacts.js';
import { conversationsReport } from '../../../src/metrics/conversations.js';
import { messagesReport } from '../../../src/metrics/messages.js';
import { overviewReport } from '../../../src/metrics/overview.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedChannel, seedContact, seedConversation, seedMessage } from '../../helpers/seed.js';

// Window: 2026-11-09 .. 2026-11-16 (UTC); previous window: 2026-11-02 .. 2026-11-09.
// Previous: 2 messages sent (1 delivered), 1 conversation opened (FRT 600 s), 1 new contact.
// Current:  1 message sent (delivered), 2 conversations opened (FRT 60 s and 180 s), 2 new contacts.
// opened 2 vs 1 → change +1; median FRT median(60, 180) = 120 vs 600 → (120 − 600)/600 = −0.8;
// new contacts 2 vs 1 → +1; failed 0 vs 0 → change n/a (null).
// (The agent replies below are outbound messages too, so sent counts them; see the assertions.)
const CH = '106540352242922';

describe.each(testDatabases)('overview on $name', (database) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await database.open();
    const db = store.db;
    await seedChannel(db, CH);
    const a = await seedContact(db, { waId: '971500000001', createdAt: '2026-11-03T10:00:00Z' });
    const b = await seedContact(db, { waId: '971500000002', createdAt: '2026-11-10T10:00:00Z' });
    const c = await seedContact(db, { waId: '971500000003', createdAt: '2026-11-11T10:00:00Z' });
    await seedMessage(db, { wamid: 'p1', direction: 'outbound', contactId: a, channel: CH, sentAt: '2026-11-03T10:10:00Z', deliveredAt: '2026-11-03T10:10:05Z' });
    await seedMessage(db, { wamid: 'p2', direction: 'outbound', contactId: a, channel: CH, sentAt: '2026-11-04T10:00:00Z' });
    await seedMessage(db, { wamid: 'c1', direction: 'outbound', contactId: b, channel: CH, sentAt: '2026-11-10T10:01:00Z', deliveredAt: '2026-11-10T10:01:02Z' });
    const frt = async (contactId: number, opened: string, replyAfterSec: number, wamid: string) => {
      const reply = new Date(Date.parse(opened) + replyAfterSec * 1000).toISOString();
      await seedMessage(db, { wamid: `${wamid}-in`, direction: 'inbound', contactId, channel: CH, ts: opened });
      await seedMessage(db, { wamid, direction: 'outbound', contactId, channel: CH, inboxSentAt: reply, senderType: 'agent', agentId: 'ana' });
      await seedConversation(db, { contactId, channel: CH, openedAt: opened });
    };
    await frt(a, '2026-11-05T09:00:00Z', 600, 'pr');
    await frt(b, '2026-11-12T09:00:00Z', 60, 'cr1');
    await frt(c, '2026-11-13T09:00:00Z', 180, 'cr2');
  });
  afterAll(async () => store.drop());

  it('puts each KPI beside the previous equal window', async () => {
    const r = await overviewReport(store.db, { window: { from: new Date('2026-11-09T00:00:00Z'), to: new Date('2026-11-16T00:00:00Z'), tz: 'UTC' }, filters: {} });
    expect(r.previousWindow).toEqual({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z', tz: 'UTC' });
    // the agent replies are outbound messages too: current sent = c1 + cr1 + cr2 = 3, previous = p1 + p2 + pr = 3
    expect(r.kpis.sent).toMatchObject({ current: 3, previous: 3, change: 0 });
    expect(r.kpis.conversationsOpened).toMatchObject({ current: 2, previous: 1, change: 1 });
    expect(r.kpis.medianFirstResponseSec).toMatchObject({ current: 120, previous: 600, change: -0.8 });
    expect(r.kpis.newContacts).toMatchObject({ current: 2, previous: 1, change: 1 });
    expect(r.kpis.failed).toMatchObject({ current: 0, previous: 0, change: null });
    // delivery: current 1 delivered of 3 sent, previous 1 of 3 → 1/3 both, change 0
    expect(r.kpis.deliveryRate.current).toBeCloseTo(1 / 3, 10);
    expect(r.kpis.deliveryRate.change).toBe(0);
  });

  // The overview runs only the parts of the reports it shows (messageCounts, contactsBySource):
  // each KPI must still be exactly its report's figure, on both sides, filtered or not.
  it.each([{}, { channel: CH }, { channel: 'nope' }])('agrees with the messages, conversations and contacts reports (filters %j)', async (filters) => {
    const window = { from: new Date('2026-11-09T00:00:00Z'), to: new Date('2026-11-16T00:00:00Z'), tz: 'UTC' };
    const r = await overviewReport(store.db, { window, filters });
    for (const [side, w] of [['current', window], ['previous', { ...window, from: new Date('2026-11-02T00:00:00Z'), to: window.from }]] as const) {
      const q = { window: w, filters };
      const [m, c, k] = await Promise.all([messagesReport(store.db, q), conversationsReport(store.db, q), contactsReport(store.db, q)]);
      expect({
        received: r.kpis.received[side], sent: r.kpis.sent[side], failed: r.kpis.failed[side],
        deliveryRate: r.kpis.deliveryRate[side], readRate: r.kpis.readRate[side],
        opened: r.kpis.conversationsOpened[side], closed: r.kpis.conversationsClosed[side], unresolved: r.kpis.unresolved[side],
        frt: r.kpis.medianFirstResponseSec[side], resolution: r.kpis.medianResolutionSec[side], newContacts: r.kpis.newContacts[side],
      }).toEqual({
        received: m.received, sent: m.sent, failed: m.failed, deliveryRate: m.deliveryRate.value, readRate: m.readRate.value,
        opened: c.opened.total, closed: c.closed.total, unresolved: c.unresolved,
        frt: c.firstResponse.median, resolution: c.resolution.median, newContacts: k.new.total,
      });
    }
  });
});
