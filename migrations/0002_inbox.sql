-- 0002 inbox: agents, inbox events, conversation cycles, assignments, comments.
-- Conversation cycles are *derived* state: recomputed from inbox_events (per conversation)
-- or from messages (per contact × channel, when a channel has no inbox), so any arrival order
-- of the same facts converges to the same rows.

CREATE TABLE agents (
  id            text PRIMARY KEY,          -- the inbox's own id (Chatwoot ids as chatwoot:<id>)
  name          text NOT NULL,
  email         text,
  team          text,
  slack_user_id text,
  updated_at    timestamptz NOT NULL       -- `at` of the event that set these values (last writer by time wins)
);

-- Every accepted inbox/Chatwoot event, idempotent by its id.
CREATE TABLE inbox_events (
  id               text PRIMARY KEY,
  type             text NOT NULL,
  at               timestamptz NOT NULL,
  conversation_ref text,                   -- the inbox's conversation id, when the event has one
  payload          jsonb NOT NULL,
  raw_event_id     bigint NOT NULL,
  received_at      timestamptz NOT NULL
);
CREATE INDEX inbox_events_conversation ON inbox_events (conversation_ref, at) WHERE conversation_ref IS NOT NULL;

-- One row per open→close cycle of one contact on one channel.
CREATE TABLE conversations (
  id                    bigserial PRIMARY KEY,
  source                text NOT NULL CHECK (source IN ('inbox', 'derived')),
  external_id           text,              -- inbox conversation id (null for derived cycles)
  cycle                 integer NOT NULL,  -- 1, 2, … per external id (a reopen is a new cycle)
  contact_id            bigint REFERENCES contacts (id),
  phone_number_id       text,
  opened_at             timestamptz NOT NULL,
  opened_by             text NOT NULL CHECK (opened_by IN ('contact', 'agent', 'automation', 'api')),
  opener_agent_id       text,
  closed_at             timestamptz,
  closed_by             text CHECK (closed_by IN ('agent', 'automation', 'auto_close', 'api')),
  closer_agent_id       text,
  category              text,
  note                  text,
  assignee_id           text,              -- current assignee (at close, once closed)
  assigned_at           timestamptz,       -- when the current assignee got it
  first_agent_reply_at  timestamptz,
  first_agent_reply_agent_id text,
  last_message_at       timestamptz,       -- derived cycles: what auto-close counts from
  UNIQUE (external_id, cycle)
);
CREATE INDEX conversations_opened ON conversations (opened_at);
CREATE INDEX conversations_closed ON conversations (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX conversations_open ON conversations (opened_at) WHERE closed_at IS NULL;
CREATE INDEX conversations_contact ON conversations (contact_id, phone_number_id, opened_at);

CREATE TABLE assignments (
  id              bigserial PRIMARY KEY,
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  from_agent_id   text,
  to_agent_id     text,                    -- null = unassigned
  at              timestamptz NOT NULL,
  by              text,
  event_id        text NOT NULL
);
CREATE INDEX assignments_conversation ON assignments (conversation_id);
CREATE INDEX assignments_agent_at ON assignments (to_agent_id, at);

CREATE TABLE comments (
  event_id         text PRIMARY KEY,
  conversation_ref text NOT NULL,
  agent_id         text,
  at               timestamptz NOT NULL,
  text             text
);
CREATE INDEX comments_agent_at ON comments (agent_id, at);

-- Messages learn which inbox conversation they belong to (message.sent conversation_id).
ALTER TABLE messages ADD COLUMN conversation_ref text;

-- Contact × channel pairs whose messages changed since conversations were last settled;
-- ingest only marks them (cheap), the settle step re-derives (see conversations/settle).
CREATE TABLE conversation_dirty (
  contact_id      bigint NOT NULL,
  phone_number_id text   NOT NULL,
  since           timestamptz NOT NULL,
  PRIMARY KEY (contact_id, phone_number_id)
);
