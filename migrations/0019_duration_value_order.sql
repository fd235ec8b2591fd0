-- 0019 a bucket's values in value order (issue 10: conversations and agents over 90 days at 10M
-- messages). A report reads, per rank it needs (median, p90 of each metric), the value at one
-- offset of one bucket's values of the window (src/metrics/conversations/rolled-durations.ts:
-- ORDER BY seconds OFFSET lo LIMIT n). The 0012 indexes give a bucket's values of the window in
-- ended_at order, so each read sorted them all: at 10M, 140,000 values per read, 9 reads, 367 ms
-- of the conversations report over 90 days and 400 ms of the agents report.
--
-- These give them in value order, the window checked on each entry (ended_at is included), so a
-- read stops at its offset: the same 9 reads took 93 ms, and the agents' 163 ms. The 0012 indexes
-- stay for short windows, whose few values of the bucket are quicker found by ended_at and sorted
-- (7 days at 10M: 6–10 ms); the planner takes whichever is cheaper for the window asked.
CREATE INDEX cycle_durations_value ON cycle_durations (metric, bucket, seconds) INCLUDE (ended_at);
CREATE INDEX cycle_durations_agent_value ON cycle_durations (metric, agent_id, bucket, seconds) INCLUDE (ended_at);

-- The rows of the partial days at a window's edges are summed from cycle_durations itself (the
-- rollups hold whole UTC days): 120,000 of them for a 90-day window at 10M, one heap page read
-- for every seven. With the columns that sum needs included, the 0008 index on ended_at answers
-- it alone: 198 → 138 ms. It replaces that index (same key, so its other readers keep it).
CREATE INDEX cycle_durations_ended_values ON cycle_durations (ended_at, metric) INCLUDE (agent_id, bucket, seconds);
DROP INDEX cycle_durations_ended;
