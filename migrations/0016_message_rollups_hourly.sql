-- 0016 hourly message count rollups (issue 10: every report ≤ 300 ms over 10M messages). The
-- 15-minute rollups of 0009 are keyed by agent as well, so they barely compress: 722,000 rows for
-- 1M messages over 90 days (20 agents × 3 numbers × 9 kinds per quarter hour), and the messages
-- and failures reports read all of them for a 90-day window (0.26–0.47 s per query at 1M, ten
-- times that at 10M). Without the agent, per UTC hour, the same facts are 48,000 rows at 1M and
-- stop growing with volume (hours × numbers × kinds × failure codes).
--
-- Reports without an agent/team filter read these for the whole hours of a window that lie
-- inside one local hour of the report's zone (every hour, in a zone whose offset is whole hours;
-- none in +05:30), and the 15-minute rollups and base rows for the rest (src/metrics/
-- rollup-hours.ts), so the answers stay exact.
--
-- Kept by a statement trigger on message_rollups itself, in the same transaction as every write
-- there: compaction, the rebuild, and any replica running older code all keep it equal to
-- message_rollups summed per hour without the agent. Ingest does not touch it (it only appends
-- 0009's deltas), and reports read the deltas beside it as before.
CREATE TABLE message_rollups_hourly (
  hour             timestamptz NOT NULL,
  kind             text NOT NULL,
  phone_number_id  text,
  error_code       integer,
  error_title      text,
  pricing_category text,
  n                bigint NOT NULL,
  CONSTRAINT message_rollups_hourly_key UNIQUE NULLS NOT DISTINCT (hour, kind, phone_number_id, error_code, error_title, pricing_category)
);

-- The UTC hour of a 15-minute bucket (date_bin, not date_trunc: the latter truncates in the
-- session's time zone, which in +05:30 is not a UTC hour).
CREATE FUNCTION rollup_hour(t timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_bin('1 hour', t, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

-- Keeps an hourly table equal to the 15-minute rollup it is attached to, summed per UTC hour and
-- the key columns it keeps (TG_ARGV[1]; TG_ARGV[0] names the table, whose unique constraint is
-- `<table>_key`): adds what the statement did — inserted rows, updated rows new − old, deleted
-- rows — in key order, so two compactions upserting here wait on each other instead of
-- deadlocking (and each took all its 15-minute row locks before any here). Rows that net to zero
-- stay (readers sum n). One function for every hourly table, so they cannot drift; dynamic SQL
-- because a transition table exists only for the events that have one.
CREATE FUNCTION rollup_hourly_apply() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  keys text := TG_ARGV[1];
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT bucket, %s, n FROM new_rows', keys)
    WHEN 'UPDATE' THEN format('SELECT bucket, %1$s, n FROM new_rows UNION ALL SELECT bucket, %1$s, -n FROM old_rows', keys)
    ELSE format('SELECT bucket, %s, -n AS n FROM old_rows', keys)
  END;
BEGIN
  EXECUTE format(
    'INSERT INTO %1$I AS h (hour, %2$s, n)
     SELECT rollup_hour(d.bucket), %2$s, sum(d.n) FROM (%3$s) d
     GROUP BY 1, %2$s HAVING sum(d.n) <> 0 ORDER BY 1, %2$s
     ON CONFLICT ON CONSTRAINT %4$I DO UPDATE SET n = h.n + excluded.n',
    TG_ARGV[0], keys, changes, TG_ARGV[0] || '_key');
  RETURN NULL;
END
$$;

-- Attaches an hourly table (already created, constraint `<hourly>_key`) to the 15-minute rollup
-- `quarters`: the three statement triggers, then the backfill of what `quarters` holds. The
-- triggers — and their lock on `quarters`, held until the migration commits — come first: a
-- compaction on another replica either committed before and is in the backfill's snapshot, or
-- waits and then fires the trigger. Never both, never neither.
CREATE FUNCTION rollup_hourly_attach(quarters text, hourly text, keys text) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  apply text := format('EXECUTE FUNCTION rollup_hourly_apply(%L, %L)', hourly, keys);
BEGIN
  EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', quarters);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT %s',
    hourly || '_insert', quarters, apply);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT %s',
    hourly || '_update', quarters, apply);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT %s',
    hourly || '_delete', quarters, apply);
  EXECUTE format('INSERT INTO %1$I (hour, %3$s, n) SELECT rollup_hour(bucket), %3$s, sum(n) FROM %2$I GROUP BY 1, %3$s HAVING sum(n) <> 0',
    hourly, quarters, keys);
END
$$;

SELECT rollup_hourly_attach('message_rollups', 'message_rollups_hourly', 'kind, phone_number_id, error_code, error_title, pricing_category');
