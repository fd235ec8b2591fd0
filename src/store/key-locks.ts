import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.js';

/**
 * One writer at a time per key, for state rebuilt from many rows (an inbox conversation, a
 * contact's first sighting, a contact × channel's derived cycles). A transaction-scoped
 * advisory lock is held until COMMIT, so the next writer of the same key waits, and — as its
 * following statements take a fresh READ COMMITTED snapshot — then reads everything the first
 * one wrote. Callers therefore lock first, then read.
 *
 * Keys use the two-int form `(namespace, hash)`: a namespace per kind, so a conversation
 * and a contact whose keys hash alike never wait on each other. A hash collision within a
 * kind only serialises two unrelated keys, never breaks anything.
 *
 * Deadlock freedom: within one call the keys are taken in ascending hash order, and every
 * transaction takes the kinds in ascending namespace order (conversation, then contact, then
 * pair) and each kind at most once — so no two transactions ever wait on each other in a cycle.
 * On PGlite (one connection) the locks are taken and are simply never contended.
 */
export const LOCK_NAMESPACE = { conversation: 1, contact: 2, pair: 3 } as const;
export type LockKind = keyof typeof LOCK_NAMESPACE;

export async function lockKeys(db: Kysely<Database>, kind: LockKind, keys: Iterable<string>): Promise<void> {
  const hashes = [...new Set([...keys].map(keyHash))].sort((a, b) => a - b);
  if (hashes.length === 0) return;
  // The sorted subquery is not flattened (it has ORDER BY), so the aggregate calls the lock
  // function row by row in that order: one round trip, still a fixed lock order.
  await sql`
    SELECT count(pg_advisory_xact_lock(${LOCK_NAMESPACE[kind]}::int4, k))
      FROM (SELECT k FROM unnest(${hashes}::int4[]) AS k ORDER BY k) AS sorted`.execute(db);
}

/** FNV-1a, 32 bits, as a signed int4: stable across processes and versions (unlike hashtext). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Lock key of one contact identity; a contact with both keys is locked under both. */
export function contactLockKeys(c: { userId?: string | null; waId?: string | null }): string[] {
  return [...(c.userId ? [`u:${c.userId}`] : []), ...(c.waId ? [`w:${c.waId}`] : [])];
}

/** Lock key of one contact × channel pair. */
export const pairLockKey = (contactId: number, phoneNumberId: string): string => `${contactId}:${phoneNumberId}`;
