-- Count rollups of `messages` for the messages and failures reports (issue 10: reports over 10M
-- messages in 300 ms). A message contributes a handful of (kind, time) facts that are a pure
-- function of its own row; they are counted per 15-minute bucket (every IANA zone's offset is a
-- multiple of 15 minutes, so local days and hours are unions of buckets) and per channel and
-- agent, so the channel/agent/team filters still apply. Windows that do not fall on bucket
-- bounds read the partial buckets at either edge from the base rows through the same function.

-- Inside the 24 h customer-service window (METRICS): the contact wrote on the channel in
-- (t − 24h, t], t = the outbound message's counted_at. Not a function of the row alone (the
-- inbound may arrive later), so it is stored: set on write by the triggers below, and
-- recomputed by the settle step for dirty contact × channel pairs, which repairs the one race
-- the triggers cannot see (an inbound and an outbound of one pair committed concurrently).
-- Null for inbound and history rows.
ALTER TABLE messages ADD COLUMN inside_window boolean;

-- THE definition of what a message counts for, shared by the triggers, the rebuild and the
-- reports' edge spans (one definition: they cannot drift). Mirrors src/metrics/messages/
-- message-facts.ts, which the other reports use; test/integration/metrics/message-rollups.test.ts
-- checks the two agree on random data. `at` is the time the fact counts at; history never counts.
CREATE FUNCTION message_contributions(m messages)
RETURNS TABLE (kind text, at timestamptz, error_code integer, error_title text, pricing_category text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT v.kind, v.at, v.error_code, v.error_title, v.pricing_category
  FROM (VALUES
    -- inbound a contact wrote (not reaction/system/request_welcome), and reactions
    ('received', CASE WHEN m.direction = 'inbound' AND coalesce(m.type, '') NOT IN ('reaction', 'system', 'request_welcome') THEN m.counted_at END, NULL::integer, NULL::text, NULL::text),
    ('reaction', CASE WHEN m.direction = 'inbound' AND m.type = 'reaction' THEN m.counted_at END, NULL, NULL, NULL),
    -- the sent cohort, by send time, with what became of it (delivery/read/failure whenever)
    ('sent', CASE WHEN m.direction = 'outbound' THEN m.counted_at END, NULL, NULL, NULL),
    ('sent_delivered', CASE WHEN m.direction = 'outbound' AND coalesce(m.delivered_at, least(m.read_at, m.played_at)) IS NOT NULL THEN m.counted_at END, NULL, NULL, NULL),
    ('sent_read', CASE WHEN m.direction = 'outbound' AND least(m.read_at, m.played_at) IS NOT NULL THEN m.counted_at END, NULL, NULL, NULL),
    ('sent_failed', CASE WHEN m.direction = 'outbound' AND m.delivery_state = 'failed' THEN m.counted_at END, NULL, NULL, NULL),
    ('sent_inside', CASE WHEN m.direction = 'outbound' AND m.inside_window THEN m.counted_at END, NULL, NULL, NULL),
    ('sent_billable', CASE WHEN m.direction = 'outbound' AND (m.pricing_type = 'regular' OR (m.pricing_type IS NULL AND m.billable IS TRUE)) THEN m.counted_at END, NULL, NULL, m.pricing_category),
    -- events by their own time: delivered (else earliest read/played), read (earliest of read/played),
    -- failed for good (no delivery ever) with its code, title and pricing category
    ('delivered', CASE WHEN m.direction = 'outbound' THEN coalesce(m.delivered_at, least(m.read_at, m.played_at)) END, NULL, NULL, NULL),
    ('read', CASE WHEN m.direction = 'outbound' THEN least(m.read_at, m.played_at) END, NULL, NULL, NULL),
    ('failed', CASE WHEN m.direction = 'outbound' AND m.delivery_state = 'failed' THEN m.failed_at END, m.error_code, m.error_title, m.pricing_category)
  ) AS v(kind, at, error_code, error_title, pricing_category)
  WHERE m.origin <> 'history' AND v.at IS NOT NULL
$$;

-- The 15-minute bucket of an instant (buckets start on the quarter hour, UTC).
CREATE FUNCTION message_rollup_bucket(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_bin('15 minutes', t, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

-- Compacted counts. NULLS NOT DISTINCT: a null channel/agent/code is one key, as GROUP BY has it.
CREATE TABLE message_rollups (
  bucket           timestamptz NOT NULL,
  kind             text NOT NULL,
  phone_number_id  text,
  agent_id         text,
  error_code       integer,
  error_title      text,
  pricing_category text,
  n                bigint NOT NULL,
  CONSTRAINT message_rollups_key UNIQUE NULLS NOT DISTINCT (bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category)
);

-- Append-only changes since the last compaction: concurrent ingest transactions only ever
-- insert here, so many statuses of one campaign landing in one bucket never wait on a hot row
-- (nor deadlock). Reports read rollups + deltas; compaction folds deltas into rollups.
CREATE TABLE message_rollup_deltas (
  bucket           timestamptz NOT NULL,
  kind             text NOT NULL,
  phone_number_id  text,
  agent_id         text,
  error_code       integer,
  error_title      text,
  pricing_category text,
  n                bigint NOT NULL
);
CREATE INDEX message_rollup_deltas_bucket ON message_rollup_deltas (bucket);

-- The contact wrote on the channel in (c − 24h, c]. A SQL function with a sub-query is not
-- inlined, so it is planned afresh in each transaction instead of once per connection by
-- PL/pgSQL: a plan cached while `messages` was nearly empty (a seq scan) would otherwise stay
-- in use as it grows (2.6× slower seeding from an empty database, measured).
CREATE FUNCTION message_inside_window_at(contact bigint, phone text, c timestamptz) RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT c IS NOT NULL AND EXISTS (
    SELECT 1 FROM messages i
    WHERE i.contact_id = contact AND i.phone_number_id = phone
      AND i.counted_at > c - interval '24 hours' AND i.counted_at <= c
      AND i.direction = 'inbound' AND i.origin <> 'history' AND coalesce(i.type, '') <> 'system')
$$;

-- inside_window of an outbound row, computed when it is written or its counted_at/pair moves.
-- counted_at is a generated column, not yet computed in a BEFORE trigger, so its expression
-- (0001) is repeated here.
CREATE FUNCTION messages_set_inside_window() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  c timestamptz := coalesce(NEW.ts, NEW.sent_at, NEW.first_status_at, NEW.inbox_sent_at);
BEGIN
  IF NEW.direction <> 'outbound' OR NEW.origin = 'history' THEN
    NEW.inside_window := NULL;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND c IS NOT DISTINCT FROM OLD.counted_at AND NEW.contact_id IS NOT DISTINCT FROM OLD.contact_id
     AND NEW.phone_number_id IS NOT DISTINCT FROM OLD.phone_number_id AND OLD.direction = 'outbound' AND OLD.origin <> 'history' THEN
    RETURN NEW; -- nothing it depends on moved (keeps a value the inbound refresh just set)
  END IF;
  NEW.inside_window := message_inside_window_at(NEW.contact_id, NEW.phone_number_id, c);
  RETURN NEW;
END
$$;

-- Recomputes inside_window of the outbound rows an inbound at t can affect: same pair,
-- counted_at in [t, t + 24h). Touches only rows whose value changes (usually none: replies are
-- written after the message they answer), and SKIP LOCKED: a row another ingest transaction
-- holds is left alone rather than waited for — waiting there could close a deadlock cycle with
-- that transaction — and the settle step repairs it (this transaction marks the pair dirty).
CREATE FUNCTION messages_refresh_inside_window(pairs_at jsonb) RETURNS void
LANGUAGE sql
AS $$
  UPDATE messages o SET inside_window = message_inside_window_at(o.contact_id, o.phone_number_id, o.counted_at)
  FROM (
    SELECT o2.wamid
    FROM (SELECT DISTINCT (p->>'c')::bigint AS contact_id, p->>'p' AS phone_number_id, (p->>'t')::timestamptz AS t
          FROM jsonb_array_elements(pairs_at) AS p) r
    JOIN messages o2 ON o2.contact_id = r.contact_id AND o2.phone_number_id = r.phone_number_id
      AND o2.counted_at >= r.t AND o2.counted_at < r.t + interval '24 hours'
      AND o2.direction = 'outbound' AND o2.origin <> 'history'
    WHERE o2.inside_window IS DISTINCT FROM message_inside_window_at(o2.contact_id, o2.phone_number_id, o2.counted_at)
    FOR UPDATE OF o2 SKIP LOCKED
  ) x
  WHERE o.wamid = x.wamid
$$;

-- Statement-level triggers with transition tables: one INSERT of deltas per statement (a batch of
-- statuses is one UPDATE), the row's new contribution minus its old one, nothing when they cancel.
CREATE FUNCTION messages_rollup_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO message_rollup_deltas (bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n)
    SELECT message_rollup_bucket(c.at), c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, count(*)
    FROM new_rows m CROSS JOIN LATERAL message_contributions(m) c
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    PERFORM messages_refresh_inside_window(jsonb_agg(jsonb_build_object('c', contact_id, 'p', phone_number_id, 't', counted_at)))
    FROM new_rows WHERE direction = 'inbound' AND contact_id IS NOT NULL AND phone_number_id IS NOT NULL AND counted_at IS NOT NULL
    HAVING count(*) > 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO message_rollup_deltas (bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n)
    SELECT message_rollup_bucket(d.at), d.kind, d.phone_number_id, d.agent_id, d.error_code, d.error_title, d.pricing_category, sum(d.n)
    FROM (
      SELECT c.*, m.phone_number_id, m.agent_id, 1 AS n FROM new_rows m CROSS JOIN LATERAL message_contributions(m) c
      UNION ALL
      SELECT c.*, m.phone_number_id, m.agent_id, -1 FROM old_rows m CROSS JOIN LATERAL message_contributions(m) c
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(d.n) <> 0;
    -- an inbound row whose pair or time moved (rare): both its old and new spans
    PERFORM messages_refresh_inside_window(jsonb_agg(jsonb_build_object('c', x.contact_id, 'p', x.phone_number_id, 't', x.counted_at)))
    FROM (SELECT contact_id, phone_number_id, counted_at, direction, origin, type FROM new_rows
          EXCEPT SELECT contact_id, phone_number_id, counted_at, direction, origin, type FROM old_rows
          UNION
          SELECT contact_id, phone_number_id, counted_at, direction, origin, type FROM old_rows
          EXCEPT SELECT contact_id, phone_number_id, counted_at, direction, origin, type FROM new_rows) x
    WHERE x.direction = 'inbound' AND x.contact_id IS NOT NULL AND x.phone_number_id IS NOT NULL AND x.counted_at IS NOT NULL
    HAVING count(*) > 0;
  ELSE
    INSERT INTO message_rollup_deltas (bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n)
    SELECT message_rollup_bucket(c.at), c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, -count(*)
    FROM old_rows m CROSS JOIN LATERAL message_contributions(m) c
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
    PERFORM messages_refresh_inside_window(jsonb_agg(jsonb_build_object('c', contact_id, 'p', phone_number_id, 't', counted_at)))
    FROM old_rows WHERE direction = 'inbound' AND contact_id IS NOT NULL AND phone_number_id IS NOT NULL AND counted_at IS NOT NULL
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;

-- Backfill before the triggers exist: the flag, then the compacted counts.
UPDATE messages m SET inside_window = m.counted_at IS NOT NULL AND EXISTS (
  SELECT 1 FROM messages i
  WHERE i.contact_id = m.contact_id AND i.phone_number_id = m.phone_number_id
    AND i.counted_at > m.counted_at - interval '24 hours' AND i.counted_at <= m.counted_at
    AND i.direction = 'inbound' AND i.origin <> 'history' AND coalesce(i.type, '') <> 'system')
WHERE m.direction = 'outbound' AND m.origin <> 'history';

INSERT INTO message_rollups (bucket, kind, phone_number_id, agent_id, error_code, error_title, pricing_category, n)
SELECT message_rollup_bucket(c.at), c.kind, m.phone_number_id, m.agent_id, c.error_code, c.error_title, c.pricing_category, count(*)
FROM messages m CROSS JOIN LATERAL message_contributions(m) c
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TRIGGER messages_inside_window BEFORE INSERT OR UPDATE ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_set_inside_window();
CREATE TRIGGER messages_rollup_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_rollup_deltas();
CREATE TRIGGER messages_rollup_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_rollup_deltas();
CREATE TRIGGER messages_rollup_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_rollup_deltas();
