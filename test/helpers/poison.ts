import { createHash } from 'node:crypto';
import type { TestStore } from './databases.js';

/** Shared by the poison corpus tests: a fixed receipt time and body builders. */
export const NOW = new Date('2026-11-30T12:00:00Z');
export const PHONE_ID = '106540352242922';
/** 2025-06-15T23:28:11Z, a plausible Meta timestamp. */
export const TS = '1750030091';

/** A WhatsApp webhook body with one `messages` change holding `value`. */
export function waBody(value: Record<string, unknown>, metadata = { display_phone_number: '15550783881', phone_number_id: PHONE_ID }): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata, ...value } }] }],
  });
}

export const sent = (id: string, extra: Record<string, unknown> = {}) => ({ id, status: 'sent', timestamp: TS, recipient_id: '971500000001', ...extra });

/** `[[[…0…]]]` nested `depth` levels, as raw JSON text. */
export const deepArray = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

/** The raw_events row holding exactly these bytes, or undefined. */
export async function rawRow(store: TestStore, source: string, body: string | Buffer) {
  const sha = createHash('sha256').update(body).digest('hex');
  return store.db
    .selectFrom('raw_events')
    .select(['body', 'outcome', 'problems'])
    .where('source', '=', source as 'whatsapp')
    .where('body_sha256', '=', sha)
    .executeTakeFirst();
}
