import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failuresReport } from '../../../src/metrics/failures.js';
import type { ReportFilters, ReportWindow } from '../../../src/metrics/window.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedAgent, seedChannel, seedContact, seedMessage, type SeedMessage } from '../../helpers/seed.js';

// Every expected number below is worked out by hand from the rows each test seeds.
const DAY: ReportWindow = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
const A = '111';
const B = '222';
const r = (numerator: number, denominator: number) => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });
const RE = '131047 Re-engagement';
const UND = '131026 Undeliverable';
const ECO = '131049 Ecosystem limit';

describe.each(testDatabases)('failures report on $name', (database) => {
  let store: TestStore;
  let contact: number;
  beforeEach(async () => {
    store = await database.open();
    await seedChannel(store.db, A, '+971 50 111 0000');
    await seedChannel(store.db, B, '+971 50 222 0000');
    contact = await seedContact(store.db, { waId: '9715001', createdAt: '2026-01-01T00:00:00Z' });
  });
  afterEach(async () => store.drop());
  const report = (window: ReportWindow = DAY, filters: ReportFilters = {}) => failuresReport(store.db, { window, filters });
  const out = (wamid: string, m: Partial<SeedMessage>) => seedMessage(store.db, { wamid, direction: 'outbound', contactId: contact, channel: A, ...m });
  const fail = (wamid: string, code: number, title: string, sentAt: string, failedAt: string, m: Partial<SeedMessage> = {}) =>
    out(wamid, { sentAt, failedAt, errorCode: code, errorTitle: title, ...m });
  const webhookError = (channel: string, code: number, title: string, at: string) =>
    store.db.insertInto('webhook_errors').values({ raw_event_id: 1, phone_number_id: channel, code, title, details: null, observed_at: new Date(at) }).execute();

  it('counts failures by code, channel and pricing category, and the failure rate over the sent cohort', async () => {
    await fail('f1', 131047, 'Re-engagement message', '2026-11-02T10:00:00Z', '2026-11-02T10:00:05Z');
    await fail('f2', 131047, 'Re-engagement message', '2026-11-02T11:00:00Z', '2026-11-02T11:00:02Z');
    await fail('f3', 131026, 'Message undeliverable', '2026-11-02T12:00:00Z', '2026-11-02T12:00:01Z', { channel: B, pricingCategory: 'marketing' });
    await fail('f4', 131026, 'Message undeliverable', '2026-11-02T12:10:00Z', '2026-11-02T12:10:01Z', { pricingCategory: 'utility' });
    await fail('f5', 131026, 'Undeliverable', '2026-11-02T12:20:00Z', '2026-11-02T12:20:01Z', { channel: B, pricingCategory: 'marketing' });
    await fail('f6', 131999, 'Unknown error', '2026-11-02T13:00:00Z', '2026-11-02T13:00:01Z', { pricingCategory: 'utility' });
    // failed, then delivered: not a failure at all
    await fail('f7', 131026, 'Message undeliverable', '2026-11-02T14:00:00Z', '2026-11-02T14:00:01Z', { deliveredAt: '2026-11-02T14:05:00Z' });
    // sent in the window, failed exactly at `to`: in the cohort's failures, not in the window's
    await fail('f8', 130472, 'Experiment', '2026-11-02T23:59:00Z', '2026-11-03T00:00:00Z');
    // sent the day before, failed in the window: in the window's failures, not in the cohort
    await fail('f9', 131049, 'Ecosystem', '2026-11-01T23:00:00Z', '2026-11-02T00:10:00Z');
    await out('ok1', { sentAt: '2026-11-02T09:00:00Z', deliveredAt: '2026-11-02T09:00:01Z' });
    await out('ok2', { sentAt: '2026-11-02T09:00:00Z', readAt: '2026-11-02T09:10:00Z', channel: B });
    await out('ok3', { sentAt: '2026-11-02T09:00:00Z' });
    await webhookError(A, 131000, 'Something went wrong', '2026-11-02T05:00:00Z');
    await webhookError(B, 131000, 'Something went wrong', '2026-11-02T06:00:00Z');
    await webhookError(A, 100, 'Invalid parameter', '2026-11-02T00:00:00Z'); // at `from`: in
    await webhookError(A, 100, 'Invalid parameter', '2026-11-03T00:00:00Z'); // at `to`: out

    const rep = await report();
    // window failures: f1 f2 f3 f4 f5 f6 f9 = 7 (f7 delivered, f8 failed at `to`)
    expect(rep.failed).toBe(7);
    // cohort: sent in window f1..f8, ok1..ok3 = 11; failed for good f1..f6, f8 = 7
    expect([rep.sent, rep.failureRate]).toEqual([11, r(7, 11)]);
    // 131026: f3 f4 f5 (title: "Message undeliverable" twice vs once); 131047: f1 f2; then 131049 f9, 131999 f6
    expect(rep.byCode).toEqual([
      { code: 131026, title: 'Message undeliverable', class: UND, count: 3 },
      { code: 131047, title: 'Re-engagement message', class: RE, count: 2 },
      { code: 131049, title: 'Ecosystem', class: ECO, count: 1 },
      { code: 131999, title: 'Unknown error', class: 'Other', count: 1 },
    ]);
    // A: failed f1 f2 f4 f6 f9 = 5; sent f1 f2 f4 f6 f7 f8 ok1 ok3 = 8, of which failed f1 f2 f4 f6 f8 = 5
    // B: failed f3 f5 = 2; sent f3 f5 ok2 = 3, of which failed 2
    expect(rep.byChannel).toEqual([
      { channel: A, displayPhoneNumber: '+971 50 111 0000', failed: 5, sent: 8, failureRate: r(5, 8) },
      { channel: B, displayPhoneNumber: '+971 50 222 0000', failed: 2, sent: 3, failureRate: r(2, 3) },
    ]);
    // none: f1 f2 f9; marketing: f3 f5; utility: f4 f6
    expect(rep.byPricingCategory).toEqual([
      { category: null, count: 3 },
      { category: 'marketing', count: 2 },
      { category: 'utility', count: 2 },
    ]);
    expect(rep.classOrder).toEqual([RE, UND, ECO, 'Other']);
    expect(rep.errorClasses.map((c) => c.label)).toEqual([RE, UND, ECO, '131050 User stopped marketing', '130472 Experiment', '131000 Something went wrong', 'Other']);
    // by failed day (one day): 131026 ×3, 131047 ×2, 131049 ×1, other ×1; rate of the day's sent = 7/11
    expect(rep.days).toEqual([{
      date: '2026-11-02', failed: 7,
      byClass: { [UND]: 3, [RE]: 2, [ECO]: 1, Other: 1 },
      byCode: [{ code: 131026, count: 3 }, { code: 131047, count: 2 }, { code: 131049, count: 1 }, { code: 131999, count: 1 }],
      failureRate: r(7, 11),
    }]);
    // webhook errors: 131000 ×2, 100 ×1 (the one at `to` is out)
    expect(rep.webhookErrors).toEqual({ total: 3, byCode: [{ code: 131000, title: 'Something went wrong', count: 2 }, { code: 100, title: 'Invalid parameter', count: 1 }] });

    const onB = await report(DAY, { channel: B });
    expect([onB.failed, onB.sent, onB.failureRate, onB.byChannel.length]).toEqual([2, 3, r(2, 3), 1]);
    expect(onB.webhookErrors).toEqual({ total: 1, byCode: [{ code: 131000, title: 'Something went wrong', count: 1 }] });
  });

  it('gives each day of a non-UTC zone its failures and the failure rate of the messages sent that day', async () => {
    // America/New_York: 2026-10-31 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z; 11-01 is 25 h
    const w: ReportWindow = { from: new Date('2026-10-31T04:00:00Z'), to: new Date('2026-11-02T05:00:00Z'), tz: 'America/New_York' };
    await fail('s1', 131047, 'Re-engagement message', '2026-11-01T02:00:00Z', '2026-11-01T04:30:00Z'); // sent 10-31 22:00 EDT, failed 11-01 00:30 EDT
    await out('s2', { sentAt: '2026-10-31T12:00:00Z', deliveredAt: '2026-10-31T12:00:01Z' }); // 10-31 08:00 EDT
    await fail('s3', 131026, 'Message undeliverable', '2026-11-02T04:30:00Z', '2026-11-02T04:31:00Z'); // 11-01 23:30 EST (UTC: 11-02)
    await fail('s4', 131047, 'Re-engagement message', '2026-11-01T05:30:00Z', '2026-11-01T05:31:00Z'); // 01:30 EDT, first pass
    await out('s5', { sentAt: '2026-11-01T06:30:00Z', deliveredAt: '2026-11-01T06:31:00Z' }); // 01:30 EST, second pass
    await fail('s6', 131026, 'Message undeliverable', '2026-11-01T12:00:00Z', '2026-11-01T12:01:00Z', { deliveredAt: '2026-11-01T12:02:00Z' });

    const rep = await report(w);
    expect(rep.days).toEqual([
      // sent s1 s2, s1 failed (the next day) → 1/2; nothing failed on 10-31
      { date: '2026-10-31', failed: 0, byClass: {}, byCode: [], failureRate: r(1, 2) },
      // failed s1 s4 (131047), s3 (131026); sent s3 s4 s5 s6, failed s3 s4 → 2/4 (s6 was delivered)
      { date: '2026-11-01', failed: 3, byClass: { [RE]: 2, [UND]: 1 }, byCode: [{ code: 131047, count: 2 }, { code: 131026, count: 1 }], failureRate: r(2, 4) },
    ]);
    expect([rep.failed, rep.sent, rep.failureRate]).toEqual([3, 6, r(3, 6)]);
  });

  it('restricts message failures to the agent or team, not webhook errors', async () => {
    await seedAgent(store.db, { id: 'ana', name: 'Ana', team: 'sales' });
    await seedAgent(store.db, { id: 'bob', name: 'Bob', team: 'support' });
    await fail('a1', 131047, 'Re-engagement message', '2026-11-02T10:00:00Z', '2026-11-02T10:00:01Z', { senderType: 'agent', agentId: 'ana' });
    await fail('b1', 131026, 'Message undeliverable', '2026-11-02T10:00:00Z', '2026-11-02T10:00:01Z', { senderType: 'agent', agentId: 'bob' });
    await out('b2', { sentAt: '2026-11-02T10:00:00Z', deliveredAt: '2026-11-02T10:00:01Z', senderType: 'agent', agentId: 'bob' });
    await fail('x1', 131026, 'Message undeliverable', '2026-11-02T10:00:00Z', '2026-11-02T10:00:01Z', { senderType: 'broadcast' });
    await webhookError(A, 131000, 'Something went wrong', '2026-11-02T05:00:00Z');

    // support = bob: b1 failed of b1 b2 sent
    const support = await report(DAY, { team: 'support' });
    expect([support.failed, support.failureRate, support.byCode.map((c) => c.code)]).toEqual([1, r(1, 2), [131026]]);
    expect(support.webhookErrors.total).toBe(1);
    const ana = await report(DAY, { agent: 'ana' });
    expect([ana.failed, ana.failureRate]).toEqual([1, r(1, 1)]);
    // everyone: a1 b1 x1 failed of a1 b1 b2 x1
    expect((await report()).failureRate).toEqual(r(3, 4));
  });
});
