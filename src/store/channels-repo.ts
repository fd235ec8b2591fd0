import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { byKey, chunks } from './chunks.js';
import type { Database } from './schema.js';

export type ChannelInput = { phoneNumberId: string; displayPhoneNumber?: string; wabaId?: string; at: Date };

/**
 * Records business numbers; later sightings fill in the display number and WABA id.
 * Every webhook names its channel, so this must not take a row lock when nothing changed:
 * an upsert's DO UPDATE would lock the row and serialise all concurrent webhooks of a number.
 * Hence insert-if-missing, then update only rows whose values really differ.
 */
export async function upsertChannels(db: Kysely<Database>, channels: readonly ChannelInput[]): Promise<void> {
  const byId = new Map<string, ChannelInput>();
  for (const c of channels) if (!byId.has(c.phoneNumberId)) byId.set(c.phoneNumberId, c);
  if (byId.size === 0) return;
  const rows = byKey([...byId.values()], (c) => c.phoneNumberId).map((c) => ({
    phone_number_id: c.phoneNumberId,
    display_phone_number: c.displayPhoneNumber ?? null,
    waba_id: c.wabaId ?? null,
    first_seen_at: c.at,
  }));
  for (const part of chunks(rows)) {
    await db
      .insertInto('channels')
      .values(part)
      .onConflict((oc) => oc.column('phone_number_id').doNothing())
      .execute();
  }
  for (const part of chunks(rows.filter((r) => r.display_phone_number || r.waba_id))) {
    await fillIn(db, part);
  }
}

/** phone_number_id → WABA id, for the numbers whose WABA is known (inbox facts name only the number). */
export async function channelWabaIds(db: Kysely<Database>, phoneNumberIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(phoneNumberIds.filter((id): id is string => id !== null))];
  const out = new Map<string, string>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('channels').select(['phone_number_id', 'waba_id']).where('phone_number_id', 'in', part).where('waba_id', 'is not', null).execute();
    for (const r of rows) out.set(r.phone_number_id, r.waba_id!);
  }
  return out;
}

async function fillIn(db: Kysely<Database>, changed: readonly { phone_number_id: string; display_phone_number: string | null; waba_id: string | null }[]) {
  const values = sql.join(
    changed.map((r) => sql`(${r.phone_number_id}, ${r.display_phone_number}::text, ${r.waba_id}::text)`),
  );
  await sql`
    UPDATE channels c
       SET display_phone_number = coalesce(v.display, c.display_phone_number),
           waba_id = coalesce(v.waba, c.waba_id)
      FROM (VALUES ${values}) AS v(id, display, waba)
     WHERE c.phone_number_id = v.id
       AND ((v.display IS NOT NULL AND v.display IS DISTINCT FROM c.display_phone_number)
         OR (v.waba IS NOT NULL AND v.waba IS DISTINCT FROM c.waba_id))`.execute(db);
}
