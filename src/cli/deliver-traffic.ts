import type { Kysely } from 'kysely';
import { ingestInboxBodies, ingestWhatsAppBodies, signBody } from '../collector/index.js';
import type { SimulatedDelivery } from '../simulate/index.js';
import type { Database } from '../store/index.js';

export type DeliveryTally = { delivered: number; duplicates: number; failed: number };

/**
 * Feeds simulated deliveries through the same ingest functions the HTTP routes use, in
 * delivery order, `groupSize` bodies per transaction (the group-commit path: facts are
 * order-free, so this stores the same rows as one body at a time, much faster).
 * `receivedAt` is the simulated delivery time, so raw_events look like real history.
 */
export async function deliverToStore(
  db: Kysely<Database>,
  deliveries: Iterable<SimulatedDelivery>,
  attributionPattern: RegExp,
  onProgress?: (n: number) => void,
  groupSize = 250,
): Promise<DeliveryTally> {
  const tally: DeliveryTally = { delivered: 0, duplicates: 0, failed: 0 };
  let group: SimulatedDelivery[] = [];
  const flush = async () => {
    const toBody = (d: SimulatedDelivery) => ({ raw: Buffer.from(JSON.stringify(d.body)), receivedAt: d.at });
    const wa = await ingestWhatsAppBodies(db, group.filter((d) => d.source === 'whatsapp').map(toBody), attributionPattern, null);
    const inbox = await ingestInboxBodies(db, group.filter((d) => d.source === 'inbox').map(toBody));
    for (const r of wa) {
      if (r.kind === 'duplicate') tally.duplicates++;
      else if (r.kind === 'rejected') tally.failed++;
    }
    for (const r of inbox) {
      if (r.kind === 'refused' || r.rejected.length) tally.failed++;
      else if (r.duplicate) tally.duplicates++;
    }
    tally.delivered += group.length;
    onProgress?.(tally.delivered);
    group = [];
  };
  for (const d of deliveries) {
    group.push(d);
    if (group.length >= groupSize) await flush();
  }
  if (group.length) await flush();
  return tally;
}

/**
 * POSTs simulated deliveries to a running collector, signed with the configured secrets,
 * a few at a time (bounded concurrency; loopback or your own server only).
 */
export async function deliverToServer(
  baseUrl: string,
  deliveries: Iterable<SimulatedDelivery>,
  secrets: { whatsapp: string; inbox: string },
  onProgress?: (n: number) => void,
  concurrency = 8,
): Promise<DeliveryTally & { statuses: Record<number, number> }> {
  const tally = { delivered: 0, duplicates: 0, failed: 0, statuses: {} as Record<number, number> };
  const iterator = deliveries[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const d = next.value;
      const body = JSON.stringify(d.body);
      const path = d.source === 'whatsapp' ? '/webhooks/whatsapp' : '/webhooks/inbox';
      const header = d.source === 'whatsapp' ? 'x-hub-signature-256' : 'x-wapulse-signature';
      const secret = d.source === 'whatsapp' ? secrets.whatsapp : secrets.inbox;
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [header]: signBody(body, secret) },
        body,
      });
      const text = await res.text();
      tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
      if (res.status !== 200) tally.failed++;
      else if (text.includes('"duplicate"')) tally.duplicates++;
      tally.delivered++;
      if (tally.delivered % 1000 === 0) onProgress?.(tally.delivered);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}
