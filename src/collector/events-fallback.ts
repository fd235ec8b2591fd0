import type { Kysely } from 'kysely';
import { classifyDbError, insertInboxEvents, type Database } from '../store/index.js';
import type { ChatwootInboundMessage, ChatwootMessageStatus } from './chatwoot/index.js';
import type { EventsIngestResult } from './events-ingest.js';
import { rawInput, type Prepared } from './events-prepared.js';
import { applyInboxEvents, conversationRef } from './inbox-apply.js';
import { bodyByBody, storeItemByItem, type FallbackItem } from './item-fallback.js';
import { boundProblems } from './problems.js';

type Deps = {
  /** The normal path for a single body (a group commit is retried body by body first). */
  one: (body: Prepared) => Promise<EventsIngestResult[]>;
  writeStatuses: (tx: Kysely<Database>, statuses: (ChatwootMessageStatus & { rawEventId: number })[]) => Promise<void>;
  writeInbound: (tx: Kysely<Database>, inbound: ChatwootInboundMessage[]) => Promise<void>;
};

/**
 * The inbox and Chatwoot side of storeItemByItem: rethrows outages and conflicts; retries a
 * group commit body by body; for a single body, stores each event, each Chatwoot status and
 * each incoming Chatwoot message in its own savepoint. An event the database refuses leaves
 * `accepted` and is named in `problems` by its id.
 */
export async function eventsFallback(
  db: Kysely<Database>,
  source: 'inbox' | 'chatwoot',
  bodies: readonly Prepared[],
  failure: unknown,
  deps: Deps,
): Promise<EventsIngestResult[]> {
  const split = await bodyByBody(bodies, failure, deps.one);
  if (split) return split;
  const b = bodies[0]!;
  const fallback = { kind: classifyDbError(failure) as 'data' | 'bug', error: failure };
  if ('error' in b) {
    await storeItemByItem(db, rawInput(source, b), () => [], failure);
    return [{ kind: 'refused', error: b.error }];
  }
  const items = (rawEventId: number): FallbackItem[] => [
    ...b.events.map((e) => ({
      path: `event ${e.id}`,
      write: async (tx: Kysely<Database>) => {
        const row = { id: e.id, type: e.type, at: e.at, conversationRef: conversationRef(e), payload: e };
        const fresh = await insertInboxEvents(tx, [row], rawEventId, b.receivedAt);
        if (fresh.has(e.id)) await applyInboxEvents(tx, [e]);
      },
    })),
    ...b.statuses.map((s) => ({
      path: `status ${s.status} of ${s.wamid}`,
      write: (tx: Kysely<Database>) => deps.writeStatuses(tx, [{ ...s, rawEventId }]),
    })),
    ...b.inbound.map((m) => ({
      path: `incoming message ${m.wamid}`,
      write: (tx: Kysely<Database>) => deps.writeInbound(tx, [m]),
    })),
  ];
  const r = await storeItemByItem(db, rawInput(source, b), items, failure);
  return [
    {
      kind: 'stored',
      accepted: b.events.flatMap((e) => (r.refused.has(`event ${e.id}`) ? [] : [e.id])),
      rejected: b.rejected,
      duplicate: r.rawEventId === null,
      problems: r.rawEventId === null ? [] : boundProblems([...b.problems, ...r.added]),
      fallback,
    },
  ];
}
