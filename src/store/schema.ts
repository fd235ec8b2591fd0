import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely table types; they mirror migrations/*.sql (the SQL files are the source of truth). */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;
/** The WhatsApp Business Account id (migrations/0010): optional on insert, null until known. */
type WabaId = ColumnType<string | null, string | null | undefined, string | null>;

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
  /** `at` of the contact.created whose source this is: the earliest wins */
  source_at: NullableTimestamp;
  first_seen_via: ContactSeenVia;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
  waba_id: WabaId;
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
  conversation_ref: string | null;
  counted_at: ColumnType<Date | null, never, never>;
  delivery_state: ColumnType<'sent' | 'delivered' | 'read' | 'failed' | null, never, never>;
  /** outbound: the contact wrote in the 24 h before counted_at (migrations/0009; kept by triggers and settle) */
  inside_window: ColumnType<boolean | null, never, boolean | null>;
  waba_id: WabaId;
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
  waba_id: WabaId;
}

export interface WebhookErrorsTable {
  id: Generated<number>;
  raw_event_id: number;
  phone_number_id: string | null;
  code: number | null;
  title: string | null;
  details: string | null;
  observed_at: Timestamp;
  waba_id: WabaId;
}

export interface AgentsTable {
  id: string;
  name: string;
  email: string | null;
  team: string | null;
  slack_user_id: string | null;
  updated_at: Timestamp;
}

export interface InboxEventsTable {
  id: string;
  type: string;
  at: Timestamp;
  conversation_ref: string | null;
  payload: Json;
  raw_event_id: number;
  received_at: Timestamp;
}

export type OpenedBy = 'contact' | 'agent' | 'automation' | 'api';
export type ClosedBy = 'agent' | 'automation' | 'auto_close' | 'api';

export interface ConversationsTable {
  id: Generated<number>;
  source: 'inbox' | 'derived';
  external_id: string | null;
  cycle: number;
  contact_id: number | null;
  phone_number_id: string | null;
  opened_at: Timestamp;
  opened_by: OpenedBy;
  opener_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: NullableTimestamp;
  closed_by: ColumnType<ClosedBy | null, ClosedBy | null | undefined, ClosedBy | null>;
  closer_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  category: ColumnType<string | null, string | null | undefined, string | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_at: NullableTimestamp;
  first_agent_reply_at: NullableTimestamp;
  first_agent_reply_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_message_at: NullableTimestamp;
  waba_id: WabaId;
}

export interface AssignmentsTable {
  id: Generated<number>;
  conversation_id: number;
  from_agent_id: string | null;
  to_agent_id: string | null;
  at: Timestamp;
  by: string | null;
  event_id: string;
  waba_id: WabaId;
}

export interface CommentsTable {
  event_id: string;
  conversation_ref: string;
  agent_id: string | null;
  at: Timestamp;
  text: string | null;
}

export interface ConversationDirtyTable {
  contact_id: number;
  phone_number_id: string;
  since: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

/** A chart PNG behind a signed link (migrations/0006); `png` is a Buffer from pg, a Uint8Array from PGlite. */
export interface ChartImagesTable {
  id: string;
  png: Uint8Array;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  expires_at: Timestamp;
}

/** One duration value of a conversation cycle (migrations/0008); kept by store/cycle-durations-repo.ts. */
export interface CycleDurationsTable {
  cycle_id: number;
  metric: 'first_response' | 'response' | 'resolution' | 'auto_close_resolution';
  seq: number;
  started_at: Timestamp;
  ended_at: Timestamp;
  agent_id: string | null;
  /** ended_at − started_at, wall clock */
  seconds: number;
  /** duration_bucket(seconds), generated (migrations/0012) */
  bucket: ColumnType<number, never, never>;
}

/**
 * migrations/0018: cycle_count_facts counted per UTC day (and its deltas table); 0020 added the
 * agent a close counts for.
 */
export interface CycleCountRollupsTable {
  day: Timestamp;
  event: 'opened' | 'closed' | 'ended';
  opened_by: OpenedBy | null;
  closed_by: ClosedBy | null;
  category: string | null;
  unanswered: boolean | null;
  agent_id: string | null;
  n: ColumnType<number, number, number>;
}

/** migrations/0023: contacts created and deleted per UTC day and source label (and its deltas table). */
export interface ContactCountRollupsTable {
  event: 'created' | 'deleted';
  day: Timestamp;
  source: string;
  n: ColumnType<number, number, number>;
}

/**
 * Count and exact sum of duration values per UTC day, metric, bucket, and agent (by_agent) or all
 * agents (migrations/0012); the deltas table has the same shape.
 */
export interface DurationRollupsTable {
  day: Timestamp;
  metric: string;
  by_agent: boolean;
  agent_id: string | null;
  bucket: number;
  n: ColumnType<number, number, number>;
  /** numeric: a string from pg */
  sum_seconds: ColumnType<string, string | number, string | number>;
}

/** duration_rollups summed per UTC calendar month (migrations/0021), kept by triggers on it. */
export interface DurationRollupsMonthlyTable extends Omit<DurationRollupsTable, 'day'> {
  month: Timestamp;
}

/**
 * Counts of message facts per 15-minute bucket, channel and agent (migrations/0009); the deltas
 * table has the same shape, appended by triggers and folded in by compaction.
 */
export interface MessageRollupsTable {
  bucket: Timestamp;
  kind: string;
  phone_number_id: string | null;
  agent_id: string | null;
  error_code: number | null;
  error_title: string | null;
  pricing_category: string | null;
  n: ColumnType<number, number, number>;
}

/**
 * message_rollups summed per UTC hour without the agent (migrations/0016), kept by a trigger on
 * message_rollups: what reports without an agent/team filter read for whole hours.
 */
export interface MessageRollupsHourlyTable {
  hour: Timestamp;
  kind: string;
  phone_number_id: string | null;
  error_code: number | null;
  error_title: string | null;
  pricing_category: string | null;
  n: ColumnType<number, number, number>;
}

/**
 * Per contact × channel × UTC day facts of the contacts report (migrations/0013); recomputed for
 * the (contact, day) keys that triggers mark in contact_day_dirty.
 */
export interface ContactDaysTable {
  contact_id: ColumnType<string, string | number, string | number>;
  phone_number_id: string | null;
  day: Timestamp;
  first_inbound_at: Timestamp | null;
  received: boolean;
  first_out_at: Timestamp | null;
  first_out_wamid: string | null;
  first_out_replied: boolean | null;
}

export interface ContactDayDirtyTable {
  contact_id: ColumnType<string, string | number, string | number>;
  day: Timestamp;
}

/**
 * Per contact × channel (and all channels) × UTC day (migrations/0022): whether the contact
 * wrote or was written to, and its previous such day; counted per (channel, kind, day, previous day, source) in
 * contact_link_counts. Recomputed per contact by the settle step.
 */
export interface ContactLinksTable {
  contact_id: ColumnType<string, string | number, string | number>;
  /** a phone_number_id, or '' for all channels together */
  channel: string;
  day: Timestamp;
  source: string;
  received: boolean;
  prev_received_day: Timestamp | null;
  sent: boolean;
  sent_replied: boolean | null;
  prev_sent_day: Timestamp | null;
}

export interface ContactLinkCountsTable {
  channel: string;
  kind: 'received' | 'sent';
  day: Timestamp;
  prev_day: Timestamp;
  source: string;
  n: ColumnType<string, number, number>;
  replied: ColumnType<string, number, number>;
}

/** Each contact's first inbound message and first day with a received one, per channel and across all (migrations/0022). */
export interface ContactFirstsTable {
  contact_id: ColumnType<string, string | number, string | number>;
  channel: string;
  first_inbound_at: Timestamp;
  first_received_day: Timestamp;
}

/** contact_firsts rows counted per channel, UTC day of the first inbound message and first received day (migrations/0024). */
export interface ContactFirstCountsTable {
  channel: string;
  inbound_day: Timestamp;
  received_day: Timestamp;
  n: ColumnType<number, number, number>;
}

/** Busy-hours counts per 15-minute bucket, channel and agent (migrations/0014). */
export interface BusyHourRollupsTable {
  bucket: Timestamp;
  kind: string;
  phone_number_id: string | null;
  agent_id: string | null;
  n: ColumnType<number, number, number>;
}

/** busy_hour_rollups summed per UTC hour, same channel and agent (migrations/0017), kept by a trigger on it. */
export interface BusyHourRollupsHourlyTable {
  hour: Timestamp;
  kind: string;
  phone_number_id: string | null;
  agent_id: string | null;
  n: ColumnType<number, number, number>;
}

export interface Database {
  raw_events: RawEventsTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  messages: MessagesTable;
  message_statuses: MessageStatusesTable;
  webhook_errors: WebhookErrorsTable;
  agents: AgentsTable;
  inbox_events: InboxEventsTable;
  conversations: ConversationsTable;
  assignments: AssignmentsTable;
  comments: CommentsTable;
  conversation_dirty: ConversationDirtyTable;
  schema_migrations: SchemaMigrationsTable;
  chart_images: ChartImagesTable;
  raw_event_keys: RawEventKeysTable;
  cycle_durations: CycleDurationsTable;
  message_rollups: MessageRollupsTable;
  message_rollup_deltas: MessageRollupsTable;
  message_rollups_hourly: MessageRollupsHourlyTable;
  busy_hour_rollups: BusyHourRollupsTable;
  busy_hour_rollup_deltas: BusyHourRollupsTable;
  busy_hour_rollups_hourly: BusyHourRollupsHourlyTable;
  duration_rollups: DurationRollupsTable;
  duration_rollup_deltas: DurationRollupsTable;
  duration_rollups_monthly: DurationRollupsMonthlyTable;
  cycle_count_rollups: CycleCountRollupsTable;
  cycle_count_rollup_deltas: CycleCountRollupsTable;
  contact_count_rollups: ContactCountRollupsTable;
  contact_count_rollup_deltas: ContactCountRollupsTable;
  reprocess_runs: ReprocessRunsTable;
  contact_days: ContactDaysTable;
  contact_day_dirty: ContactDayDirtyTable;
  contact_links: ContactLinksTable;
  contact_link_counts: ContactLinkCountsTable;
  contact_firsts: ContactFirstsTable;
  contact_first_counts: ContactFirstCountsTable;
}

/** The global "seen this body" key of the month-partitioned raw_events (migrations/0007). */
export interface RawEventKeysTable {
  source: RawSource;
  body_sha256: string;
  received_at: Timestamp;
  raw_event_id: number;
}

export type Message = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type Contact = Selectable<ContactsTable>;

/** One `wapulse reprocess` run and how far it got (migrations/0011). */
export interface ReprocessRunsTable {
  id: Generated<number>;
  mode: 'apply' | 'rebuild';
  batch_size: number;
  started_at: Timestamp;
  end_received_at: NullableTimestamp;
  end_id: number | null;
  total: number;
  cursor_received_at: NullableTimestamp;
  cursor_id: number | null;
  done: Generated<number>;
  unreadable: Generated<number>;
  failed: Generated<number>;
  failures: ColumnType<unknown, string | undefined, string>;
  replayed_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  abandoned_at: NullableTimestamp;
}
