import type { Kysely } from 'kysely';
import { sql, type Insertable, type RawBuilder } from 'kysely';
import { byKey, chunks } from './chunks.js';
import { channelWabaIds } from './channels-repo.js';
import type { ContactIds } from './contacts-repo.js';
import type { Database, Direction, MessageOrigin, MessagesTable } from './schema.js';

type ContactRef = { userId?: string; waId?: string } | null;

export type MessageInput = {
  wamid: string;
  direction: Direction;
  origin: MessageOrigin;
  type: string;
  phoneNumberId: string;
  contact: ContactRef;
  ts: Date;
  preview: string | null;
  replyToWamid: string | null;
  /** the entry's WABA (entry[].id), when the body named one */
  wabaId?: string;
};

/**
 * Stores messages that carry their own content and time (inbound, coexistence echoes, history),
 * as WhatsApp's webhook reports them. WhatsApp is the authority on its own messages: a field it
 * reports replaces what another source stored first (a status or an inbox event for an outbound
 * row, Chatwoot's relay of an inbound one — see upsertInboxMessages), and a field it leaves out
 * keeps the stored value. A redelivery carries the same values, so it changes nothing. The
 * origin is set by the first content-bearing write (ts still null before it).
 */
export async function upsertMessages(
  db: Kysely<Database>,
  messages: readonly MessageInput[],
  contacts: ContactIds,
): Promise<void> {
  const rows = messages.map((m) => ({
    wamid: m.wamid,
    direction: m.direction,
    origin: m.origin,
    ...contentOf(m, contacts),
    sender_type: m.origin === 'echo' ? ('echo' as const) : null,
    waba_id: m.wabaId ?? null,
  }));
  await upsertInWamidOrder(db, rows, {
    origin: sql`CASE WHEN messages.ts IS NULL THEN excluded.origin ELSE messages.origin END`,
    ...valueOf('excluded', CONTENT_COLUMNS),
    sender_type: sql`coalesce(messages.sender_type, excluded.sender_type)`,
    waba_id: KEEP_WABA_ID,
  });
}

// A wamid belongs to one number, so every writer names the same WABA; the first one known stays.
const KEEP_WABA_ID = sql`coalesce(messages.waba_id, excluded.waba_id)`;

// What a message says about itself; WhatsApp's report and an inbox's relay both carry it.
const CONTENT_COLUMNS = ['type', 'phone_number_id', 'contact_id', 'ts', 'preview', 'reply_to_wamid'] as const;

type Content = Pick<MessageInput, 'type' | 'phoneNumberId' | 'contact' | 'ts' | 'preview' | 'replyToWamid'>;

/** The CONTENT_COLUMNS of one message, as both writers store them. */
function contentOf(m: Content, contacts: ContactIds) {
  return {
    type: m.type,
    phone_number_id: m.phoneNumberId,
    contact_id: m.contact ? contacts.get(m.contact) : null,
    ts: m.ts,
    preview: m.preview,
    reply_to_wamid: m.replyToWamid,
  } satisfies Record<(typeof CONTENT_COLUMNS)[number], unknown>;
}

// For an upsert's DO UPDATE: each column takes `winner`'s value when it has one, else the other
// side's — `excluded` (the row being written) or `messages` (the row already stored).
function valueOf(winner: 'excluded' | 'messages', columns: readonly (typeof CONTENT_COLUMNS[number] | 'conversation_ref')[]) {
  const other = winner === 'excluded' ? 'messages' : 'excluded';
  return Object.fromEntries(columns.map((c) => [c, sql`coalesce(${sql.ref(`${winner}.${c}`)}, ${sql.ref(`${other}.${c}`)})`]));
}

export type InboxMessageInput = {
  wamid: string;
  ts: Date;
  type: string;
  phoneNumberId: string;
  contact: ContactRef;
  preview: string | null;
  replyToWamid: string | null;
  conversationRef: string;
};

/**
 * Inbound messages as an inbox relays them (Chatwoot's incoming message_created), keyed by the
 * same wamid WhatsApp's webhook uses. The inbox only fills what is still missing, and adds its
 * conversation_ref; WhatsApp's own report (upsertMessages) overrides the rest. So the row ends
 * the same whichever of the two arrives first: WhatsApp's fields where it has them, the inbox's
 * elsewhere (conversation_ref, which WhatsApp never knows).
 */
export async function upsertInboxMessages(
  db: Kysely<Database>,
  messages: readonly InboxMessageInput[],
  contacts: ContactIds,
): Promise<void> {
  // an inbox names the number, not the WABA: that comes from channels, when WhatsApp has named it
  const wabaIds = await channelWabaIds(db, messages.map((m) => m.phoneNumberId));
  const rows = messages.map((m) => ({
    wamid: m.wamid,
    direction: 'inbound' as const,
    origin: 'live' as const,
    ...contentOf(m, contacts),
    conversation_ref: m.conversationRef,
    waba_id: wabaIds.get(m.phoneNumberId) ?? null,
  }));
  await upsertInWamidOrder(db, rows, { ...valueOf('messages', [...CONTENT_COLUMNS, 'conversation_ref']), waba_id: KEEP_WABA_ID });
}

// Both writers of message content: the first row per wamid, in wamid order (so concurrent
// bodies lock rows in one order and cannot deadlock), in chunks under the parameter limit.
async function upsertInWamidOrder(
  db: Kysely<Database>,
  rows: readonly Insertable<MessagesTable>[],
  // any: each column's own type; the values are SQL over excluded.* and messages.*
  onConflict: Partial<Record<'origin' | 'sender_type' | 'conversation_ref' | 'waba_id' | (typeof CONTENT_COLUMNS)[number], RawBuilder<any>>>,
): Promise<void> {
  for (const part of chunks(byKey(firstPerKey(rows, (r) => r.wamid), (r) => r.wamid))) {
    await db.insertInto('messages').values(part).onConflict((oc) => oc.column('wamid').doUpdateSet(onConflict)).execute();
  }
}

export type AmendmentInput = { originalWamid: string; kind: 'edit' | 'revoke'; ts: Date };

/** Marks edited/revoked messages (coexistence echoes); an unknown original is left alone. */
export async function applyAmendments(db: Kysely<Database>, amendments: readonly AmendmentInput[]): Promise<void> {
  for (const a of byKey(amendments, (x) => x.originalWamid)) {
    const column = a.kind === 'edit' ? 'edited_at' : 'revoked_at';
    await db
      .updateTable('messages')
      .set({ [column]: sql`greatest(${sql.ref(column)}, ${a.ts}::timestamptz)` })
      .where('wamid', '=', a.originalWamid)
      .execute();
  }
}

export function firstPerKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) if (!seen.has(key(r))) seen.set(key(r), r);
  return [...seen.values()];
}
