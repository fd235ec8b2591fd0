import type { Kysely } from 'kysely';
import { refreshCycleDurations, refreshFirstReplies, type ClosedBy, type Database, type OpenedBy, type SenderType } from '../../src/store/index.js';

/**
 * Direct row builders for metrics tests: each test states its facts as rows and works the
 * expected numbers out by hand from them. (Ingest itself is tested through HTTP elsewhere.)
 * Times are ISO strings for readability; everything else defaults to the plain case.
 * Seeding a message or a cycle refreshes the cycles' first agent replies and precomputed
 * durations, as ingest's settle and inbox writes do (both, at the same points), so reports read
 * what they would after those ran.
 */
type DB = Kysely<Database>;
const d = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

export async function seedChannel(db: DB, id: string, display = id): Promise<void> {
  await db.insertInto('channels').values({ phone_number_id: id, display_phone_number: display, waba_id: 'waba', first_seen_at: new Date('2020-01-01T00:00:00Z') })
    .onConflict((oc) => oc.doNothing()).execute();
}

export async function seedAgent(db: DB, a: { id: string; name: string; team?: string; slackUserId?: string }): Promise<void> {
  await db.insertInto('agents').values({ id: a.id, name: a.name, team: a.team ?? null, email: null, slack_user_id: a.slackUserId ?? null, updated_at: new Date('2020-01-01T00:00:00Z') }).execute();
}

export async function seedContact(
  db: DB,
  c: { waId: string; userId?: string; name?: string; createdAt: string; source?: string | null; via?: 'inbound' | 'outbound' | 'inbox'; deletedAt?: string },
): Promise<number> {
  const row = await db.insertInto('contacts').values({
    wa_id: c.waId, user_id: c.userId ?? null, profile_name: c.name ?? null, username: null,
    source: c.source ?? null, first_seen_via: c.via ?? 'inbound', created_at: new Date(c.createdAt), deleted_at: d(c.deletedAt),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export type SeedMessage = {
  wamid: string;
  direction: 'inbound' | 'outbound';
  contactId: number;
  channel: string;
  origin?: 'live' | 'echo' | 'history';
  type?: string;
  /** inbound / echo / history: the message's own time */
  ts?: string;
  preview?: string;
  sentAt?: string;
  deliveredAt?: string;
  readAt?: string;
  playedAt?: string;
  failedAt?: string;
  /** earliest status; defaults to the earliest of the status times given */
  firstStatusAt?: string;
  inboxSentAt?: string;
  errorCode?: number;
  errorTitle?: string;
  senderType?: SenderType;
  agentId?: string;
  conversationRef?: string;
  pricingType?: string;
  pricingCategory?: string;
  billable?: boolean;
};

export async function seedMessage(db: DB, m: SeedMessage): Promise<void> {
  const statusTimes = [m.sentAt, m.deliveredAt, m.readAt, m.playedAt, m.failedAt].filter((x): x is string => Boolean(x)).sort();
  await db.insertInto('messages').values({
    wamid: m.wamid, direction: m.direction, origin: m.origin ?? 'live', type: m.type ?? (m.direction === 'inbound' ? 'text' : 'template'),
    phone_number_id: m.channel, contact_id: m.contactId, ts: d(m.ts), preview: m.preview ?? null, reply_to_wamid: null,
    sender_type: m.senderType ?? null, agent_id: m.agentId ?? null, inbox_sent_at: d(m.inboxSentAt),
    first_status_at: d(m.firstStatusAt ?? statusTimes[0]), sent_at: d(m.sentAt), delivered_at: d(m.deliveredAt), read_at: d(m.readAt),
    played_at: d(m.playedAt), failed_at: d(m.failedAt), error_code: m.errorCode ?? null, error_title: m.errorTitle ?? null,
    pricing_at: m.pricingCategory ? d(statusTimes[0]) : null, pricing_type: m.pricingType ?? null, pricing_category: m.pricingCategory ?? null,
    billable: m.billable ?? null, biz_opaque_callback_data: null, edited_at: null, revoked_at: null, conversation_ref: m.conversationRef ?? null,
  }).execute();
  const scope = { contactIds: [m.contactId], refs: m.conversationRef ? [m.conversationRef] : [] };
  await refreshFirstReplies(db, scope);
  await refreshCycleDurations(db, scope);
}

export type SeedConversation = {
  contactId: number;
  channel: string;
  openedAt: string;
  openedBy?: OpenedBy;
  closedAt?: string;
  closedBy?: ClosedBy;
  closerAgentId?: string;
  category?: string;
  assigneeId?: string;
  assignedAt?: string;
  externalId?: string;
  cycle?: number;
  source?: 'inbox' | 'derived';
  lastMessageAt?: string;
};

export async function seedConversation(db: DB, c: SeedConversation): Promise<number> {
  const row = await db.insertInto('conversations').values({
    source: c.source ?? 'inbox', external_id: c.externalId ?? null, cycle: c.cycle ?? 1, contact_id: c.contactId, phone_number_id: c.channel,
    opened_at: new Date(c.openedAt), opened_by: c.openedBy ?? 'contact', opener_agent_id: null,
    closed_at: d(c.closedAt), closed_by: c.closedBy ?? null, closer_agent_id: c.closerAgentId ?? null, category: c.category ?? null, note: null,
    assignee_id: c.assigneeId ?? null, assigned_at: d(c.assignedAt), first_agent_reply_at: null,
    first_agent_reply_agent_id: null, last_message_at: d(c.lastMessageAt),
  }).returning('id').executeTakeFirstOrThrow();
  await refreshFirstReplies(db, { conversationIds: [row.id] });
  await refreshCycleDurations(db, { conversationIds: [row.id] });
  return row.id;
}

export async function seedAssignment(db: DB, a: { conversationId: number; to: string | null; from?: string | null; at: string }): Promise<void> {
  await db.insertInto('assignments').values({ conversation_id: a.conversationId, from_agent_id: a.from ?? null, to_agent_id: a.to, at: new Date(a.at), by: null, event_id: `seed-${a.conversationId}-${a.at}` }).execute();
}

export async function seedComment(db: DB, c: { eventId: string; ref: string; agentId: string; at: string }): Promise<void> {
  await db.insertInto('comments').values({ event_id: c.eventId, conversation_ref: c.ref, agent_id: c.agentId, at: new Date(c.at), text: 'note' }).execute();
}
