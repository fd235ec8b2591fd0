import type { Kysely } from 'kysely';
import { chunks } from './chunks.js';
import type { Database } from './schema.js';

export type WebhookErrorInput = {
  phoneNumberId: string | null;
  code: number | null;
  title: string | null;
  details: string | null;
  at: Date;
  rawEventId: number;
  /** the entry's WABA (entry[].id), when the body named one */
  wabaId?: string;
};

/** Out-of-band errors (value.errors[]): not tied to a message, kept for the failures report. */
export async function insertWebhookErrors(
  db: Kysely<Database>,
  errors: readonly WebhookErrorInput[],
): Promise<void> {
  for (const part of chunks(errors)) {
    await db
      .insertInto('webhook_errors')
      .values(
        part.map((e) => ({
        raw_event_id: e.rawEventId,
        phone_number_id: e.phoneNumberId,
        code: e.code,
        title: e.title,
        details: e.details,
        observed_at: e.at,
        waba_id: e.wabaId ?? null,
      })),
      )
      .execute();
  }
}
