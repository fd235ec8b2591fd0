import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartForReport, chartText } from '../../../src/charts/index.js';
import { messagesFunnel } from '../../../src/charts/from-reports.js';
import { funnelBarLabels } from '../../../src/charts/messages-funnel.js';
import { messagesReport } from '../../../src/metrics/messages.js';
import type { ReportWindow } from '../../../src/metrics/window.js';
import { testDatabases, type TestStore } from '../../helpers/databases.js';
import { seedChannel, seedContact, seedMessage } from '../../helpers/seed.js';
import { decodePng } from '../../unit/charts/png.js';

// The UTC day 2026-11-02, half-open. Expected numbers are worked out by hand from the rows below.
const DAY: ReportWindow = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), tz: 'UTC' };
const CHANNEL = '111';

describe.each(testDatabases)('the funnel chart of a real messages report on $name', (database) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await database.open();
    await seedChannel(store.db, CHANNEL);
  });
  afterEach(async () => store.drop());

  it('draws bars and percentages from the same sent cohort, though window counts differ', async () => {
    const c = await seedContact(store.db, { waId: '9715001', createdAt: '2026-01-01T00:00:00Z' });
    const out = (wamid: string, m: Partial<Parameters<typeof seedMessage>[1]>) =>
      seedMessage(store.db, { wamid, direction: 'outbound', contactId: c, channel: CHANNEL, ...m });
    // Sent the day before, delivered in the window: a window delivery, outside the cohort.
    await out('o0', { sentAt: '2026-11-01T23:00:00Z', deliveredAt: '2026-11-02T01:00:00Z' });
    // The cohort, sent in the window: o1 delivered and read in it, o2 delivered after it, o3 failed.
    await out('o1', { sentAt: '2026-11-02T10:00:00Z', deliveredAt: '2026-11-02T10:01:00Z', readAt: '2026-11-02T11:00:00Z' });
    await out('o2', { sentAt: '2026-11-02T12:00:00Z', deliveredAt: '2026-11-03T01:00:00Z' });
    await out('o3', { sentAt: '2026-11-02T13:00:00Z', failedAt: '2026-11-02T13:01:00Z', errorCode: 131050 });
    await seedMessage(store.db, { wamid: 'i1', direction: 'inbound', contactId: c, channel: CHANNEL, ts: '2026-11-02T09:00:00Z' });

    const report = await messagesReport(store.db, { window: DAY, filters: {} });
    // Window counts: delivered o0 and o1 (2), read o1 (1). Cohort: sent o1 o2 o3 (3), of those
    // delivered o1 o2 (2), read o1 (1). Received i1 (1), engagement over the 2 window deliveries.
    expect([report.sent, report.delivered, report.read, report.received]).toEqual([3, 2, 1, 1]);
    const data = messagesFunnel(report);
    expect(data).toMatchObject({ sent: 3, delivered: 2, read: 1, received: 1, deliveredInWindow: 2 });
    // 2 / 3 = 66.7 % is the Delivered bar over the Sent bar; 1 / 2 = 50 % the Read bar over Delivered.
    expect(funnelBarLabels(data)).toEqual(['3', '2 · 66.7% of sent', '1 · 50.0% of delivered', '1 · 50.0% engagement']);
    expect(report.deliveryRate.numerator / report.deliveryRate.denominator).toBeCloseTo(2 / 3, 10);
    const text = chartText('messagesFunnel', data);
    expect(text[0]).toBe('Messages: sent → delivered → read, and received — 2 Nov 2026 · UTC');
    expect(text[2]).toBe('Engagement: received ÷ the 2 messages delivered in the window.');

    const png = await chartForReport(report);
    expect(png).not.toBeNull();
    const img = await decodePng(png as Buffer);
    expect([img.width, img.height]).toEqual([1600, 900]);
  });
});
