-- 0012 exact duration figures from rollups (issue 10: conversations and agents over 90 days at
-- 10M messages in 300 ms, medians and p90s kept exact). The reports used to run percentile_cont
-- over every cycle_durations value of the window (an exact sort of millions of rows). Now:
--
--  * every value has a `bucket`, a monotone function of its seconds (a larger value never has a
--    smaller bucket), fine enough that a bucket holds ~1–5 % of the values;
--  * duration_rollups counts values and sums seconds per UTC day of ended_at, metric, bucket, and
--    agent (by_agent = true) or all agents (by_agent = false, agent_id NULL: what the
--    conversations report reads, 20× fewer rows than summing the agents' ones);
--  * a report adds the rollups of the whole UTC days of its window to the exact rows of the
--    partial days at its edges, walks the cumulative counts to the bucket holding each rank
--    percentile_cont needs, and reads only that bucket's values of the window (the index below)
--    to pick them: the same values, so the same result as percentile_cont over all of them.
--
-- The rollups are kept like message_rollups (0009): statement triggers with transition tables
-- append deltas (concurrent writers only insert, never wait on a hot row), the settle job folds
-- them in, reports read rollups + deltas.

-- The bucket: the METRICS response-time class (<30s, 30s–2m, 2–5m, 5–10m, 10–30m, 30–60m, >1h;
-- -1 for a negative value, which no class counts) × 256, plus floor(16·ln(1 + s)) (buckets
-- ~6.5 % wide) capped at 255. The class part makes the seven response-time bucket counts sums of
-- whole buckets, so they come from the rollups exactly; both parts grow with s, so the bucket
-- order is the value order.
CREATE FUNCTION duration_bucket(seconds float8) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ((CASE WHEN seconds < 0 THEN -1 WHEN seconds < 30 THEN 0 WHEN seconds < 120 THEN 1 WHEN seconds < 300 THEN 2
                WHEN seconds < 600 THEN 3 WHEN seconds < 1800 THEN 4 WHEN seconds < 3600 THEN 5 ELSE 6 END) * 256
          + least(floor(16 * ln(1 + greatest(seconds, 0))), 255))::smallint
$$;

-- The UTC day a value counts in (by its ended_at, as the reports window it).
CREATE FUNCTION duration_rollup_day(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_bin('1 day', t, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

-- Generated, so every writer of cycle_durations (refresh, rebuild, backfill) fills it without
-- knowing; last column, so `INSERT … SELECT * FROM wapulse_cycle_durations(…)` still lines up.
ALTER TABLE cycle_durations ADD COLUMN bucket smallint GENERATED ALWAYS AS (duration_bucket(seconds)) STORED;

-- One bucket's values of the window, for all agents and for one agent (index-only scans).
CREATE INDEX cycle_durations_bucket ON cycle_durations (metric, bucket, ended_at) INCLUDE (seconds);
CREATE INDEX cycle_durations_agent_bucket ON cycle_durations (metric, agent_id, bucket, ended_at) INCLUDE (seconds);

-- sum_seconds is numeric: an exact sum whatever the order values are added and removed in.
CREATE TABLE duration_rollups (
  day          timestamptz NOT NULL,
  metric       text NOT NULL,
  by_agent     boolean NOT NULL,
  agent_id     text,
  bucket       smallint NOT NULL,
  n            bigint NOT NULL,
  sum_seconds  numeric NOT NULL,
  -- by_agent, day first: a report reads one side over a range of days
  CONSTRAINT duration_rollups_key UNIQUE NULLS NOT DISTINCT (by_agent, day, metric, agent_id, bucket)
);

CREATE TABLE duration_rollup_deltas (
  day          timestamptz NOT NULL,
  metric       text NOT NULL,
  by_agent     boolean NOT NULL,
  agent_id     text,
  bucket       smallint NOT NULL,
  n            bigint NOT NULL,
  sum_seconds  numeric NOT NULL
);
CREATE INDEX duration_rollup_deltas_day ON duration_rollup_deltas (day);

-- What a set of cycle_durations rows contributes, `sign` = +1 (new) or -1 (old): each value once
-- per agent and once for all agents.
CREATE FUNCTION cycle_durations_rollup_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO duration_rollup_deltas (day, metric, by_agent, agent_id, bucket, n, sum_seconds)
    SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, count(*), sum(r.seconds::numeric)
    FROM new_rows r CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
    GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO duration_rollup_deltas (day, metric, by_agent, agent_id, bucket, n, sum_seconds)
    SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, sum(r.sign), sum(r.sign * r.seconds::numeric)
    FROM (SELECT n.ended_at, n.metric, n.agent_id, n.bucket, n.seconds, 1 AS sign FROM new_rows n
          UNION ALL
          SELECT o.ended_at, o.metric, o.agent_id, o.bucket, o.seconds, -1 FROM old_rows o) r
    CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(r.sign) <> 0 OR sum(r.sign * r.seconds::numeric) <> 0;
  ELSE
    INSERT INTO duration_rollup_deltas (day, metric, by_agent, agent_id, bucket, n, sum_seconds)
    SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, -count(*), -sum(r.seconds::numeric)
    FROM old_rows r CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
    GROUP BY 1, 2, 3, 4, 5;
  END IF;
  RETURN NULL;
END
$$;

-- Backfill before the triggers exist.
INSERT INTO duration_rollups (day, metric, by_agent, agent_id, bucket, n, sum_seconds)
SELECT duration_rollup_day(r.ended_at), r.metric, g.by_agent, CASE WHEN g.by_agent THEN r.agent_id END, r.bucket, count(*), sum(r.seconds::numeric)
FROM cycle_durations r CROSS JOIN (VALUES (true), (false)) AS g(by_agent)
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER cycle_durations_rollup_insert AFTER INSERT ON cycle_durations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_durations_rollup_deltas();
CREATE TRIGGER cycle_durations_rollup_update AFTER UPDATE ON cycle_durations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_durations_rollup_deltas();
CREATE TRIGGER cycle_durations_rollup_delete AFTER DELETE ON cycle_durations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cycle_durations_rollup_deltas();
