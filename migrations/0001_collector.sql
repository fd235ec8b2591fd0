-- 0001 collector: raw webhook bodies and the WhatsApp facts normalised from them.
-- All times are timestamptz in UTC; WhatsApp's Unix-second strings are converted on ingest.

-- Every accepted webhook body, verbatim, so derived tables can always be rebuilt
-- (`wapulse reprocess`). The sha256 makes a redelivered body a no-op.
CREATE TABLE raw_events (
  id            bigserial PRIMARY KEY,
  source        text        NOT NULL CHECK (source IN ('whatsapp', 'inbox', 'chatwoot')),
  received_at   timestamptz NOT NULL,
  body          bytea       NOT NULL,
  body_sha256   text        NOT NULL,
  -- true: HMAC verified; null: the source has no signature scheme (Chatwoot's URL key)
  signature_ok  boolean,
  outcome       text        NOT NULL CHECK (outcome IN ('processed', 'partial', 'rejected')),
  -- problems found while normalising, by path: [{ path, message }]
  problems      jsonb,
  UNIQUE (source, body_sha256)
);
CREATE INDEX raw_events_received_at ON raw_events (received_at);

-- Business phone numbers (WhatsApp "channels").
CREATE TABLE channels (
  phone_number_id      text PRIMARY KEY,
  display_phone_number text,
  waba_id              text,
  first_seen_at        timestamptz NOT NULL
);

-- Customers. Keyed on the business-scoped user id (BSUID) when present, else on wa_id;
-- both are kept and filled in as later payloads reveal them.
CREATE TABLE contacts (
  id            bigserial PRIMARY KEY,
  user_id       text UNIQUE,
  wa_id         text UNIQUE,
  profile_name  text,
  username      text,
  -- incoming_message | manual | import | api, from the inbox; null until one says so
  source        text,
  -- how wapulse first saw the contact: an inbound message, an outbound message, or an inbox event
  first_seen_via text NOT NULL CHECK (first_seen_via IN ('inbound', 'outbound', 'inbox')),
  created_at    timestamptz NOT NULL,
  deleted_at    timestamptz,
  CHECK (user_id IS NOT NULL OR wa_id IS NOT NULL)
);

-- One row per WhatsApp message, inbound or outbound, keyed by wamid.
-- Outbound rows may be created by a status before (or without) anything else about them.
CREATE TABLE messages (
  wamid            text PRIMARY KEY,
  direction        text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  -- live traffic, a coexistence echo sent from the Business app, or onboarding history (never counted)
  origin           text NOT NULL CHECK (origin IN ('live', 'echo', 'history')),
  type             text,
  phone_number_id  text,
  contact_id       bigint REFERENCES contacts (id),
  -- the message's own timestamp (inbound, echoes, history); for outbound rows known only from
  -- statuses or inbox events this stays null and sent time is derived from the status times below
  ts               timestamptz,
  preview          text,
  reply_to_wamid   text,
  -- outbound attribution: who sent it, from the inbox or biz_opaque_callback_data
  sender_type      text CHECK (sender_type IN ('agent', 'automation', 'broadcast', 'api', 'echo')),
  agent_id         text,
  inbox_sent_at    timestamptz,
  -- status rollup: earliest time of each status seen; monotonic (only ever moves earlier)
  first_status_at  timestamptz,
  sent_at          timestamptz,
  delivered_at     timestamptz,
  read_at          timestamptz,
  played_at        timestamptz,
  failed_at        timestamptz,
  error_code       integer,
  error_title      text,
  -- pricing of the earliest status that carried one
  pricing_at       timestamptz,
  pricing_type     text,
  pricing_category text,
  billable         boolean,
  biz_opaque_callback_data text,
  edited_at        timestamptz,
  revoked_at       timestamptz,
  -- the time the message counts at: inbound ts, else sent status, else earliest status, else inbox event
  counted_at       timestamptz GENERATED ALWAYS AS (coalesce(ts, sent_at, first_status_at, inbox_sent_at)) STORED,
  -- furthest delivery state reached; read/played imply delivered, and any delivery beats a
  -- failure (a message failed then delivered counts as delivered)
  delivery_state   text GENERATED ALWAYS AS (CASE
                     WHEN read_at IS NOT NULL OR played_at IS NOT NULL THEN 'read'
                     WHEN delivered_at IS NOT NULL THEN 'delivered'
                     WHEN failed_at IS NOT NULL THEN 'failed'
                     WHEN first_status_at IS NOT NULL THEN 'sent'
                     ELSE NULL END) STORED
);
CREATE INDEX messages_counted ON messages (counted_at) WHERE origin <> 'history';
CREATE INDEX messages_contact_channel ON messages (contact_id, phone_number_id, counted_at);
CREATE INDEX messages_delivered ON messages (delivered_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX messages_read ON messages (read_at) WHERE read_at IS NOT NULL;
CREATE INDEX messages_failed ON messages (failed_at) WHERE failed_at IS NOT NULL;
CREATE INDEX messages_agent ON messages (agent_id, counted_at) WHERE agent_id IS NOT NULL;

-- Every status event, once per (wamid, status): Meta's redeliveries are no-ops.
CREATE TABLE message_statuses (
  wamid              text NOT NULL,
  status             text NOT NULL,
  ts                 timestamptz NOT NULL,
  recipient_id       text,
  recipient_user_id  text,
  error_code         integer,
  error_title        text,
  error_details      text,
  pricing_type       text,
  pricing_category   text,
  pricing_model      text,
  billable           boolean,
  conversation_id    text,
  conversation_origin text,
  biz_opaque_callback_data text,
  -- no foreign key: raw bodies are pruned after RAW_RETENTION_DAYS, derived rows stay
  raw_event_id       bigint NOT NULL,
  PRIMARY KEY (wamid, status)
);

-- Out-of-band errors from value.errors[] (not tied to one message).
CREATE TABLE webhook_errors (
  id              bigserial PRIMARY KEY,
  raw_event_id    bigint NOT NULL,
  phone_number_id text,
  code            integer,
  title           text,
  details         text,
  observed_at     timestamptz NOT NULL
);
