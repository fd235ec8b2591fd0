import type { Channel } from './context.js';
import type { SimContact } from './contacts.js';
import type { Identities } from './identities.js';
import type { InboxEvent, InboxEventDraft, InboxWebhookBody } from './inbox-types.js';
import type { Rng } from './prng.js';
import type { DeliverySource, SimulatedDelivery, WaInboundMessage, WaStatus } from './types.js';
import { envelope, waContact } from './whatsapp-bodies.js';

interface Pending {
  at: number;
  seq: number;
  source: DeliverySource;
  body: unknown;
}

/** A status and its event time, as planned by the outbound module. */
export interface TimedStatus {
  status: WaStatus;
  ms: number;
}

/** Share of bodies the sender delivers twice (Meta retries when an ack is slow or lost). */
const DUPLICATE_RATE = { whatsapp: 0.03, inbox: 0.01 } as const;

/**
 * Collects webhook bodies with their delivery times, drops events at or after the end of the
 * window, adds delivery noise (latency, duplicates) and hands them out in delivery order.
 */
export class Outbox {
  private pending: Pending[] = [];
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly ids: Identities,
    private readonly endMs: number,
  ) {}

  /** Webhook latency: about a second, with now and then a backlog of minutes. */
  latency(): number {
    return this.rng.chance(0.01) ? this.rng.range(30_000, 300_000) : this.rng.range(300, 2500);
  }

  inbound(channel: Channel, contact: SimContact, message: WaInboundMessage, ms: number): void {
    if (ms >= this.endMs) return;
    const body = envelope(channel, { contacts: [waContact(contact)], messages: [message] });
    this.push('whatsapp', body, ms + this.latency());
  }

  /**
   * One body holding the given statuses (several make a batch). Contacts with a user_id
   * are listed, as Meta does since the 2026 identity change.
   */
  statuses(channel: Channel, contact: SimContact | null, items: TimedStatus[], at?: number): void {
    const kept = items.filter((i) => i.ms < this.endMs);
    if (kept.length === 0) return;
    const statuses = kept.map((i) => i.status);
    const body =
      contact?.userId != null
        ? envelope(channel, { contacts: [waContact(contact)], statuses })
        : envelope(channel, { statuses });
    this.push('whatsapp', body, at ?? Math.max(...kept.map((i) => i.ms)) + this.latency());
  }

  /** One inbox body with the given events, each stamped with an id and its time. */
  inbox(items: { draft: InboxEventDraft; ms: number }[]): void {
    const kept = items.filter((i) => i.ms < this.endMs);
    if (kept.length === 0) return;
    const events = kept.map(({ draft, ms }) => {
      const { type, ...rest } = draft;
      return { id: this.ids.eventId(), type, at: new Date(ms).toISOString(), ...rest } as InboxEvent;
    });
    const body: InboxWebhookBody = { events };
    // The inbox posts right after the fact, from its own queue.
    this.push('inbox', body, Math.max(...kept.map((i) => i.ms)) + this.rng.range(100, 1500));
  }

  /** Deliveries due before `ms`, in order; later ones stay queued. */
  flushBefore(ms: number): SimulatedDelivery[] {
    this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const cut = this.pending.findIndex((p) => p.at >= ms);
    const due = cut === -1 ? this.pending : this.pending.slice(0, cut);
    this.pending = cut === -1 ? [] : this.pending.slice(cut);
    return due.map((p) => ({ at: new Date(Math.round(p.at)), source: p.source, body: p.body }));
  }

  flushAll(): SimulatedDelivery[] {
    return this.flushBefore(Number.POSITIVE_INFINITY);
  }

  private push(source: DeliverySource, body: unknown, at: number): void {
    this.pending.push({ at, seq: this.seq++, source, body });
    if (this.rng.chance(DUPLICATE_RATE[source])) {
      // The retry carries the identical body object, as a redelivery carries identical bytes.
      this.pending.push({ at: at + this.rng.range(2_000, 900_000), seq: this.seq++, source, body });
    }
  }
}
