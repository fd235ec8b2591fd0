import { describe, expect, it } from 'vitest';
import { buildMessagesFunnelConfig, FUNNEL_COLOURS, messagesFunnelText } from '../../../src/charts/index.js';
import { funnel, week } from './fixtures.js';

describe('buildMessagesFunnelConfig', () => {
  const config = buildMessagesFunnelConfig(funnel);

  it('has one bar per step, outbound in blues and received in green', () => {
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['Sent', 'Delivered', 'Read', 'Received']);
    expect(config.data.datasets[0]?.data).toEqual([2550, 2466, 1873, 1312]);
    expect(config.data.datasets[0]?.backgroundColor).toEqual([
      FUNNEL_COLOURS.sent,
      FUNNEL_COLOURS.delivered,
      FUNNEL_COLOURS.read,
      FUNNEL_COLOURS.received,
    ]);
    expect(config.options?.scales?.x?.title).toMatchObject({ text: 'Messages' });
  });

  it('labels the bars with a plugin and has title and period', () => {
    expect(config.plugins?.map((p) => p.id)).toEqual(['wapulseValueLabels']);
    expect(config.options?.plugins?.subtitle?.text).toBe('7 Jul – 13 Jul 2025 · Asia/Riyadh');
  });
});

describe('messagesFunnelText', () => {
  it('gives counts and the engine rates with numerator and denominator', () => {
    // 2459 / 2550 = 96.43 %, 1870 / 2459 = 76.05 %, 1312 / 2466 = 53.20 %.
    expect(messagesFunnelText(funnel)).toEqual([
      'Messages: sent → delivered → read, and received — 7 Jul – 13 Jul 2025 · Asia/Riyadh',
      'Sent: 2,550',
      'Delivered: 2,466 (96.4% of sent: 2,459 / 2,550)',
      'Read: 1,873 (76.0% of delivered: 1,870 / 2,459)',
      'Received: 1,312 (53.2% engagement: 1,312 / 2,466)',
    ]);
  });

  it('prints n/a for rates over nothing', () => {
    const none = { numerator: 0, denominator: 0 };
    const lines = messagesFunnelText({
      period: week, sent: 0, delivered: 0, read: 0, received: 3, deliveryRate: none, readRate: none, engagement: none,
    });
    expect(lines[2]).toBe('Delivered: 0 (n/a of sent: 0 / 0)');
  });
});
