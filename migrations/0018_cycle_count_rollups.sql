-- 0018 the conversations report's counts from rollups (issue 10: every report ≤ 300 ms over
-- 10M messages). Opened, closed by closer and category, closed without a response, and
-- unresolved were counted in one pass over every cycle overlapping the window, joined to its
-- first-response value: all 1.7M cycles of 90 days at 10M, about 3 s, paid by the
-- conversations report and the overview. They are now sums of per-UTC-day counts, kept like
-- the other rollups (0009, 0012, 0014): statement triggers on conversations append deltas
-- (concurrent writers only insert), the settle job folds them in, reports read rollups +
-- deltas for the window's whole UTC days and the cycles themselves for the partial days at its
-- edges (src/metrics/conversations/rolled-counts.ts).

-- What one cycle contributes, each fact at its own instant (one definition for the triggers,
-- the rebuild and the reports' edges):
--   opened  at opened_at, by opened_by;
--   closed  at closed_at, by opened_by, closed_by and category ('' and null are one
--           "uncategorised", as the report has it), and whether it went unanswered: opened by
--           the contact with no first agent reply (first_agent_reply_at: a human reply after
--           the open and not after the close — the first-response rule of 0008, kept current at
--           the same points as cycle_durations);
--   ended   at greatest(opened_at, closed_at). Unresolved at t (opened before t, not closed
--           before t) is then the count of opens before t minus the count of ends before t,
--           exact for every cycle, even one whose close was stamped before its open. So the
--           state at any instant is a sum over days, not a pass over every open cycle.
CREATE FUNCTION cycle_count_facts(c conversations)
RETURNS TABLE (event text, at timestamptz, opened_by text, closed_by text, category text, unanswered boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT v.event, v.at, v.opened_by, v.closed_by, v.category, v.unanswered
  FROM (VALUES
    ('opened', c.opened_at, c.opened_by, NULL::text, NULL::text, NULL::boolean),
    ('closed', c.closed_at, c.opened_by, c.closed_by, coalesce(nullif(c.category, ''), 'uncategorised'),
               c.opened_by = 'contact' AND c.first_agent_reply_at IS NULL),
    ('ended', CASE WHEN c.closed_at IS NOT NULL THEN greatest(c.opened_at, c.closed_at) END, NULL, NULL, NULL, NULL)
  ) AS v(event, at, opened_by, closed_by, category, unanswered)
  WHERE v.at IS NOT NULL
$$;

-- The UTC day a fact counts in.
CREATE FUNCTION cycle_count_day(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_bin('1 day', t, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

-- NULLS NOT DISTINCT: the columns a fact does not have are one key, as GROUP BY has it.
-- event, day first: a report reads one or two events over a range of days.
CREATE TABLE cycle_count_rollups (
  day         timestamptz NOT NULL,
  event       text NOT NULL,
  opened_by   text,
  closed_by   text,
  category    text,
  unanswered  boolean,
  n           bigint NOT NULL,
  CONSTRAINT cycle_count_rollups_key UNIQUE NULLS NOT DISTINCT (event, day, opened_by, closed_by, category, unanswered)
);

CREATE TABLE cycle_count_rollup_deltas (
  day         timestamptz NOT NULL,
  event       text NOT NULL,
  opened_by   text,
  closed_by   text,
  category    text,
  unanswered  boolean,
  n           bigint NOT NULL
);
CREATE INDEX cycle_count_rollup_deltas_day ON cycle_count_rollup_deltas (event, day);

-- An UPDATE adds the new rows' facts and takes the old ones' away; the many updates that change
-- nothing counted here (an assignment, a last_message_at) net to nothing and append nothing.
CREATE FUNCTION conversations_cycle_count_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, n)
    SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, count(*)
    FROM new_rows c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, n)
    SELECT cycle_count_day(d.at), d.event, d.opened_by, d.closed_by, d.category, d.unanswered, sum(d.n)
    FROM (
      SELECT f.*, 1 AS n FROM new_rows c CROSS JOIN LATERAL cycle_count_facts(c) f
      UNION ALL
      SELECT f.*, -1 FROM old_rows c CROSS JOIN LATERAL cycle_count_facts(c) f
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.n) <> 0;
  ELSE
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, n)
    SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, -count(*)
    FROM old_rows c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6;
  END IF;
  RETURN NULL;
END
$$;

-- The backfill and the triggers under one lock on conversations (SHARE ROW EXCLUSIVE: writers
-- wait, readers do not): a cycle written beside this migration is either in the backfill or
-- counted by the triggers, never both.
LOCK TABLE conversations IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO cycle_count_rollups (day, event, opened_by, closed_by, category, unanswered, n)
SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, count(*)
FROM conversations c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER conversations_cycle_count_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_cycle_count_deltas();
CREATE TRIGGER conversations_cycle_count_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_cycle_count_deltas();
CREATE TRIGGER conversations_cycle_count_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_cycle_count_deltas();
