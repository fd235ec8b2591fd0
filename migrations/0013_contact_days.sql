-- Per contact × channel × UTC day facts for the contacts report (issue 10: reports over 10M
-- messages in 300 ms). The report's new-vs-returning and reply-rate parts otherwise read every
-- message of the window and probe each contact's history; a contact's messages of one day
-- reduce to one row here (about 6× fewer rows than messages on the bench data), and every figure
-- stays exact:
--  * active in the window: a row with `received` on a whole day inside the window (the partial
--    days at either edge are read from messages);
--  * returning: a row of the contact with first_inbound_at < from — true exactly when some
--    inbound message (history and reactions included) was counted before `from`;
--  * reply rate: the first outbound of the window is the earliest (time, wamid) among the whole
--    days' first outbound messages and the edges' messages, and first_out_replied says whether
--    that message was answered within 24 h (METRICS; src/metrics/contacts/reply-rate.ts).
-- A row depends on other messages than its day's (a reply the next day), so it is not kept by
-- deltas but recomputed: writers only mark the (contact, day) keys they may have changed
-- (append-only, never waited on), the settle job recomputes marked keys, and reports read the
-- marked keys' rows through the same function instead of the stored ones — exact before settling.

-- The UTC day an instant falls in (days start at midnight UTC).
CREATE FUNCTION contact_day_of(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_bin('1 day', t, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

CREATE TABLE contact_days (
  contact_id        bigint NOT NULL,
  phone_number_id   text,
  day               timestamptz NOT NULL,
  -- earliest inbound message of the day, any kind and origin (history, reactions: "before" counts them)
  first_inbound_at  timestamptz,
  -- a received inbound message (not reaction/system/request_welcome, never history) that day
  received          boolean NOT NULL,
  -- the day's first outbound message (never history), ties by lowest wamid, and whether the
  -- contact sent a received inbound message on the same channel in (t, t + 24 h]
  first_out_at      timestamptz,
  first_out_wamid   text,
  first_out_replied boolean
);
CREATE INDEX contact_days_key ON contact_days (contact_id, day);
CREATE INDEX contact_days_day ON contact_days (day);

-- (contact, day) keys whose rows may be stale. Append-only: concurrent writers never wait here.
CREATE TABLE contact_day_dirty (
  contact_id bigint NOT NULL,
  day        timestamptz NOT NULL
);
CREATE INDEX contact_day_dirty_key ON contact_day_dirty (contact_id, day);

-- THE definition of a row, for the given (contact, day) keys (paired arrays): used by the
-- settle step, the rebuild and the reports' reading of dirty keys, so they cannot drift.
CREATE FUNCTION contact_day_rows(contacts bigint[], days timestamptz[])
RETURNS SETOF contact_days
LANGUAGE sql STABLE
AS $$
  SELECT g.contact_id, g.phone_number_id, g.day, g.first_inbound_at, g.received, g.first_out_at, g.first_out_wamid,
    CASE WHEN g.first_out_at IS NULL THEN NULL ELSE coalesce(EXISTS (
      SELECT 1 FROM messages r
      WHERE r.contact_id = g.contact_id AND r.phone_number_id = g.phone_number_id
        AND r.counted_at > g.first_out_at AND r.counted_at <= g.first_out_at + interval '24 hours'
        AND r.origin <> 'history' AND r.direction = 'inbound'
        AND coalesce(r.type, '') NOT IN ('reaction', 'system', 'request_welcome')), false) END
  FROM (
    SELECT m.contact_id, m.phone_number_id, k.day,
      min(m.counted_at) FILTER (WHERE m.direction = 'inbound') AS first_inbound_at,
      coalesce(bool_or(m.direction = 'inbound' AND m.origin <> 'history'
        AND coalesce(m.type, '') NOT IN ('reaction', 'system', 'request_welcome')), false) AS received,
      (array_agg(m.counted_at ORDER BY m.counted_at, m.wamid) FILTER (WHERE m.direction = 'outbound' AND m.origin <> 'history'))[1] AS first_out_at,
      (array_agg(m.wamid ORDER BY m.counted_at, m.wamid) FILTER (WHERE m.direction = 'outbound' AND m.origin <> 'history'))[1] AS first_out_wamid
    FROM (SELECT DISTINCT u.contact_id, u.day FROM unnest(contacts, days) AS u(contact_id, day)) k
    JOIN messages m ON m.contact_id = k.contact_id AND m.counted_at >= k.day AND m.counted_at < k.day + interval '1 day'
    GROUP BY m.contact_id, m.phone_number_id, k.day
  ) g
  -- a day of only history outbound messages says nothing: no row
  WHERE g.first_inbound_at IS NOT NULL OR g.first_out_at IS NOT NULL
$$;

-- Marks the keys a written message may change: its own day, and for an inbound one the day
-- before (an outbound there may now be answered within 24 h).
CREATE FUNCTION contact_day_mark() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO contact_day_dirty (contact_id, day)
    SELECT DISTINCT k.contact_id, k.day
    FROM new_rows m CROSS JOIN LATERAL (VALUES (m.contact_id, contact_day_of(m.counted_at)),
      (m.contact_id, CASE WHEN m.direction = 'inbound' THEN contact_day_of(m.counted_at) - interval '1 day' END)) k(contact_id, day)
    WHERE k.contact_id IS NOT NULL AND k.day IS NOT NULL;
  ELSE
    -- both versions of every row whose facts moved (a status batch usually moves none)
    INSERT INTO contact_day_dirty (contact_id, day)
    SELECT DISTINCT k.contact_id, k.day
    FROM (
      (SELECT wamid, contact_id, phone_number_id, counted_at, direction, origin, type FROM new_rows
       EXCEPT SELECT wamid, contact_id, phone_number_id, counted_at, direction, origin, type FROM old_rows)
      UNION
      (SELECT wamid, contact_id, phone_number_id, counted_at, direction, origin, type FROM old_rows
       EXCEPT SELECT wamid, contact_id, phone_number_id, counted_at, direction, origin, type FROM new_rows)
    ) m CROSS JOIN LATERAL (VALUES (m.contact_id, contact_day_of(m.counted_at)),
      (m.contact_id, CASE WHEN m.direction = 'inbound' THEN contact_day_of(m.counted_at) - interval '1 day' END)) k(contact_id, day)
    WHERE k.contact_id IS NOT NULL AND k.day IS NOT NULL;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION contact_day_mark_deleted() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO contact_day_dirty (contact_id, day)
  SELECT DISTINCT k.contact_id, k.day
  FROM old_rows m CROSS JOIN LATERAL (VALUES (m.contact_id, contact_day_of(m.counted_at)),
    (m.contact_id, CASE WHEN m.direction = 'inbound' THEN contact_day_of(m.counted_at) - interval '1 day' END)) k(contact_id, day)
  WHERE k.contact_id IS NOT NULL AND k.day IS NOT NULL;
  RETURN NULL;
END
$$;

-- Backfill before the triggers exist.
INSERT INTO contact_days
SELECT r.* FROM (
  SELECT array_agg(contact_id) AS c, array_agg(day) AS d
  FROM (SELECT DISTINCT contact_id, contact_day_of(counted_at) AS day FROM messages
        WHERE contact_id IS NOT NULL AND counted_at IS NOT NULL) x
) k CROSS JOIN LATERAL contact_day_rows(k.c, k.d) r;

CREATE TRIGGER messages_contact_day_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_day_mark();
CREATE TRIGGER messages_contact_day_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_day_mark();
CREATE TRIGGER messages_contact_day_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contact_day_mark_deleted();
