import { describe, expect, it } from 'vitest';
import { buildMessagesFunnelConfig, FUNNEL_COLOURS, messagesFunnelText } from '../../../src/charts/index.js';
import { messagesFunnel } from '../../../src/charts/from-reports.js';
import { funnelBarLabels } from '../../../src/charts/messages-funnel.js';
import type { MessagesReport } from '../../../src/metrics/index.js';
import { funnel, week } from './fixtures.js';
import { subtitleLines } from './subtitle.js';

describe('buildMessagesFunnelConfig', () => {
  const config = buildMessagesFunnelConfig(funnel);

  it('has one bar per step, outbound in blues and received in green', () => {
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['Sent', 'Delivered', 'Read', 'Received']);
    expect(config.data.datasets[0]?.data).toEqual([2550, 2459, 1870, 1312]);
    expect(config.data.datasets[0]?.backgroundColor).toEqual([
      FUNNEL_COLOURS.sent,
      FUNNEL_COLOURS.delivered,
      FUNNEL_COLOURS.read,
      FUNNEL_COLOURS.received,
    ]);
    expect(config.options?.scales?.x?.title).toMatchObject({ text: 'Messages' });
  });

  it('states the window and the cohort in the subtitle', () => {
    expect(config.plugins?.map((p) => p.id)).toEqual(['wapulseValueLabels']);
    expect(subtitleLines(config)).toEqual([
      '7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Sent, delivered, read: messages sent in the window, statuses whenever they came. Received: messages from contacts in the window. ' +
        'Engagement: received ÷ the 2,466 messages delivered in the window.',
    ]);
  });

  it('prints rates that are exactly the bars divided: delivered ÷ sent, read ÷ delivered', () => {
    const [sent, delivered, read] = config.data.datasets[0]?.data as number[];
    // 2459 / 2550 = 96.43 %, 1870 / 2459 = 76.05 %.
    expect(((delivered ?? 0) / (sent ?? 1)) * 100).toBeCloseTo(96.43, 2);
    expect(((read ?? 0) / (delivered ?? 1)) * 100).toBeCloseTo(76.05, 2);
    expect(funnelBarLabels(funnel)).toEqual([
      '2,550',
      '2,459 · 96.4% of sent',
      '1,870 · 76.0% of delivered',
      '1,312 · 53.2% engagement',
    ]);
  });
});

describe('messagesFunnel (from the messages report)', () => {
  it('takes the bars from the cohort fractions, not the window counts, so the two agree', () => {
    // Window counts (delivered 2,466 by delivery time, read 1,873) differ from the cohort's
    // (2,459 of the 2,550 sent delivered, 1,870 of those read): the chart uses the cohort.
    const report = {
      report: 'messages',
      window: { from: '2025-07-06T21:00:00.000Z', to: '2025-07-13T21:00:00.000Z', tz: 'Asia/Riyadh' },
      sent: 2550,
      delivered: 2466,
      read: 1873,
      received: 1312,
      deliveryRate: { value: 2459 / 2550, numerator: 2459, denominator: 2550 },
      readRate: { value: 1870 / 2459, numerator: 1870, denominator: 2459 },
      engagement: { value: 1312 / 2466, numerator: 1312, denominator: 2466 },
    } as unknown as MessagesReport;
    expect(messagesFunnel(report)).toEqual({ ...funnel, period: week });
  });
});

describe('messagesFunnelText', () => {
  it('gives counts, the cohort, and each rate with numerator and denominator', () => {
    // 2459 / 2550 = 96.43 %, 1870 / 2459 = 76.05 %, 1312 / 2466 = 53.20 %.
    expect(messagesFunnelText(funnel)).toEqual([
      'Messages: sent → delivered → read, and received — 7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Sent, delivered, read: messages sent in the window, statuses whenever they came. Received: messages from contacts in the window.',
      'Engagement: received ÷ the 2,466 messages delivered in the window.',
      'Sent: 2,550',
      'Delivered: 2,459 (96.4% of sent: 2,459 / 2,550)',
      'Read: 1,870 (76.0% of delivered: 1,870 / 2,459)',
      'Received: 1,312 (53.2% engagement: 1,312 / 2,466)',
    ]);
  });

  it('prints n/a for rates over nothing', () => {
    const lines = messagesFunnelText({ period: week, sent: 0, delivered: 0, read: 0, received: 3, deliveredInWindow: 0 });
    expect(lines[4]).toBe('Delivered: 0 (n/a of sent: 0 / 0)');
    expect(lines[6]).toBe('Received: 3 (n/a engagement: 3 / 0)');
  });
});
