import { sql, type RawBuilder } from 'kysely';

/** Contact sources METRICS names, plus `unknown` for contacts nothing has said anything about. */
export const CONTACT_SOURCES = ['incoming_message', 'manual', 'import', 'api', 'unknown'] as const;
export type KnownSource = (typeof CONTACT_SOURCES)[number];
/** Every known source as a key (zero-filled), plus any other value an inbox sent. */
export type BySource<T> = Record<KnownSource, T> & Record<string, T>;

/**
 * The source label of contact `ct`: its inbox `source`; where none came, `incoming_message` if
 * wapulse first saw it through an inbound WhatsApp message (METRICS: "first seen through an
 * inbound message with no inbox event"), else `unknown` (first seen on an outbound message or
 * an inbox event without a source). Defined once, in SQL (migration 0022), because the contact
 * links store it too.
 */
export const sourceLabel: RawBuilder<string> = sql<string>`contact_source_label(ct.source, ct.first_seen_via)`;

/**
 * The source label of the contact whose id is `contactId`, looked up by key: for the few
 * contacts of a window's partial days, where a join made the planner hash every contact (at 1M,
 * 50,000 for 182: 24 of a 31 ms statement).
 */
export function sourceLabelOf(contactId: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(SELECT ${sourceLabel} FROM contacts ct WHERE ct.id = ${contactId})`;
}

/** Rows of (source, value) as a record with every known source present (`empty()` where absent). */
export function bySource<R extends { source: string }, T>(rows: readonly R[], value: (r: R) => T, empty: () => T): BySource<T> {
  const out: Record<string, T> = Object.fromEntries(CONTACT_SOURCES.map((s) => [s, empty()]));
  for (const r of rows) out[r.source] = value(r);
  return out as BySource<T>;
}

/**
 * Channel filter for contact facts: the contact's first message (earliest counted, any
 * direction, never history) was on `channel`. A contact with no message matches no channel.
 */
export function firstMessageOn(channel: string): RawBuilder<boolean> {
  return sql<boolean>`(SELECT f.phone_number_id FROM messages f
    WHERE f.contact_id = ct.id AND f.origin <> 'history'
    ORDER BY f.counted_at NULLS LAST, f.wamid LIMIT 1) = ${channel}`;
}
