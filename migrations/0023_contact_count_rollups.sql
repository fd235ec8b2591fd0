-- 0023 new and deleted contacts by source from rollups (issue 10: every report ≤ 300 ms over
-- 10M messages). "New by source" counted every contact created in the window with its source
-- label: at 10M, a parallel scan of the 478,000 contacts of 90 days (124–130 ms), paid by both
-- the contacts report and the overview (the largest part of each over 90 days). They are now
-- sums of per-UTC-day counts per source label, kept like the other rollups (0009, 0012, 0014,
-- 0018): statement triggers on contacts append deltas (concurrent ingest transactions only ever
-- insert, so new contacts of one campaign never wait on a hot row), the settle job folds them
-- in, and reports read rollups + deltas for the window's whole UTC days and the contacts
-- themselves for the partial days at its edges (src/metrics/contacts/counts.ts).

-- What one contact contributes (one definition for the triggers, the rebuild and the reports'
-- edges): created at created_at, deleted at deleted_at, each with the contact's source label
-- (0022) as it is now — a label that changes moves the contact's counts with it, as the scan
-- over contacts it replaces would have.
CREATE FUNCTION contact_count_facts(ct contacts)
RETURNS TABLE (event text, at timestamptz, source text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT v.event, v.at, contact_source_label(ct.source, ct.first_seen_via)
  FROM (VALUES ('created', ct.created_at), ('deleted', ct.deleted_at)) AS v(event, at)
  WHERE v.at IS NOT NULL
$$;

-- event, day first: a report reads one event over a range of days.
CREATE TABLE contact_count_rollups (
  event   text NOT NULL,
  day     timestamptz NOT NULL,
  source  text NOT NULL,
  n       bigint NOT NULL,
  CONSTRAINT contact_count_rollups_key UNIQUE (event, day, source)
);

CREATE TABLE contact_count_rollup_deltas (
  event   text NOT NULL,
  day     timestamptz NOT NULL,
  source  text NOT NULL,
  n       bigint NOT NULL
);
CREATE INDEX contact_count_rollup_deltas_day ON contact_count_rollup_deltas (event, day);

-- An UPDATE adds the new rows' facts and takes the old ones' away; the many updates that change
-- nothing counted here (a profile name, a newly revealed key) net to nothing and append nothing.
-- The day is cycle_count_day (0018): the UTC day, the same for every per-day rollup.
CREATE FUNCTION contacts_count_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO contact_count_rollup_deltas (event, day, source, n)
    SELECT f.event, cycle_count_day(f.at), f.source, count(*)
    FROM new_rows ct CROSS JOIN LATERAL contact_count_facts(ct) f GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO contact_count_rollup_deltas (event, day, source, n)
    SELECT d.event, cycle_count_day(d.at), d.source, sum(d.n)
    FROM (
      SELECT f.*, 1 AS n FROM new_rows ct CROSS JOIN LATERAL contact_count_facts(ct) f
      UNION ALL
      SELECT f.*, -1 FROM old_rows ct CROSS JOIN LATERAL contact_count_facts(ct) f
    ) d
    GROUP BY 1, 2, 3 HAVING sum(d.n) <> 0;
  ELSE
    INSERT INTO contact_count_rollup_deltas (event, day, source, n)
    SELECT f.event, cycle_count_day(f.at), f.source, -count(*)
    FROM old_rows ct CROSS JOIN LATERAL contact_count_facts(ct) f GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END
$$;

-- The backfill and the triggers under one lock on contacts (SHARE ROW EXCLUSIVE: writers wait,
-- readers do not): a contact written beside this migration is either in the backfill or counted
-- by the triggers, never both.
LOCK TABLE contacts IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO contact_count_rollups (event, day, source, n)
SELECT f.event, cycle_count_day(f.at), f.source, count(*)
FROM contacts ct CROSS JOIN LATERAL contact_count_facts(ct) f GROUP BY 1, 2, 3;

CREATE TRIGGER contacts_count_insert AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_count_deltas();
CREATE TRIGGER contacts_count_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_count_deltas();
CREATE TRIGGER contacts_count_delete AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_count_deltas();
