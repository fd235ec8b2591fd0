-- 0003 metrics: indexes the conversation and agent reports lean on, and the business-hours
-- duration function (METRICS "Business hours").

-- Messages of an inbox conversation are matched to its cycles by conversation_ref as well as
-- by contact × channel (messages_contact_channel); this makes the ref side an index probe too.
CREATE INDEX messages_conversation_ref ON messages (conversation_ref, counted_at) WHERE conversation_ref IS NOT NULL;

-- "assigned" counts assignment events in a window across all agents (assignments_agent_at
-- serves one agent at a time).
CREATE INDEX assignments_at ON assignments (at);

-- "comments" per agent in a window across all agents.
CREATE INDEX comments_at ON comments (at);

-- The first instant of local date `day` in zone `tz`. Usually local midnight; where the clocks
-- change at midnight, midnight may not exist (the day starts at the jump) or happen twice (the
-- day starts at the first one), while `AT TIME ZONE` alone may pick the other reading. So both
-- readings — midnight at the offset in force at that instant and at the offset just before it —
-- are tried, and the earliest whose local date is `day` wins.
CREATE FUNCTION wapulse_local_day_start(day date, tz text)
RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$
  SELECT min(v.at)
    FROM (SELECT day::timestamp AT TIME ZONE tz AS c) k,
         LATERAL (VALUES
           (k.c),
           ((day::timestamp - (((k.c - interval '1 microsecond') AT TIME ZONE tz) - ((k.c - interval '1 microsecond') AT TIME ZONE 'UTC'))) AT TIME ZONE 'UTC')
         ) AS v(at)
   WHERE (v.at AT TIME ZONE tz)::date = day
$$;

-- Seconds of [start_at, stop_at) whose local wall-clock time in the IANA zone `tz` falls inside
-- a weekly schedule. `schedule` maps ISO weekdays ("1" = Monday … "7" = Sunday) to arrays of
-- [start_minute, end_minute] pairs of local time (0 … 1440, end exclusive, end > start, not
-- overlapping), e.g. {"7":[[540,1080]],"5":[[540,780]]}.
-- DST: each local day from the start's date to the stop's date is visited (local dates only move
-- forward with real time). Within a day the UTC offset is constant except where the clocks
-- change; there the switch instant is found by bisection and each range is mapped to real time
-- with the offset before the switch on one side of it and the offset after on the other. So a
-- range counts exactly the real seconds the clock shows inside it: 09:00-18:00 across a
-- spring-forward is 8 h, 00:00-02:30 on a fall-back night at 03:00 is 3 h (02:00-02:30 twice).
-- Returns 0 when stop_at <= start_at; NULL when any argument is NULL (STRICT).
CREATE FUNCTION wapulse_business_seconds(start_at timestamptz, stop_at timestamptz, tz text, schedule jsonb)
RETURNS float8
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  total float8 := 0;
  day date;
  spans jsonb;
  span jsonb;
  day_start timestamptz;
  day_end timestamptz;
  off_before interval;
  off_after interval;
  lo timestamptz;
  switch_at timestamptz;
  mid timestamptz;
  a timestamptz;
  b timestamptz;
BEGIN
  IF stop_at <= start_at THEN
    RETURN 0;
  END IF;
  FOR day IN
    SELECT g::date FROM generate_series((start_at AT TIME ZONE tz)::date, (stop_at AT TIME ZONE tz)::date, interval '1 day') AS g
  LOOP
    spans := coalesce(schedule -> extract(isodow FROM day)::int::text, '[]'::jsonb);
    CONTINUE WHEN jsonb_array_length(spans) = 0;
    day_start := wapulse_local_day_start(day, tz);
    day_end := wapulse_local_day_start(day + 1, tz);
    -- UTC offset (local − UTC) at the day's first instant and at the next day's first instant
    off_before := (day_start AT TIME ZONE tz) - (day_start AT TIME ZONE 'UTC');
    off_after := (day_end AT TIME ZONE tz) - (day_end AT TIME ZONE 'UTC');
    lo := day_start;
    switch_at := day_end;
    IF off_before <> off_after THEN
      WHILE switch_at - lo > interval '1 microsecond' LOOP
        mid := lo + (switch_at - lo) / 2;
        IF (mid AT TIME ZONE tz) - (mid AT TIME ZONE 'UTC') = off_before THEN lo := mid; ELSE switch_at := mid; END IF;
      END LOOP;
    END IF;
    FOR span IN SELECT jsonb_array_elements(spans)
    LOOP
      -- before the switch: real = local − off_before
      a := greatest(((day + make_interval(mins => (span ->> 0)::int)) - off_before) AT TIME ZONE 'UTC', start_at, day_start);
      b := least(((day + make_interval(mins => (span ->> 1)::int)) - off_before) AT TIME ZONE 'UTC', stop_at, switch_at);
      IF b > a THEN
        total := total + extract(epoch FROM (b - a))::float8;
      END IF;
      -- after the switch (only on a day the clocks change): real = local − off_after
      IF off_before <> off_after THEN
        a := greatest(((day + make_interval(mins => (span ->> 0)::int)) - off_after) AT TIME ZONE 'UTC', start_at, switch_at);
        b := least(((day + make_interval(mins => (span ->> 1)::int)) - off_after) AT TIME ZONE 'UTC', stop_at, day_end);
        IF b > a THEN
          total := total + extract(epoch FROM (b - a))::float8;
        END IF;
      END IF;
    END LOOP;
  END LOOP;
  RETURN total;
END
$$;
