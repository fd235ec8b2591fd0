-- Distinct contacts over any window of whole days from small counts (issue 10: the contacts
-- report over 90 days at 10M messages read 1.65M contact_days rows and probed 500,000 contacts:
-- 2.6 s against a 300 ms target). For each contact × UTC day on which the contact wrote (a
-- received message) or was written to, once per business number and once across all of them
-- (channel ''), as the report is asked with or without a channel filter:
--  * contact_links keeps the contact's previous such day. A contact is active in the whole days
--    [D1, D2) exactly when one of its rows there has no previous day at or after D1, so the
--    number of distinct active contacts is the number of those rows;
--  * contact_link_counts counts rows per (channel, kind, day, previous day, source), kept by
--    triggers on contact_links: a 90-day window sums a few thousand counts instead of reading
--    a row per contact and day. The first outbound day in the window carries whether the
--    contact answered (contact_days.first_out_replied), so reply rates by source come from the
--    same counts;
--  * contact_firsts keeps each contact's first inbound message (any kind) and first day with a
--    received one, per channel too: a contact is new in [from, to) exactly when the first is at
--    or after `from` and it received before `to` (src/metrics/contacts/links.ts).
-- All three are functions of contact_days and contacts, recomputed per contact by the settle
-- step (src/store/contact-days-repo.ts) from the stored contact_days rows. A contact with a
-- marked key in contact_day_dirty may be stale: reports subtract its stored rows and add rows
-- computed now through the same functions (current => true), so every figure stays exact.

-- THE label of a contact's source (METRICS "new ... by source"), for SQL and the reports alike.
CREATE FUNCTION contact_source_label(source text, first_seen_via text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(source, CASE WHEN first_seen_via = 'inbound' THEN 'incoming_message' ELSE 'unknown' END) $$;

CREATE TABLE contact_links (
  contact_id        bigint NOT NULL,
  -- a phone_number_id, or '' for all channels together
  channel           text NOT NULL,
  day               timestamptz NOT NULL,
  -- the contact's source label when the row was stored (a change marks the contact: see below)
  source            text NOT NULL,
  -- a received message that day, and the contact's previous day with one
  received          boolean NOT NULL,
  prev_received_day timestamptz,
  -- an outbound message that day, whether the day's first one (earliest, ties by lowest wamid)
  -- was answered, and the contact's previous day with one
  sent              boolean NOT NULL,
  sent_replied      boolean,
  prev_sent_day     timestamptz,
  PRIMARY KEY (contact_id, channel, day)
);

-- kind 'received': rows with received, by prev_received_day; 'sent': rows with sent, by
-- prev_sent_day, with how many of them were answered. prev_day is -infinity for "none".
CREATE TABLE contact_link_counts (
  channel  text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('received', 'sent')),
  day      timestamptz NOT NULL,
  prev_day timestamptz NOT NULL,
  source   text NOT NULL,
  n        bigint NOT NULL,
  replied  bigint NOT NULL,
  PRIMARY KEY (channel, kind, day, prev_day, source)
);

CREATE TABLE contact_firsts (
  contact_id         bigint NOT NULL,
  channel            text NOT NULL,
  -- earliest inbound message of any kind and origin ("before" counts history and reactions)
  first_inbound_at   timestamptz NOT NULL,
  -- first UTC day with a received message (contacts without one are never active: no row)
  first_received_day timestamptz NOT NULL,
  PRIMARY KEY (contact_id, channel)
);
CREATE INDEX contact_firsts_first ON contact_firsts (channel, first_inbound_at, first_received_day);

-- The contact_days rows of `contacts` (null: every contact): as stored, or (current) as they
-- are now — marked keys recomputed through contact_day_rows, as reports read them. PL/pgSQL so
-- that each case gets its own plan: with the array, an index scan per contact; without it, one
-- pass over the table (as one SQL statement, "contacts IS NULL OR …" cannot use the index).
CREATE FUNCTION contact_days_of(contacts bigint[], current boolean)
RETURNS SETOF contact_days
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  IF contacts IS NULL THEN
    RETURN QUERY SELECT d.* FROM contact_days d
      WHERE NOT (current AND EXISTS (SELECT 1 FROM contact_day_dirty k WHERE k.contact_id = d.contact_id AND k.day = d.day));
  ELSE
    RETURN QUERY SELECT d.* FROM contact_days d
      WHERE d.contact_id = ANY (contacts)
        AND NOT (current AND EXISTS (SELECT 1 FROM contact_day_dirty k WHERE k.contact_id = d.contact_id AND k.day = d.day));
  END IF;
  IF current THEN
    RETURN QUERY SELECT r.* FROM (
      SELECT array_agg(k.contact_id) AS c, array_agg(k.day) AS dd
      FROM (SELECT DISTINCT u.contact_id, u.day FROM contact_day_dirty u
            WHERE contacts IS NULL OR u.contact_id = ANY (contacts)) k
    ) x CROSS JOIN LATERAL contact_day_rows(x.c, x.dd) r;
  END IF;
END
$$;

-- The same rows under each channel they count for: their own number, and '' (all channels).
-- A row without a number counts only for all channels (no channel filter names it).
CREATE FUNCTION contact_days_by_channel(contacts bigint[], current boolean)
RETURNS TABLE (channel text, d contact_days)
LANGUAGE sql STABLE
AS $$
  SELECT c.channel, d FROM contact_days_of(contacts, current) d
  CROSS JOIN LATERAL (VALUES (''), (d.phone_number_id)) c(channel)
  WHERE c.channel IS NOT NULL
$$;

-- THE definition of contact_links rows, for the settle step, the rebuild and the reports.
CREATE FUNCTION contact_link_rows(contacts bigint[], current boolean)
RETURNS SETOF contact_links
LANGUAGE sql STABLE
AS $$
  SELECT p.contact_id, p.channel, p.day, contact_source_label(ct.source, ct.first_seen_via),
    p.received, CASE WHEN p.received THEN max(p.day) FILTER (WHERE p.received) OVER earlier END,
    p.sent, p.sent_replied, CASE WHEN p.sent THEN max(p.day) FILTER (WHERE p.sent) OVER earlier END
  FROM (
    SELECT (x.d).contact_id, x.channel, (x.d).day, bool_or((x.d).received) AS received, bool_or((x.d).first_out_at IS NOT NULL) AS sent,
      (array_agg((x.d).first_out_replied ORDER BY (x.d).first_out_at, (x.d).first_out_wamid) FILTER (WHERE (x.d).first_out_at IS NOT NULL))[1] AS sent_replied
    FROM contact_days_by_channel(contacts, current) x
    GROUP BY (x.d).contact_id, x.channel, (x.d).day
  ) p JOIN contacts ct ON ct.id = p.contact_id
  WHERE p.received OR p.sent
  WINDOW earlier AS (PARTITION BY p.contact_id, p.channel ORDER BY p.day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
$$;

-- THE definition of contact_firsts rows.
CREATE FUNCTION contact_first_rows(contacts bigint[], current boolean)
RETURNS SETOF contact_firsts
LANGUAGE sql STABLE
AS $$
  SELECT (x.d).contact_id, x.channel, min((x.d).first_inbound_at), min((x.d).day) FILTER (WHERE (x.d).received)
  FROM contact_days_by_channel(contacts, current) x
  GROUP BY (x.d).contact_id, x.channel
  HAVING bool_or((x.d).received)
$$;

-- Counts follow rows. Rows are only inserted and deleted (the settle step replaces a contact's
-- rows), and only by the settle step, the rebuild and this migration, which are serialised.
CREATE FUNCTION contact_link_count() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO contact_link_counts AS c (channel, kind, day, prev_day, source, n, replied)
  SELECT x.channel, x.kind, x.day, x.prev_day, x.source, sum(x.sign), sum(x.sign * x.replied)
  FROM (
    SELECT r.channel, 'received' AS kind, r.day, coalesce(r.prev_received_day, '-infinity') AS prev_day, r.source, 0 AS replied,
      CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END AS sign
    FROM changed r WHERE r.received
    UNION ALL
    SELECT r.channel, 'sent', r.day, coalesce(r.prev_sent_day, '-infinity'), r.source, CASE WHEN r.sent_replied THEN 1 ELSE 0 END,
      CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END
    FROM changed r WHERE r.sent
  ) x
  GROUP BY x.channel, x.kind, x.day, x.prev_day, x.source
  ORDER BY x.channel, x.kind, x.day, x.prev_day, x.source
  ON CONFLICT (channel, kind, day, prev_day, source) DO UPDATE SET n = c.n + excluded.n, replied = c.replied + excluded.replied;
  RETURN NULL;
END
$$;

-- Marks a contact whose source label changed: its stored rows carry the old label. The key is
-- today's: recomputing any key is exact, and this one needs no message to exist.
CREATE FUNCTION contact_source_mark() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO contact_day_dirty (contact_id, day) VALUES (NEW.id, contact_day_of(now()));
  RETURN NULL;
END
$$;

-- Reports no longer read contact_days by day (whole days come from the links; a window with
-- none reads it by contact key only), so its day index would be kept by every settle for nothing.
DROP INDEX contact_days_day;

-- Backfill before the triggers that mark exist; the counting triggers first, so counts follow.
CREATE TRIGGER contact_links_count_insert AFTER INSERT ON contact_links
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_link_count();
CREATE TRIGGER contact_links_count_delete AFTER DELETE ON contact_links
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_link_count();

INSERT INTO contact_links SELECT * FROM contact_link_rows(NULL, false);
INSERT INTO contact_firsts SELECT * FROM contact_first_rows(NULL, false);

CREATE TRIGGER contacts_source_mark AFTER UPDATE OF source, first_seen_via ON contacts
  FOR EACH ROW WHEN (contact_source_label(OLD.source, OLD.first_seen_via) IS DISTINCT FROM contact_source_label(NEW.source, NEW.first_seen_via))
  EXECUTE FUNCTION contact_source_mark();
