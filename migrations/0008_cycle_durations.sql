-- 0008 per-cycle duration values, precomputed at write time (issue 10: every report ≤ 300 ms
-- over 10M messages). The conversations and agents reports used to re-derive every first
-- response, response turn and resolution from `messages` on each read: a CTE chain over every
-- cycle of the window, joining messages twice, with window functions. They now aggregate this
-- table, which the store refreshes wherever a cycle or its messages change
-- (src/store/cycle-durations-repo.ts).

-- One row per duration value (METRICS "Conversations"), anchored at the moment it is about:
--
--   metric                 started_at → ended_at                                  agent_id
--   first_response         opened_at → first human reply after it (contact-opened) the replying agent
--   response               first inbound of a contact turn → the reply ending it   the replying agent
--   resolution             opened_at → closed_at (closed_by ≠ auto_close)         assignee at close
--   auto_close_resolution  the same for auto_close cycles, kept apart             assignee at close
--
-- seq numbers a cycle's values of one metric in time order (0 for the single-valued metrics).
-- seconds is wall clock; business time is still computed at read time from started_at/ended_at,
-- since the schedule is a report option.
CREATE TABLE cycle_durations (
  cycle_id    bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  metric      text NOT NULL CHECK (metric IN ('first_response', 'response', 'resolution', 'auto_close_resolution')),
  seq         integer NOT NULL,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz NOT NULL,
  agent_id    text,
  seconds     float8 NOT NULL,
  PRIMARY KEY (cycle_id, metric, seq)
);
-- Reports select values by ended_at in their half-open window [from, to).
CREATE INDEX cycle_durations_ended ON cycle_durations (ended_at, metric);

-- The rules, in one place: the values of the given cycles, each cycle taken whole (no window).
--
-- Why storing unwindowed values equals what the reports computed per window (ended_at in
-- [from, to), the cycle's scope by its current conversations row): a value depends only on the
-- cycle row and on the cycle's messages up to its own ended_at.
--  * The windowed chain took cycles opened before `to` and not closed before `from`. Every value
--    with ended_at in [from, to) comes from such a cycle: opened_at ≤ started_at ≤ ended_at < to,
--    and ended_at ≤ closed_at (messages after the close are not the cycle's), so closed_at ≥ from.
--  * It cut messages at counted_at < `to`. The reply counter n is a running sum in time order,
--    and a message at or after `to` sorts after every earlier one, so it changes no n of earlier
--    events; a turn's inbound messages precede its reply (a same-second inbound sorts after the
--    reply, into the next turn), so a turn whose reply is before `to` has all of them before `to`.
--  * Its first reply was "the first human reply after the open, any time before `to`": the
--    earliest one overall is the same message whenever one exists before `to`, and when none
--    does, the uncut one ends at or after `to`, outside the window.
-- A message belongs to a cycle by contact × number or by inbox conversation id, between its open
-- and its close (both included); the two ways are a UNION of equi-joins rather than one OR join,
-- which the planner could only run as a nested loop over every pair. UNION drops a pair matched
-- both ways. A human reply (SPEC, "Without an inbox"): sent by an agent, or from the Business app
-- (echo), or, on a derived cycle where nothing says who sent it, any live outbound message;
-- automation, broadcast and api messages never are. Reactions, system notices and
-- request_welcome (left out of "received") neither start nor extend a contact turn.
CREATE FUNCTION wapulse_cycle_durations(cycle_ids bigint[])
RETURNS TABLE (cycle_id bigint, metric text, seq integer, started_at timestamptz, ended_at timestamptz, agent_id text, seconds float8)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  WITH rt_cycles AS (
    SELECT c.id, c.source, c.external_id, c.contact_id, c.phone_number_id, c.opened_at, c.opened_by, c.closed_at, c.closed_by, c.assignee_id
      FROM conversations c WHERE c.id = ANY (cycle_ids)
  ),
  rt_events AS (
    SELECT c.id AS cycle_id, c.opened_at, c.opened_by, m.wamid, m.counted_at AS at, (m.direction = 'outbound') AS is_reply, m.agent_id
      FROM rt_cycles c JOIN messages m ON m.contact_id = c.contact_id AND m.phone_number_id = c.phone_number_id
     WHERE m.counted_at >= c.opened_at AND (c.closed_at IS NULL OR m.counted_at <= c.closed_at) AND m.origin <> 'history'
       AND ((m.direction = 'inbound' AND coalesce(m.type, '') NOT IN ('reaction', 'system', 'request_welcome'))
            OR (m.direction = 'outbound' AND (m.sender_type IN ('agent', 'echo') OR (m.sender_type IS NULL AND c.source = 'derived'))))
    UNION
    SELECT c.id AS cycle_id, c.opened_at, c.opened_by, m.wamid, m.counted_at AS at, (m.direction = 'outbound') AS is_reply, m.agent_id
      FROM rt_cycles c JOIN messages m ON m.conversation_ref = c.external_id
     WHERE m.counted_at >= c.opened_at AND (c.closed_at IS NULL OR m.counted_at <= c.closed_at) AND m.origin <> 'history'
       AND ((m.direction = 'inbound' AND coalesce(m.type, '') NOT IN ('reaction', 'system', 'request_welcome'))
            OR (m.direction = 'outbound' AND (m.sender_type IN ('agent', 'echo') OR (m.sender_type IS NULL AND c.source = 'derived'))))
  ),
  -- n = replies so far, in time order (a reply sorts before an inbound message of the same
  -- second: it cannot be answering it); inbound messages after reply k share n = k: one turn
  rt_seq AS (
    SELECT e.*, sum(CASE WHEN e.is_reply THEN 1 ELSE 0 END)
             OVER (PARTITION BY e.cycle_id ORDER BY e.at, e.is_reply DESC, e.wamid ROWS UNBOUNDED PRECEDING)::int AS n
      FROM rt_events e
  ),
  rt_first_reply AS (
    SELECT DISTINCT ON (s.cycle_id) s.cycle_id, s.opened_at, s.opened_by, s.at, s.agent_id
      FROM rt_seq s WHERE s.is_reply AND s.at > s.opened_at
     ORDER BY s.cycle_id, s.at, s.wamid
  ),
  -- turn k = the inbound messages with n = k and the reply n = k + 1 that ends them; its clock
  -- starts at its first inbound message (a reply after a reply has none: no value)
  rt_turns AS (
    SELECT x.cycle_id, x.started_at, x.at AS replied_at, x.agent_id FROM (
      SELECT t.*, min(t.at) FILTER (WHERE NOT t.is_reply) OVER (PARTITION BY t.cycle_id, t.turn) AS started_at
        FROM (SELECT s.*, s.n - CASE WHEN s.is_reply THEN 1 ELSE 0 END AS turn FROM rt_seq s) t
    ) x WHERE x.is_reply AND x.started_at IS NOT NULL
  ),
  rt_facts AS (
    SELECT 'first_response'::text AS metric, f.cycle_id, f.opened_at AS started_at, f.at AS ended_at, f.agent_id
      FROM rt_first_reply f WHERE f.opened_by = 'contact'
    UNION ALL
    SELECT 'response', t.cycle_id, t.started_at, t.replied_at, t.agent_id FROM rt_turns t
    UNION ALL
    SELECT CASE WHEN c.closed_by = 'auto_close' THEN 'auto_close_resolution' ELSE 'resolution' END, c.id, c.opened_at, c.closed_at, c.assignee_id
      FROM rt_cycles c WHERE c.closed_at IS NOT NULL
  )
  SELECT f.cycle_id, f.metric,
         (row_number() OVER (PARTITION BY f.cycle_id, f.metric ORDER BY f.ended_at, f.started_at, f.agent_id) - 1)::int,
         f.started_at, f.ended_at, f.agent_id, extract(epoch FROM (f.ended_at - f.started_at))::float8
    FROM rt_facts f
$$;

-- Backfill what is already stored, a slice of cycle ids at a time (the function takes an id
-- list; one list of every id would be one huge array). `wapulse reprocess` and the store's
-- rebuildCycleDurations do the same from the application.
INSERT INTO cycle_durations
SELECT d.* FROM generate_series(0, coalesce((SELECT max(id) FROM conversations), 0) / 10000) AS g(slice),
       LATERAL wapulse_cycle_durations(ARRAY(SELECT id FROM conversations WHERE id >= g.slice * 10000 AND id < (g.slice + 1) * 10000)) AS d;
