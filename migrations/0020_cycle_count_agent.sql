-- 0020 the agents report's closed counts from the conversation count rollups (issue 10: every
-- report ≤ 300 ms over 10M messages). The agents report counted each agent's closes in a pass
-- over every cycle overlapping the window: at 10M messages over 90 days, a parallel scan of all
-- 1.66M conversations, about 280 ms of the report's 470. The closed fact now names the agent
-- the close counts for (METRICS "Agents": the closer; for an auto_close, the assignee at close),
-- so a window without a channel filter sums rollups and edges as the conversations report's
-- counts do (src/metrics/conversations/rolled-counts.ts).
--
-- An open cycle has no closed fact, so assignments to it still append no delta; a closed one
-- whose closer or (auto_close) assignee changes moves its close from one agent to the other.

-- The new column changes the function's result type, so it is dropped and created; the trigger
-- function that calls it is replaced below, and nothing else refers to it.
DROP FUNCTION cycle_count_facts(conversations);

CREATE FUNCTION cycle_count_facts(c conversations)
RETURNS TABLE (event text, at timestamptz, opened_by text, closed_by text, category text, unanswered boolean, agent_id text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT v.event, v.at, v.opened_by, v.closed_by, v.category, v.unanswered, v.agent_id
  FROM (VALUES
    ('opened', c.opened_at, c.opened_by, NULL::text, NULL::text, NULL::boolean, NULL::text),
    ('closed', c.closed_at, c.opened_by, c.closed_by, coalesce(nullif(c.category, ''), 'uncategorised'),
               c.opened_by = 'contact' AND c.first_agent_reply_at IS NULL,
               CASE WHEN c.closed_by = 'auto_close' THEN c.assignee_id ELSE c.closer_agent_id END),
    ('ended', CASE WHEN c.closed_at IS NOT NULL THEN greatest(c.opened_at, c.closed_at) END, NULL, NULL, NULL, NULL, NULL)
  ) AS v(event, at, opened_by, closed_by, category, unanswered, agent_id)
  WHERE v.at IS NOT NULL
$$;

ALTER TABLE cycle_count_rollups ADD COLUMN agent_id text;
ALTER TABLE cycle_count_rollup_deltas ADD COLUMN agent_id text;
ALTER TABLE cycle_count_rollups DROP CONSTRAINT cycle_count_rollups_key;
ALTER TABLE cycle_count_rollups
  ADD CONSTRAINT cycle_count_rollups_key UNIQUE NULLS NOT DISTINCT (event, day, opened_by, closed_by, category, unanswered, agent_id);

CREATE OR REPLACE FUNCTION conversations_cycle_count_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, agent_id, n)
    SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, f.agent_id, count(*)
    FROM new_rows c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, agent_id, n)
    SELECT cycle_count_day(d.at), d.event, d.opened_by, d.closed_by, d.category, d.unanswered, d.agent_id, sum(d.n)
    FROM (
      SELECT f.*, 1 AS n FROM new_rows c CROSS JOIN LATERAL cycle_count_facts(c) f
      UNION ALL
      SELECT f.*, -1 FROM old_rows c CROSS JOIN LATERAL cycle_count_facts(c) f
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d.n) <> 0;
  ELSE
    INSERT INTO cycle_count_rollup_deltas (day, event, opened_by, closed_by, category, unanswered, agent_id, n)
    SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, f.agent_id, -count(*)
    FROM old_rows c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6, 7;
  END IF;
  RETURN NULL;
END
$$;

-- Recounted under the lock 0018 took (writers of conversations wait, readers do not): the
-- uncompacted deltas are dropped with the rollups, since the recount covers every cycle.
LOCK TABLE conversations IN SHARE ROW EXCLUSIVE MODE;
DELETE FROM cycle_count_rollup_deltas;
DELETE FROM cycle_count_rollups;
INSERT INTO cycle_count_rollups (day, event, opened_by, closed_by, category, unanswered, agent_id, n)
SELECT cycle_count_day(f.at), f.event, f.opened_by, f.closed_by, f.category, f.unanswered, f.agent_id, count(*)
FROM conversations c CROSS JOIN LATERAL cycle_count_facts(c) f GROUP BY 1, 2, 3, 4, 5, 6, 7;
