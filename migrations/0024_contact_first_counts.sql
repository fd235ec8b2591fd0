-- 0024 "new contacts" over whole days from counts (issue 10: every report ≤ 300 ms over 10M
-- messages). A contact is new in [from, to) when its first inbound message is at or after
-- `from` and its first received day is before the window's last whole day ends (0022): over
-- 90 days at 10M a range count of 477,000 contact_firsts index entries (71–82 ms of the
-- contacts report). Counted per channel, UTC day of the first inbound message and first
-- received day, the part from from's next midnight on is a sum of a few hundred counts; only
-- the first inbound messages before that midnight are still counted in contact_firsts
-- (src/metrics/contacts/links.ts).
CREATE TABLE contact_first_counts (
  channel      text NOT NULL,
  inbound_day  timestamptz NOT NULL,
  received_day timestamptz NOT NULL,
  n            bigint NOT NULL,
  PRIMARY KEY (channel, inbound_day, received_day)
);

-- Counts follow rows. Like contact_links, contact_firsts rows are only inserted and deleted, and
-- only by the settle step, the rebuild and the migrations, which are serialised (0022), so
-- upserting here directly cannot contend with ingest. The day is cycle_count_day (0018): the UTC day.
CREATE FUNCTION contact_first_count() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO contact_first_counts AS c (channel, inbound_day, received_day, n)
  SELECT r.channel, cycle_count_day(r.first_inbound_at), r.first_received_day,
    CASE WHEN TG_OP = 'INSERT' THEN count(*) ELSE -count(*) END
  FROM changed r
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (channel, inbound_day, received_day) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END
$$;

-- The backfill and the triggers under one lock (writers wait, readers do not): a row written
-- beside this migration is either in the backfill or counted by the triggers, never both.
LOCK TABLE contact_firsts IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO contact_first_counts (channel, inbound_day, received_day, n)
SELECT channel, cycle_count_day(first_inbound_at), first_received_day, count(*)
FROM contact_firsts GROUP BY 1, 2, 3;

CREATE TRIGGER contact_firsts_count_insert AFTER INSERT ON contact_firsts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_first_count();
CREATE TRIGGER contact_firsts_count_delete AFTER DELETE ON contact_firsts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION contact_first_count();
