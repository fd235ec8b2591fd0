-- 0007 partitions: raw_events and message_statuses become monthly range partitions, so
-- retention drops a month in one short catalog change instead of deleting millions of rows.
-- Months are UTC calendar months, [first instant, first instant of the next month).
--
-- The catch: a unique key on a partitioned table must contain the partition key, and both
-- tables' idempotency rested on keys without time. How each keeps it exactly:
--
-- raw_events, by received_at (set once, on arrival). Its old UNIQUE (source, body_sha256) —
-- "a redelivered body is a no-op", and Meta redelivers for days, across month ends — moves
-- to a narrow unpartitioned claim table, raw_event_keys, written first in the same
-- transaction (insertRawEvents): ON CONFLICT DO NOTHING there decides, the body row follows
-- only for claimed keys. Concurrency is the old unique index's: a second claimer of the same
-- key waits for the first to commit or roll back. Keys are pruned with the bodies
-- (RAW_RETENTION_DAYS); past the retention a redelivery is stored again, as it was before.
--
-- message_statuses, by ts (the status's own time: every redelivery carries the same one).
-- The key becomes (wamid, status, ts). "Once per (wamid, status)" — the first one stored
-- wins, as before — is kept by applyStatuses: it upserts the message's row first (which locks
-- that wamid until commit, so writers of one wamid's statuses take turns), then stores only
-- the (wamid, status) pairs no partition holds yet. The key still makes an exact redelivery a
-- no-op on its own.
--
-- messages stays unpartitioned: its key is the wamid, and no time is known, stable, when the
-- first row for a wamid is written (a status may create an outbound row before its send
-- time, and counted_at moves when an earlier status arrives). Partitioning it would need a
-- global wamid → partition lookup, itself a table as long as messages. MESSAGE_RETENTION_DAYS
-- deletes its rows in short batches instead (see docs/scaling.md).
--
-- Rows outside every month (history messages years old, a clock gone wrong) land in each
-- table's DEFAULT partition; creating a month moves its rows out of DEFAULT first.
-- wapulse_create_month_partition below is what the app calls ahead of time too.

-- Creates `parent`'s partition for the UTC month holding `month` (named parent_yYYYYmMM),
-- unless it exists. Returns true when it created one. Built standalone and then ATTACHed,
-- which locks the parent only SHARE UPDATE EXCLUSIVE (CREATE … PARTITION OF would block every
-- insert with ACCESS EXCLUSIVE); rows of that month already in DEFAULT move first, or ATTACH
-- would refuse. One advisory lock serialises two replicas; a loser of a race that slips past
-- it anyway (a catalog unique violation) answers false instead of failing.
CREATE FUNCTION wapulse_create_month_partition(parent text, month timestamptz)
RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  lo timestamptz := date_trunc('month', month AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  hi timestamptz := (date_trunc('month', month AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
  part text := format('%s_y%sm%s', parent, to_char(month AT TIME ZONE 'UTC', 'YYYY'), to_char(month AT TIME ZONE 'UTC', 'MM'));
  col text := substring(pg_get_partkeydef(parent::regclass) FROM '\((\w+)\)');
BEGIN
  PERFORM pg_advisory_xact_lock(2002874480); -- 0x77617070, "wapp": partition maintenance, all tables
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                   parent || '_default', col, col, part) USING lo, hi;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, lo, hi);
  EXCEPTION WHEN duplicate_table OR unique_violation THEN
    RETURN false;
  END;
  RETURN true;
END
$$;

-- Each table is rebuilt beside the old one under its final name, its months created before
-- the rows are copied (so each row is written once, straight into its month), then the old
-- one is dropped. The old table and its indexes step aside under *_v6 names first.

-- raw_events -------------------------------------------------------------------------------

ALTER TABLE raw_events RENAME TO raw_events_v6;
ALTER INDEX raw_events_pkey RENAME TO raw_events_v6_pkey;
ALTER INDEX raw_events_source_body_sha256_key RENAME TO raw_events_v6_source_body_sha256_key;
ALTER INDEX raw_events_received_at RENAME TO raw_events_v6_received_at;

CREATE TABLE raw_events (
  id            bigint      NOT NULL DEFAULT nextval('raw_events_id_seq'),
  source        text        NOT NULL CHECK (source IN ('whatsapp', 'inbox', 'chatwoot')),
  received_at   timestamptz NOT NULL,
  body          bytea       NOT NULL,
  body_sha256   text        NOT NULL,
  signature_ok  boolean,
  outcome       text        NOT NULL CHECK (outcome IN ('processed', 'partial', 'rejected')),
  problems      jsonb,
  PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);
CREATE TABLE raw_events_default PARTITION OF raw_events DEFAULT;
CREATE INDEX raw_events_received_at ON raw_events (received_at);

-- One row per stored body: the global "seen this body" key raw_events can no longer hold.
CREATE TABLE raw_event_keys (
  source        text        NOT NULL,
  body_sha256   text        NOT NULL,
  received_at   timestamptz NOT NULL,
  raw_event_id  bigint      NOT NULL,
  PRIMARY KEY (source, body_sha256)
);
CREATE INDEX raw_event_keys_received_at ON raw_event_keys (received_at);

-- Every month that already holds rows, this month and the next two (a fresh database takes
-- traffic into real partitions at once).
SELECT wapulse_create_month_partition('raw_events', m)
  FROM (SELECT DISTINCT date_trunc('month', received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM raw_events_v6
        UNION SELECT now() + make_interval(months => k) FROM generate_series(0, 2) AS k) months ORDER BY m;

INSERT INTO raw_events SELECT id, source, received_at, body, body_sha256, signature_ok, outcome, problems FROM raw_events_v6;
INSERT INTO raw_event_keys SELECT source, body_sha256, received_at, id FROM raw_events_v6;
ALTER SEQUENCE raw_events_id_seq OWNED BY raw_events.id;
DROP TABLE raw_events_v6;

-- message_statuses ---------------------------------------------------------------------------

ALTER TABLE message_statuses RENAME TO message_statuses_v6;
ALTER INDEX message_statuses_pkey RENAME TO message_statuses_v6_pkey;

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
  PRIMARY KEY (wamid, status, ts)
) PARTITION BY RANGE (ts);
CREATE TABLE message_statuses_default PARTITION OF message_statuses DEFAULT;
CREATE INDEX message_statuses_ts ON message_statuses (ts);

SELECT wapulse_create_month_partition('message_statuses', m)
  FROM (SELECT DISTINCT date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m FROM message_statuses_v6
        UNION SELECT now() + make_interval(months => k) FROM generate_series(0, 2) AS k) months ORDER BY m;

INSERT INTO message_statuses SELECT * FROM message_statuses_v6;
DROP TABLE message_statuses_v6;

-- MESSAGE_RETENTION_DAYS deletes by these times in batches; each needs an index to find the
-- oldest rows without scanning. messages_counted covers live rows; history rows here.
CREATE INDEX messages_history_counted ON messages (counted_at) WHERE origin = 'history';
CREATE INDEX webhook_errors_observed ON webhook_errors (observed_at);
