import { sql, type Kysely } from 'kysely';
import { ingestChatwoot, ingestWhatsAppBodies } from '../../src/collector/index.js';
import type { Database } from '../../src/store/index.js';
import { fixtureBytes, fixtureNames } from './fixtures.js';

/**
 * Every derived table as a sorted list of rows, with surrogate ids replaced by what they stand
 * for, so two databases built by different routes (live ingest, `wapulse reprocess --rebuild`)
 * compare equal exactly when they hold the same facts. Replaced, and why they may change:
 * contacts.id, conversations.id, assignments.id and webhook_errors.id are sequence values
 * (a rebuild does not reuse them); a row referring to a contact names its user_id|wa_id, an
 * assignment names its conversation by (source, external id, cycle, contact, number, opened_at).
 * `rawBodiesByHash`: raw_event_id is named by its body's sha256 too, for databases whose raw
 * bodies were stored in different groupings (a sequence value lost to a retried transaction
 * shifts every later id); only while no body has been pruned.
 */
export async function derivedSnapshot(db: Kysely<Database>, opts: { rawBodiesByHash?: boolean } = {}): Promise<Record<string, string[]>> {
  const contact = (col: string) => sql.raw(`(SELECT coalesce(k.user_id, '') || '|' || coalesce(k.wa_id, '') FROM contacts k WHERE k.id = ${col})`);
  const conversationKey = sql.raw(
    `(SELECT c.source || '/' || coalesce(c.external_id, '') || '/' || c.cycle || '/' ||
             coalesce((SELECT coalesce(k.user_id, '') || '|' || coalesce(k.wa_id, '') FROM contacts k WHERE k.id = c.contact_id), '') || '/' ||
             coalesce(c.phone_number_id, '') || '/' || c.opened_at::text
        FROM conversations c WHERE c.id = a.conversation_id)`,
  );
  const queries: Record<string, ReturnType<typeof sql>> = {
    channels: sql`SELECT * FROM channels`,
    contacts: sql`SELECT user_id, wa_id, profile_name, username, source, source_at, first_seen_via, created_at, deleted_at FROM contacts`,
    messages: sql`SELECT m.*, ${contact('m.contact_id')} AS contact FROM messages m`,
    message_statuses: sql`SELECT * FROM message_statuses`,
    webhook_errors: sql`SELECT raw_event_id, phone_number_id, code, title, details, observed_at FROM webhook_errors`,
    agents: sql`SELECT * FROM agents`,
    inbox_events: sql`SELECT * FROM inbox_events`,
    conversations: sql`SELECT c.*, ${contact('c.contact_id')} AS contact FROM conversations c`,
    assignments: sql`SELECT a.from_agent_id, a.to_agent_id, a.at, a.by, a.event_id, ${conversationKey} AS conversation FROM assignments a`,
    comments: sql`SELECT * FROM comments`,
    conversation_dirty: sql`SELECT d.phone_number_id, d.since, ${contact('d.contact_id')} AS contact FROM conversation_dirty d`,
  };
  const out: Record<string, string[]> = {};
  for (const [table, query] of Object.entries(queries)) {
    const { rows } = await query.execute(db);
    const hashes = opts.rawBodiesByHash ? await rawHashes(db) : null;
    out[table] = rows
      .map((r) => withoutIds(table, r as Record<string, unknown>))
      .map((r) => (hashes && 'raw_event_id' in r ? { ...r, raw_event_id: hashes.get(Number(r.raw_event_id)) } : r))
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

async function rawHashes(db: Kysely<Database>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('raw_events').select(['id', 'body_sha256']).execute();
  return new Map(rows.map((r) => [Number(r.id), r.body_sha256]));
}

function withoutIds(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const { id, contact_id, ...rest } = row;
  void id;
  void contact_id;
  // messages.contact_id / conversations.contact_id are replaced by `contact`; other tables keep their (natural) keys
  return table === 'inbox_events' || table === 'agents' ? row : rest;
}

/**
 * Every WhatsApp and Chatwoot fixture, stored through the live ingest functions, oldest first. Each body is
 * received a minute after the latest time it mentions (as a real webhook is), so no event lies
 * in the future of its body and inbound messages are dated just before their delivery.
 */
export async function ingestFixtures(db: Kysely<Database>): Promise<void> {
  const bodies = [
    ...fixtureNames('whatsapp').map((name) => ({ source: 'whatsapp' as const, raw: fixtureBytes(`whatsapp/${name}`) })),
    ...fixtureNames('chatwoot').map((name) => ({ source: 'chatwoot' as const, raw: fixtureBytes(`chatwoot/${name}`) })),
  ].map((b) => ({ ...b, receivedAt: receivedAfter(b.raw) }));
  // stored in the order they are received, as live traffic is (an edit after the message it edits)
  for (const b of bodies.sort((x, y) => x.receivedAt.getTime() - y.receivedAt.getTime())) {
    if (b.source === 'whatsapp') await ingestWhatsAppBodies(db, [b], /(?:^|;)\s*agent=([^;]+)/);
    else await ingestChatwoot(db, b.raw, b.receivedAt, new Map());
  }
}

function receivedAfter(raw: Buffer): Date {
  const text = raw.toString('utf8');
  const seconds = [...text.matchAll(/"(1[5-8]\d{8})"|:\s*(1[5-8]\d{8})\b/g)].map((m) => Number(m[1] ?? m[2]) * 1000);
  const iso = [...text.matchAll(/"(20\d\d-\d\d-\d\dT[\d:.]+Z)"/g)].map((m) => Date.parse(m[1]!));
  return new Date(Math.max(Date.UTC(2025, 0, 1), ...seconds, ...iso) + 60_000);
}
