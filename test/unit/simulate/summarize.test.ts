import { describe, expect, it } from 'vitest';
import { generateTraffic, summarizeTraffic, type SimulatedDelivery } from '../../../src/simulate/index.js';
import { START } from './traffic.js';

const meta = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
const wa = (value: object) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: meta, ...value } }] }],
});
const at = (s: number) => new Date(Date.UTC(2026, 2, 8, 8, 0, s));

// A hand-made stream whose counts are worked out below, line by line.
const statusBody = wa({
  statuses: [
    { id: 'wamid.A', status: 'sent', timestamp: '1772956800', recipient_id: '971500000001' },
    { id: 'wamid.B', status: 'failed', timestamp: '1772956801', recipient_id: '971500000002', errors: [{ code: 131026 }] },
  ],
});
const stream: SimulatedDelivery[] = [
  { at: at(0), source: 'inbox', body: { events: [
    { id: 'e1', type: 'conversation.opened', at: '2026-03-08T08:00:00.000Z', conversation_id: 'c1' },
    { id: 'e2', type: 'message.sent', at: '2026-03-08T08:00:01.000Z', conversation_id: 'c1', wa_message_id: 'wamid.A' },
  ] } },
  { at: at(1), source: 'whatsapp', body: statusBody },
  { at: at(2), source: 'whatsapp', body: statusBody }, // redelivery: counted as a duplicate only
  { at: at(3), source: 'whatsapp', body: wa({ messages: [
    { id: 'wamid.IN1', type: 'text', timestamp: '1772956803' },
    { id: 'wamid.IN2', type: 'reaction', timestamp: '1772956804' },
  ] }) },
  { at: at(4), source: 'whatsapp', body: wa({ statuses: [{ id: 'wamid.A', status: 'delivered', timestamp: '1772956804' }] }) },
  { at: at(5), source: 'inbox', body: { events: [
    { id: 'e3', type: 'conversation.closed', at: '2026-03-08T08:00:05.000Z', conversation_id: 'c1' },
    { id: 'e4', type: 'conversation.opened', at: '2026-03-08T08:00:06.000Z', conversation_id: 'c1' },
    { id: 'e5', type: 'conversation.opened', at: '2026-03-08T08:00:06.000Z', conversation_id: 'c2' },
  ] } },
  { at: at(6), source: 'inbox', body: { events: [{ id: 'e5', type: 'conversation.opened', conversation_id: 'c2' }] } },
  { at: at(7), source: 'whatsapp', body: 'not a webhook' },
];

describe('summarizeTraffic', () => {
  it('counts a hand-made stream', () => {
    const s = summarizeTraffic(stream);
    expect(s).toMatchObject({
      deliveries: 8,
      whatsappBodies: 5, // statusBody twice, messages, delivered, junk
      inboxBodies: 3,
      duplicates: 1, // statusBody's second delivery (e5's body differs: it lacks `at`)
      inboundMessages: 2, // IN1, IN2
      reactions: 1,
      outboundWamids: 2, // A (message.sent + statuses), B
      statuses: { sent: 1, failed: 1, delivered: 1 },
      failuresByCode: { '131026': 1 },
      inboxEvents: 5, // e1–e5, e5 once
      eventsByType: { 'conversation.opened': 3, 'message.sent': 1, 'conversation.closed': 1 },
      conversations: 2, // c1, c2
      cycles: 3, // e1, e4, e5
      reopens: 1, // e4 opens c1 after e3 closed it
    });
    expect(s.first).toEqual(at(0));
    expect(s.last).toEqual(at(7));
  });

  it('agrees with the generator on a real run', () => {
    const deliveries = generateTraffic({ seed: 1, start: START, days: 2 });
    const s = summarizeTraffic(deliveries);
    expect(s.deliveries).toBe(deliveries.length);
    expect(s.whatsappBodies + s.inboxBodies).toBe(deliveries.length);
    expect(s.duplicates).toBe(deliveries.length - new Set(deliveries.map((d) => d.body)).size);
    expect(s.cycles).toBe(s.eventsByType['conversation.opened']);
    expect(s.conversations + s.reopens).toBe(s.cycles);
    expect(s.outboundWamids).toBeGreaterThanOrEqual(s.eventsByType['message.sent'] ?? 0);
  });
});
