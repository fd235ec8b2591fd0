-- 0014 busy-hours rollups (issue 10: every report ≤ 300 ms over 10M messages). The busy-hours
-- report's staffing side re-derived, on every read, the agent replies of the window from
-- `messages` (distinct agent × local hour, twice) and the cycles opened and closed from
-- `conversations`: a scan of the whole window each time. These are counts of facts that are a
-- pure function of one row, so they are kept like the message count rollups of 0009: per
-- 15-minute UTC bucket (every real zone offset is a multiple of 15 minutes, so a bucket lies
-- inside one local hour in any zone and `date_trunc('hour', bucket, tz)` is the real hour of
-- each of its instants), per channel and agent so the channel/agent/team filters still apply.
-- Statement triggers append deltas; the settle job folds them in (src/store/busy-hour-rollups-repo.ts).

-- THE definition of what a message counts for here, shared by the trigger, the rebuild and the
-- reports' edge spans. `agent_reply`: an outbound message by a known agent, never history, at its
-- send time (src/metrics/busy-hours/handle-time.ts agentReplyConditions).
CREATE FUNCTION busy_hour_message_facts(m messages)
RETURNS TABLE (kind text, at timestamptz, phone_number_id text, agent_id text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT 'agent_reply'::text, m.counted_at, m.phone_number_id, m.agent_id
  WHERE m.direction = 'outbound' AND m.sender_type = 'agent' AND m.agent_id IS NOT NULL AND m.origin <> 'history'
    AND m.counted_at IS NOT NULL
$$;

-- What a conversation cycle counts for: `opened` (any opener) and `opened_by_contact` at
-- opened_at, agent = its assignee (current, or at close: the agent/team filters of the opened
-- and arrivals matrices); `closed` at closed_at (any closed_by), agent = the closing agent, else
-- the assignee at close (the closes of the handle time).
CREATE FUNCTION busy_hour_cycle_facts(c conversations)
RETURNS TABLE (kind text, at timestamptz, phone_number_id text, agent_id text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT v.kind, v.at, c.phone_number_id, v.agent_id
  FROM (VALUES
    ('opened', c.opened_at, c.assignee_id),
    ('opened_by_contact', CASE WHEN c.opened_by = 'contact' THEN c.opened_at END, c.assignee_id),
    ('closed', c.closed_at, coalesce(c.closer_agent_id, c.assignee_id))
  ) AS v(kind, at, agent_id)
  WHERE v.at IS NOT NULL
$$;

-- Compacted counts. NULLS NOT DISTINCT: a null channel/agent is one key, as GROUP BY has it.
CREATE TABLE busy_hour_rollups (
  bucket          timestamptz NOT NULL,
  kind            text NOT NULL,
  phone_number_id text,
  agent_id        text,
  n               bigint NOT NULL,
  CONSTRAINT busy_hour_rollups_key UNIQUE NULLS NOT DISTINCT (bucket, kind, phone_number_id, agent_id)
);
-- Each report part reads one or two kinds over a window: an index-only scan of just those rows.
CREATE INDEX busy_hour_rollups_kind ON busy_hour_rollups (kind, bucket) INCLUDE (phone_number_id, agent_id, n);

-- Append-only changes since the last compaction (concurrent writers never wait on a hot row).
-- Reports read rollups + deltas in one statement; compaction moves deltas into rollups in one.
CREATE TABLE busy_hour_rollup_deltas (
  bucket          timestamptz NOT NULL,
  kind            text NOT NULL,
  phone_number_id text,
  agent_id        text,
  n               bigint NOT NULL
);
CREATE INDEX busy_hour_rollup_deltas_bucket ON busy_hour_rollup_deltas (bucket);

-- New contribution minus old one per statement, nothing when they cancel (a status update
-- changes none of these facts, so it writes nothing).
CREATE FUNCTION messages_busy_hour_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(f.at), f.kind, f.phone_number_id, f.agent_id, count(*)
    FROM new_rows m CROSS JOIN LATERAL busy_hour_message_facts(m) f GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(d.at), d.kind, d.phone_number_id, d.agent_id, sum(d.n)
    FROM (
      SELECT f.*, 1 AS n FROM new_rows m CROSS JOIN LATERAL busy_hour_message_facts(m) f
      UNION ALL
      SELECT f.*, -1 FROM old_rows m CROSS JOIN LATERAL busy_hour_message_facts(m) f
    ) d
    GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0;
  ELSE
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(f.at), f.kind, f.phone_number_id, f.agent_id, -count(*)
    FROM old_rows m CROSS JOIN LATERAL busy_hour_message_facts(m) f GROUP BY 1, 2, 3, 4;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION conversations_busy_hour_deltas() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(f.at), f.kind, f.phone_number_id, f.agent_id, count(*)
    FROM new_rows c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(d.at), d.kind, d.phone_number_id, d.agent_id, sum(d.n)
    FROM (
      SELECT f.*, 1 AS n FROM new_rows c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
      UNION ALL
      SELECT f.*, -1 FROM old_rows c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
    ) d
    GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0;
  ELSE
    INSERT INTO busy_hour_rollup_deltas (bucket, kind, phone_number_id, agent_id, n)
    SELECT message_rollup_bucket(f.at), f.kind, f.phone_number_id, f.agent_id, -count(*)
    FROM old_rows c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f GROUP BY 1, 2, 3, 4;
  END IF;
  RETURN NULL;
END
$$;

-- Backfill before the triggers exist.
INSERT INTO busy_hour_rollups (bucket, kind, phone_number_id, agent_id, n)
SELECT message_rollup_bucket(x.at), x.kind, x.phone_number_id, x.agent_id, count(*)
FROM (
  SELECT f.* FROM messages m CROSS JOIN LATERAL busy_hour_message_facts(m) f
  UNION ALL
  SELECT f.* FROM conversations c CROSS JOIN LATERAL busy_hour_cycle_facts(c) f
) x
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER messages_busy_hour_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_busy_hour_deltas();
CREATE TRIGGER messages_busy_hour_update AFTER UPDATE ON messages
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_busy_hour_deltas();
CREATE TRIGGER messages_busy_hour_delete AFTER DELETE ON messages
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION messages_busy_hour_deltas();
CREATE TRIGGER conversations_busy_hour_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_busy_hour_deltas();
CREATE TRIGGER conversations_busy_hour_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_busy_hour_deltas();
CREATE TRIGGER conversations_busy_hour_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conversations_busy_hour_deltas();
