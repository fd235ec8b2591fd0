import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely table types; they mirror migrations/*.sql (the SQL files are the source of truth). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type RawSource = 'whatsapp' | 'inbox' | 'chatwoot';
export type RawOutcome = 'processed' | 'partial' | 'rejected';

export interface RawEventsTable {
  id: Generated<number>;
  source: RawSource;
  received_at: Timestamp;
  body: Uint8Array;
  body_sha256: string;
  signature_ok: boolean | null;
  outcome: RawOutcome;
  problems: Json;
}

export interface ChannelsTable {
  phone_number_id: string;
  display_phone_number: string | null;
  waba_id: string | null;
  first_seen_at: Timestamp;
}

export type ContactSeenVia = 'inbound' | 'outbound' | 'inbox';

export interface ContactsTable {
  id: Generated<number>;
  user_id: string | null;
  wa_id: string | null;
  profile_name: string | null;
  username: string | null;
  source: string | null;
  first_seen_via: ContactSeenVia;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export type Direction = 'inbound' | 'outbound';
export type MessageOrigin = 'live' | 'echo' | 'history';
export type SenderType = 'agent' | 'automation' | 'broadcast' | 'api' | 'echo';

export interface MessagesTable {
  wamid: string;
  direction: Direction;
  origin: MessageOrigin;
  type: string | null;
  phone_number_id: string | null;
  contact_id: number | null;
  ts: NullableTimestamp;
  preview: string | null;
  reply_to_wamid: string | null;
  sender_type: SenderType | null;
  agent_id: string | null;
  inbox_sent_at: NullableTimestamp;
  first_status_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  read_at: NullableTimestamp;
  played_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  error_code: number | null;
  error_title: string | null;
  pricing_at: NullableTimestamp;
  pricing_type: string | null;
  pricing_category: string | null;
  billable: boolean | null;
  biz_opaque_callback_data: string | null;
  edited_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  counted_at: ColumnType<Date | null, never, never>;
  delivery_state: ColumnType<'sent' | 'delivered' | 'read' | 'failed' | null, never, never>;
}

export interface MessageStatusesTable {
  wamid: string;
  status: string;
  ts: Timestamp;
  recipient_id: string | null;
  recipient_user_id: string | null;
  error_code: number | null;
  error_title: string | null;
  error_details: string | null;
  pricing_type: string | null;
  pricing_category: string | null;
  pricing_model: string | null;
  billable: boolean | null;
  conversation_id: string | null;
  conversation_origin: string | null;
  biz_opaque_callback_data: string | null;
  raw_event_id: number;
}

export interface WebhookErrorsTable {
  id: Generated<number>;
  raw_event_id: number;
  phone_number_id: string | null;
  code: number | null;
  title: string | null;
  details: string | null;
  observed_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

export interface Database {
  raw_events: RawEventsTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  messages: MessagesTable;
  message_statuses: MessageStatusesTable;
  webhook_errors: WebhookErrorsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Message = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type Contact = Selectable<ContactsTable>;
