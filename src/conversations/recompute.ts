import type { Kysely } from 'kysely';
import {
  closeIdleDerived,
  conversationEvents,
  derivationAnchor,
  inboxChannels,
  pairMessages,
  refreshFirstReplies,
  replaceDerivedCycles,
  replaceInboxCycles,
  resolveContacts,
  takeDirtyPairs,
  type Database,
} from '../store/index.js';
import { deriveCycles } from './derived-cycles.js';
import { buildInboxCycles, type CycleEvent } from './inbox-cycles.js';

/**
 * Rebuilds one inbox conversation's cycles and assignment history from all of its stored
 * events, then its first agent replies. Running it after every new event is what makes the
 * model converge whatever order (and however late) events arrive.
 */
export async function recomputeInboxConversation(db: Kysely<Database>, ref: string): Promise<void> {
  const rows = await conversationEvents(db, ref);
  const events = rows.map((r) => ({ ...(r.payload as object), id: r.id, type: r.type, at: r.at }) as CycleEvent);
  const { cycles, assignments } = buildInboxCycles(events);
  const contacts = await resolveContacts(
    db,
    cycles.map((c) => ({
      userId: c.contact.user_id ?? undefined,
      waId: c.contact.wa_id ?? undefined,
      at: c.openedAt,
      via: 'inbox' as const,
    })),
  );
  const ids = await replaceInboxCycles(
    db,
    ref,
    cycles.map((c) => ({ ...c, contactId: contacts.get({ userId: c.contact.user_id ?? undefined, waId: c.contact.wa_id ?? undefined }) })),
    assignments,
  );
  await refreshFirstReplies(db, { conversationIds: ids });
}

export type SettleResult = { pairs: number; derivedPairs: number; closedIdle: number };

/**
 * Brings conversations up to date with messages that arrived since the last call and with
 * the passage of time: re-derives cycles of channels without an inbox for every contact ×
 * channel whose messages changed, refreshes first agent replies there, and auto-closes derived
 * cycles idle for `idleMs` at `now`. Cadence: every 30 s from `serve`, and before each report.
 * Idempotent; two replicas may run it at once (each takes a disjoint set of dirty pairs).
 */
export async function settleConversations(db: Kysely<Database>, now: Date, idleMs: number): Promise<SettleResult> {
  return db.transaction().execute(async (tx) => {
    const dirty = await takeDirtyPairs(tx);
    const withInbox = await inboxChannels(tx, [...new Set(dirty.map((p) => p.phone_number_id))]);
    let derivedPairs = 0;
    for (const pair of dirty) {
      if (withInbox.has(pair.phone_number_id)) continue;
      derivedPairs++;
      const from = await derivationAnchor(tx, pair.contact_id, pair.phone_number_id, pair.since, idleMs);
      const messages = await pairMessages(tx, pair.contact_id, pair.phone_number_id, from);
      const cycles = deriveCycles(
        messages.flatMap((m) => (m.at ? [{ at: m.at, direction: m.direction }] : [])),
        idleMs,
        now,
      );
      await replaceDerivedCycles(tx, pair.contact_id, pair.phone_number_id, from, cycles);
    }
    if (dirty.length) await refreshFirstReplies(tx, { contactIds: [...new Set(dirty.map((p) => p.contact_id))] });
    const closedIdle = await closeIdleDerived(tx, now, idleMs);
    return { pairs: dirty.length, derivedPairs, closedIdle };
  });
}
