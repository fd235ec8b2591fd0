import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { chunks } from './chunks.js';
import { contactLockKeys, lockKeys } from './key-locks.js';
import type { ContactSeenVia, Database } from './schema.js';

export type ContactInput = {
  userId?: string;
  waId?: string;
  name?: string;
  username?: string;
  at: Date;
  via: ContactSeenVia;
  /** the WABA it was seen on (WhatsApp facts); inbox sightings name none */
  wabaId?: string;
};

/** Finds a contact id by either key; BSUID (user_id) first, as it survives number changes. */
export type ContactIds = { get(key: { userId?: string; waId?: string }): number | null };

/** For callers with no contacts to resolve. */
export const NO_CONTACTS: ContactIds = { get: () => null };

/**
 * When two sightings of a contact carry the same second (WhatsApp times have no fraction), the
 * first-seen channel is decided by this order, never by arrival: an inbound message first (the
 * customer wrote; an inbox conversation opened in that second was opened *because* they wrote),
 * then an inbox event, then an outbound message. E.g. contact.created at 10:00:00 and an inbound
 * message at 10:00:00 → first_seen_via 'inbound' whichever is stored first.
 */
export const SEEN_VIA_ORDER: readonly ContactSeenVia[] = ['inbound', 'inbox', 'outbound'];

/**
 * Makes sure every sighted contact exists, fills in keys and profile fields that later
 * payloads reveal, and returns their ids. Four statements per thousand contacts; rows are
 * only updated (and so locked) when a value really changes.
 *
 * Concurrency: takes the contact key locks (key-locks.ts) of every identity in the batch
 * first, so a contact's first sighting is classified by one writer at a time; call it once per
 * transaction (the lock order is only fixed within one call). Rows are written in key order.
 */
export async function resolveContacts(db: Kysely<Database>, inputs: readonly ContactInput[]): Promise<ContactIds> {
  const merged = mergeSightings(inputs).sort((a, b) => compareKeys(identity(a), identity(b)));
  const byUser = new Map<string, number>();
  const byWa = new Map<string, number>();
  const ids: ContactIds = {
    get: (k) => (k.userId ? byUser.get(k.userId) : undefined) ?? (k.waId ? byWa.get(k.waId) : undefined) ?? null,
  };
  if (merged.length === 0) return ids;
  await lockKeys(db, 'contact', merged.flatMap(contactLockKeys));
  for (const part of chunks(merged)) {
    await db
      .insertInto('contacts')
      .values(
        part.map((c) => ({
          user_id: c.userId ?? null,
          wa_id: c.waId ?? null,
          profile_name: c.name ?? null,
          username: c.username ?? null,
          first_seen_via: c.via,
          created_at: c.at,
          waba_id: c.wabaId ?? null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await fillIn(db, part);
  }
  for (const part of chunks(merged)) {
    const userIds = part.flatMap((c) => (c.userId ? [c.userId] : []));
    const waIds = part.flatMap((c) => (c.waId ? [c.waId] : []));
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'user_id', 'wa_id'])
      .where((eb) =>
        eb.or([
          ...(userIds.length ? [eb('user_id', 'in', userIds)] : []),
          ...(waIds.length ? [eb('wa_id', 'in', waIds)] : []),
        ]),
      )
      .execute();
    for (const r of rows) {
      if (r.user_id) byUser.set(r.user_id, r.id);
      if (r.wa_id) byWa.set(r.wa_id, r.id);
    }
  }
  return ids;
}

// Adds a newly revealed key (never one another contact holds), a newer profile name, and an
// earlier first-seen sighting — (time, SEEN_VIA_ORDER) compared as a pair, so the outcome is
// the same whatever order sightings arrive in — to existing contacts.
async function fillIn(db: Kysely<Database>, part: readonly ContactInput[]): Promise<void> {
  const values = sql.join(
    part.map(
      (c) =>
        sql`(${c.userId ?? null}::text, ${c.waId ?? null}::text, ${c.name ?? null}::text, ${c.username ?? null}::text, ${c.at}::timestamptz, ${c.via}::text, ${c.wabaId ?? null}::text)`,
    ),
  );
  await sql`
    UPDATE contacts c
       SET user_id = CASE WHEN c.user_id IS NULL AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.user_id = v.user_id)
                          THEN v.user_id ELSE c.user_id END,
           wa_id = CASE WHEN c.wa_id IS NULL AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.wa_id = v.wa_id)
                        THEN v.wa_id ELSE c.wa_id END,
           profile_name = coalesce(v.name, c.profile_name),
           username = coalesce(v.username, c.username),
           created_at = least(c.created_at, v.at),
           first_seen_via = CASE WHEN ${earlierSighting} THEN v.via ELSE c.first_seen_via END,
           -- the WABA of the first sighting that named one
           waba_id = CASE WHEN ${earlierSighting} THEN coalesce(v.waba_id, c.waba_id) ELSE coalesce(c.waba_id, v.waba_id) END
      FROM (VALUES ${values}) AS v(user_id, wa_id, name, username, at, via, waba_id)
     WHERE (c.user_id = v.user_id OR c.wa_id = v.wa_id)
       AND ((c.user_id IS NULL AND v.user_id IS NOT NULL)
         OR (c.wa_id IS NULL AND v.wa_id IS NOT NULL)
         OR (v.name IS NOT NULL AND v.name IS DISTINCT FROM c.profile_name)
         OR (v.username IS NOT NULL AND v.username IS DISTINCT FROM c.username)
         OR (c.waba_id IS NULL AND v.waba_id IS NOT NULL)
         OR ${earlierSighting})`.execute(db);
}

const viaRank = (column: string) => sql`array_position(ARRAY[${sql.join(SEEN_VIA_ORDER.map((v) => sql.lit(v)))}]::text[], ${sql.raw(column)})`;
const earlierSighting = sql`(v.at < c.created_at OR (v.at = c.created_at AND ${viaRank('v.via')} < ${viaRank('c.first_seen_via')}))`;

/** One input per identity: earliest sighting wins the first-seen fields, names fill in. */
function mergeSightings(inputs: readonly ContactInput[]): ContactInput[] {
  const out = new Map<string, ContactInput>();
  for (const c of inputs) {
    const k = identity(c);
    const prev = out.get(k);
    if (!prev) {
      out.set(k, { ...c });
      continue;
    }
    if (c.at < prev.at || (c.at.getTime() === prev.at.getTime() && SEEN_VIA_ORDER.indexOf(c.via) < SEEN_VIA_ORDER.indexOf(prev.via))) {
      prev.at = c.at;
      prev.via = c.via;
      prev.wabaId = c.wabaId ?? prev.wabaId;
    } else {
      prev.wabaId ??= c.wabaId;
    }
    prev.name = c.name ?? prev.name;
    prev.username = c.username ?? prev.username;
  }
  return [...out.values()];
}

const identity = (c: ContactInput) => `${c.userId ?? ''}|${c.waId ?? ''}`;
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
