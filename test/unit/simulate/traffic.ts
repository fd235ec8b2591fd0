import type {
  InboxEvent,
  InboxWebhookBody,
  SimulatedDelivery,
  WaInboundMessage,
  WaStatus,
  WaValue,
  WaWebhookBody,
} from '../../../src/simulate/index.js';

/** The window most tests look at: two weeks from a Sunday 00:00 in Dubai (Sat 20:00 UTC). */
export const START = new Date('2026-03-07T20:00:00Z');
export const DAYS = 14;
export const END_MS = START.getTime() + DAYS * 86_400_000;

export interface Indexed<T> {
  item: T;
  /** Position of the delivery that carried it. */
  index: number;
  delivery: SimulatedDelivery;
}

/** Every change value of every WhatsApp delivery (duplicates included). */
export function waValues(deliveries: SimulatedDelivery[]): Indexed<WaValue>[] {
  return deliveries.flatMap((delivery, index) =>
    delivery.source !== 'whatsapp'
      ? []
      : (delivery.body as WaWebhookBody).entry.flatMap((e) => e.changes.map((c) => ({ item: c.value, index, delivery }))),
  );
}

export function inboundMessages(deliveries: SimulatedDelivery[]): Indexed<WaInboundMessage>[] {
  return waValues(deliveries).flatMap((v) => (v.item.messages ?? []).map((item) => ({ ...v, item })));
}

export function statuses(deliveries: SimulatedDelivery[]): Indexed<WaStatus>[] {
  return waValues(deliveries).flatMap((v) => (v.item.statuses ?? []).map((item) => ({ ...v, item })));
}

export function inboxEvents(deliveries: SimulatedDelivery[]): Indexed<InboxEvent>[] {
  return deliveries.flatMap((delivery, index) =>
    delivery.source !== 'inbox'
      ? []
      : (delivery.body as InboxWebhookBody).events.map((item) => ({ item, index, delivery })),
  );
}

/** Keeps the first occurrence per key (drops redeliveries). */
export function distinctBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Local hour and weekday of an instant in `tz`, computed independently of the simulator. */
export function localParts(ms: number, tz: string): { hour: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', hour: 'numeric', weekday: 'short' })
    .formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { hour: Number(get('hour')), weekday: get('weekday') };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
