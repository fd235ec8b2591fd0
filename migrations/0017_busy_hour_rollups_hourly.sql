-- 0017 hourly busy-hours rollups (issue 10: every report ≤ 300 ms over 10M messages). The
-- busy-hours report and the agents' messages sent read busy_hour_rollups (0014) per 15 minutes,
-- channel and agent: 364,000 rows for 1M messages over 90 days, most of them agent replies and
-- cycle opens and closes one or two to a quarter hour. Per UTC hour, with the same channel and
-- agent (so every filter still applies), they are a third of that (122,000).
--
-- Reports read them for the whole hours of a window that lie inside one local hour of the
-- report's zone, and the 15-minute rows and base rows for the rest (src/metrics/rollup-hours.ts),
-- so the answers stay exact. Kept like message_rollups_hourly (0016): by a statement trigger on
-- busy_hour_rollups, in the same transaction as every compaction and rebuild.
CREATE TABLE busy_hour_rollups_hourly (
  hour            timestamptz NOT NULL,
  kind            text NOT NULL,
  phone_number_id text,
  agent_id        text,
  n               bigint NOT NULL,
  -- kind first: each report part reads one or two kinds over a range of hours, index-only
  CONSTRAINT busy_hour_rollups_hourly_key UNIQUE NULLS NOT DISTINCT (kind, hour, phone_number_id, agent_id)
);

-- The triggers that keep it, and the backfill (0016's rollup_hourly_attach).
SELECT rollup_hourly_attach('busy_hour_rollups', 'busy_hour_rollups_hourly', 'kind, phone_number_id, agent_id');
