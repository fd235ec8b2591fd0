-- 0021 monthly duration rollups (issue 10: every report ≤ 300 ms over 10M messages). The agents
-- report sums the per-agent duration rollups of 0012 over its window: one row per UTC day,
-- metric, agent and bucket, about 2,800 a day at 10M, so 255,000 rows over 90 days (90–120 ms of
-- a 285 ms report, p50). A bucket's values recur day after day, so summed per calendar month the
-- same facts take about one day's rows per month: a 90-day window holds two or three whole
-- months, read here, and the days around them, read from 0012 as before
-- (src/metrics/rollup-days.ts: monthsWithin). Medians and p90s stay exact: this only changes
-- where the per-bucket counts and sums are added up.
--
-- Kept as 0016 keeps the hourly message rollups: by statement triggers on duration_rollups
-- itself, in the same transaction as every write there — compaction, the rebuild, and any
-- replica running older code all keep it equal to duration_rollups summed per month. Writers of
-- cycle_durations do not touch it (they append 0012's deltas), and reports read those deltas per
-- day beside it.
CREATE TABLE duration_rollups_monthly (
  month        timestamptz NOT NULL,
  metric       text NOT NULL,
  by_agent     boolean NOT NULL,
  agent_id     text,
  bucket       smallint NOT NULL,
  n            bigint NOT NULL,
  sum_seconds  numeric NOT NULL,
  CONSTRAINT duration_rollups_monthly_key UNIQUE NULLS NOT DISTINCT (by_agent, month, metric, agent_id, bucket)
);

-- The first instant of the UTC calendar month of t (the session's time zone plays no part).
CREATE FUNCTION duration_rollup_month(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

-- Adds what a statement did to duration_rollups — inserted rows, updated rows new − old, deleted
-- rows — to their months, in key order, so two compactions upserting here wait on each other
-- instead of deadlocking (each took all its daily row locks first). Rows that net to zero stay
-- (readers skip n = 0, as they do in duration_rollups). Dynamic SQL because a transition table
-- exists only for the events that have one.
CREATE FUNCTION duration_rollups_monthly_apply() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  cols text := 'day, metric, by_agent, agent_id, bucket';
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, n, sum_seconds FROM new_rows', cols)
    WHEN 'UPDATE' THEN format('SELECT %1$s, n, sum_seconds FROM new_rows UNION ALL SELECT %1$s, -n, -sum_seconds FROM old_rows', cols)
    ELSE format('SELECT %s, -n AS n, -sum_seconds AS sum_seconds FROM old_rows', cols)
  END;
BEGIN
  EXECUTE format(
    'INSERT INTO duration_rollups_monthly AS m (month, metric, by_agent, agent_id, bucket, n, sum_seconds)
     SELECT duration_rollup_month(d.day), d.metric, d.by_agent, d.agent_id, d.bucket, sum(d.n), sum(d.sum_seconds) FROM (%s) d
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.n) <> 0 OR sum(d.sum_seconds) <> 0
     ORDER BY 3, 1, 2, 4, 5
     ON CONFLICT ON CONSTRAINT duration_rollups_monthly_key
     DO UPDATE SET n = m.n + excluded.n, sum_seconds = m.sum_seconds + excluded.sum_seconds',
    changes);
  RETURN NULL;
END
$$;

-- The triggers — and their lock on duration_rollups, held until the migration commits — come
-- before the backfill: a compaction on another replica either committed before and is in the
-- backfill's snapshot, or waits and then fires the trigger. Never both, never neither.
LOCK TABLE duration_rollups IN SHARE ROW EXCLUSIVE MODE;
CREATE TRIGGER duration_rollups_monthly_insert AFTER INSERT ON duration_rollups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duration_rollups_monthly_apply();
CREATE TRIGGER duration_rollups_monthly_update AFTER UPDATE ON duration_rollups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duration_rollups_monthly_apply();
CREATE TRIGGER duration_rollups_monthly_delete AFTER DELETE ON duration_rollups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION duration_rollups_monthly_apply();
INSERT INTO duration_rollups_monthly (month, metric, by_agent, agent_id, bucket, n, sum_seconds)
SELECT duration_rollup_month(day), metric, by_agent, agent_id, bucket, sum(n), sum(sum_seconds)
FROM duration_rollups GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 OR sum(sum_seconds) <> 0;
