import type { Kysely } from 'kysely';
import {
  conversationEvents,
  lockKeys,
  pairLockKey,
  refreshCycleDurations,
  refreshFirstReplies,
  replaceInboxCycles,
  type ContactIds,
  type ContactInput,
  type Database,
} from '../store/index.js';
import { buildInboxCycles, type AssignmentDraft, type CycleDraft, type CycleEvent } from './inbox-cycles.js';

/**
 * Rebuilding inbox conversations from all of their stored events, in two halves so a caller
 * can resolve every contact of its transaction in one call (one contact-lock step):
 *
 *   lockKeys('conversation', refs) → readInboxConversations → resolveContacts(… cycleSightings)
 *     → storeInboxConversations
 *
 * Why the conversation lock comes before the read: two requests carrying `opened` and
 * `closed` of one conversation each insert their own event, and under READ COMMITTED neither
 * sees the other's uncommitted row. Without a lock each rebuilds from half the story and the
 * last to commit wins (an open conversation that was closed, or none at all). With the lock
 * held to COMMIT, the second waits, then reads with a fresh snapshot that holds both events.
 */

export type InboxRebuild = { ref: string; cycles: CycleDraft[]; assignments: AssignmentDraft[] };

/** Reads and replays each conversation's events. Hold the conversation locks of `refs` first. */
export async function readInboxConversations(db: Kysely<Database>, refs: readonly string[]): Promise<InboxRebuild[]> {
  const out: InboxRebuild[] = [];
  for (const ref of refs) {
    const rows = await conversationEvents(db, ref);
    const events = rows.map((r) => ({ ...(r.payload as object), id: r.id, type: r.type, at: r.at }) as CycleEvent);
    out.push({ ref, ...buildInboxCycles(events) });
  }
  return out;
}

/** The contact sightings the cycles imply: each cycle's contact, seen via the inbox at its open. */
export function cycleSightings(rebuilds: readonly InboxRebuild[]): ContactInput[] {
  return rebuilds.flatMap((r) => r.cycles.map((c) => ({ ...contactKey(c), at: c.openedAt, via: 'inbox' as const })));
}

/**
 * Writes the rebuilt cycles and assignments, then first agent replies. Takes the contact ×
 * channel pair locks of the cycles before writing: the settle step refreshes first replies of a
 * dirty pair under the same lock, so neither can miss the other's rows.
 */
export async function storeInboxConversations(db: Kysely<Database>, rebuilds: readonly InboxRebuild[], contacts: ContactIds): Promise<void> {
  const rows = rebuilds.map((r) => ({
    ...r,
    cycles: r.cycles.map((c) => ({ ...c, contactId: contacts.get(contactKey(c)) })),
  }));
  await lockKeys(
    db,
    'pair',
    rows.flatMap((r) => r.cycles.flatMap((c) => (c.contactId === null ? [] : [pairLockKey(c.contactId, c.phoneNumberId)]))),
  );
  const ids: number[] = [];
  for (const r of rows) ids.push(...(await replaceInboxCycles(db, r.ref, r.cycles, r.assignments)));
  await refreshFirstReplies(db, { conversationIds: ids });
  await refreshCycleDurations(db, { conversationIds: ids });
}

const contactKey = (c: CycleDraft) => ({ userId: c.contact.user_id ?? undefined, waId: c.contact.wa_id ?? undefined });
