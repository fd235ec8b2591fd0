import { signBody } from '../collector/index.js';

/**
 * Campaign-shaped WhatsApp status webhooks for the load generator: `sent` statuses of template
 * messages with unique wamids (a redelivered body would be a cheap no-op and flatter the
 * figure), each to its own recipient, signed as Meta signs them (X-Hub-Signature-256).
 */
export const BENCH_CHANNEL = { display_phone_number: '15550783899', phone_number_id: '106540352242999' };
const WABA = '102290129340398';

export type StatusRow = { wamid: string; ts: number; recipientId: string };
export type SignedBody = { body: Buffer; signature: string; rows: StatusRow[] };

/** Status n of a run: unique per run tag and n; the recipient cycles over a million numbers. */
export function statusRow(runTag: string, n: number, tsSec: number): StatusRow {
  return { wamid: `wamid.bench.${runTag}.${n}`, ts: tsSec, recipientId: `9716${String(n % 1_000_000).padStart(8, '0')}` };
}

/** One body carrying these statuses, in Meta's envelope (see shared/fixtures/whatsapp). */
export function statusBodyJson(rows: readonly StatusRow[]): string {
  const statuses = rows.map((r) => ({
    id: r.wamid,
    status: 'sent',
    timestamp: String(r.ts),
    recipient_id: r.recipientId,
    pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
  }));
  const value = { messaging_product: 'whatsapp', metadata: BENCH_CHANNEL, statuses };
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: WABA, changes: [{ field: 'messages', value }] }] });
}

/**
 * Signed bodies of `perBody` statuses on demand, numbered on from 0. Built per request rather
 * than all up front so memory stays flat; the bare-HTTP baseline pays the same cost, so its
 * ceiling shows whether the generator could be the bottleneck.
 */
export function bodyMaker(runTag: string, perBody: number, secret: string, tsSec: number): () => SignedBody {
  let next = 0;
  return () => {
    const rows = Array.from({ length: perBody }, (_, i) => statusRow(runTag, next + i, tsSec));
    next += perBody;
    const body = Buffer.from(statusBodyJson(rows));
    return { body, signature: signBody(body, secret), rows };
  };
}
