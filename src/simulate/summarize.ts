import type { InboxEventType } from './inbox-types.js';
import type { SimulatedDelivery } from './types.js';

/** Counts over a delivery stream, each message, status and event counted once. */
export interface TrafficSummary {
  deliveries: number;
  whatsappBodies: number;
  inboxBodies: number;
  /** Deliveries whose body repeats one delivered earlier (redeliveries). */
  duplicates: number;
  /** Distinct inbound wamids, reactions included. */
  inboundMessages: number;
  reactions: number;
  /** Distinct outbound wamids, from statuses or inbox `message.sent`. */
  outboundWamids: number;
  /** Distinct (wamid, status) pairs per status name. */
  statuses: Record<string, number>;
  /** Distinct failed wamids per error code. */
  failuresByCode: Record<string, number>;
  /** Distinct inbox event ids, and per type. */
  inboxEvents: number;
  eventsByType: Partial<Record<InboxEventType, number>>;
  /** Distinct conversation ids, cycles opened (reopens included) and reopens. */
  conversations: number;
  cycles: number;
  reopens: number;
  first: Date | null;
  last: Date | null;
}

/** Tallies deliveries (from the simulator or elsewhere); unknown shapes are skipped. */
export function summarizeTraffic(deliveries: Iterable<SimulatedDelivery>): TrafficSummary {
  const s: TrafficSummary = {
    deliveries: 0, whatsappBodies: 0, inboxBodies: 0, duplicates: 0, inboundMessages: 0, reactions: 0,
    outboundWamids: 0, statuses: {}, failuresByCode: {}, inboxEvents: 0, eventsByType: {},
    conversations: 0, cycles: 0, reopens: 0, first: null, last: null,
  };
  const bodies = new Set<number>();
  const inbound = new Set<string>();
  const outbound = new Set<string>();
  const statusPairs = new Set<string>();
  const events = new Set<string>();
  const closed = new Set<string>();
  const conversations = new Set<string>();

  for (const d of deliveries) {
    s.deliveries += 1;
    if (s.first === null || d.at < s.first) s.first = d.at;
    if (s.last === null || d.at > s.last) s.last = d.at;
    const key = hash(JSON.stringify(d.body));
    if (bodies.has(key)) s.duplicates += 1;
    bodies.add(key);
    if (d.source === 'whatsapp') {
      s.whatsappBodies += 1;
      for (const value of changeValues(d.body)) {
        for (const m of list(value['messages'])) {
          const id = str(m['id']);
          if (id === undefined || inbound.has(id)) continue;
          inbound.add(id);
          s.inboundMessages += 1;
          if (m['type'] === 'reaction') s.reactions += 1;
        }
        for (const st of list(value['statuses'])) {
          const id = str(st['id']);
          const name = str(st['status']);
          if (id === undefined || name === undefined) continue;
          outbound.add(id);
          if (statusPairs.has(`${id} ${name}`)) continue;
          statusPairs.add(`${id} ${name}`);
          s.statuses[name] = (s.statuses[name] ?? 0) + 1;
          const code = list(st['errors'])[0]?.['code'];
          if (name === 'failed' && code !== undefined) {
            s.failuresByCode[String(code)] = (s.failuresByCode[String(code)] ?? 0) + 1;
          }
        }
      }
    } else {
      s.inboxBodies += 1;
      for (const e of list(record(d.body)?.['events'])) {
        const id = str(e['id']);
        const type = str(e['type']) as InboxEventType | undefined;
        if (id === undefined || type === undefined || events.has(id)) continue;
        events.add(id);
        s.inboxEvents += 1;
        s.eventsByType[type] = (s.eventsByType[type] ?? 0) + 1;
        const conv = str(e['conversation_id']);
        if (type === 'message.sent') outbound.add(str(e['wa_message_id']) ?? '');
        if (conv === undefined) continue;
        conversations.add(conv);
        if (type === 'conversation.closed') closed.add(conv);
        if (type === 'conversation.opened') {
          s.cycles += 1;
          if (closed.has(conv)) s.reopens += 1;
        }
      }
    }
  }
  outbound.delete('');
  s.outboundWamids = outbound.size;
  s.conversations = conversations.size;
  s.inboxEvents = events.size;
  return s;
}

type Rec = Record<string, unknown>;

function record(v: unknown): Rec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}

function list(v: unknown): Rec[] {
  return Array.isArray(v) ? v.map(record).filter((r): r is Rec => r !== undefined) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function changeValues(body: unknown): Rec[] {
  return list(record(body)?.['entry']).flatMap((entry) =>
    list(entry['changes']).flatMap((change) => {
      const value = record(change['value']);
      return value === undefined ? [] : [value];
    }),
  );
}

/** 53-bit string hash (cyrb53), so duplicate detection keeps numbers, not whole bodies. */
function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
