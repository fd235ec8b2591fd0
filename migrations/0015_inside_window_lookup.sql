-- The 24 h-window lookup of 0009 (message_inside_window_at) chose its index from statistics, and
-- PGlite has none (no autovacuum, so nothing is ever analysed). Without them the planner took
-- messages_counted, the smaller index: each lookup then walked every message of the last 24
-- hours of every contact, filtering for the one contact. A campaign writes thousands of
-- outbound rows in the same hours, so a body of n statuses cost n × (rows of that day): a
-- 70,000-status body took minutes, 3,000 statuses with recipients 5 s, the time going into
-- this function (pg_stat_user_functions). The plan is made once per transaction, while the
-- body's own rows are not there yet, so even fresh statistics would not help within one body.
--
-- The time bounds are now written as row comparisons on (contact_id, phone_number_id,
-- counted_at), which only an index leading with those columns can serve: the plan is
-- messages_contact_channel whatever the statistics say. With contact_id = contact and
-- phone_number_id = phone also required, (contact, phone, x) > (contact, phone, lo) holds
-- exactly when x > lo, and is null (not true) when x is null, so the rows matched, and the
-- answer, are those of 0009. A null contact or channel answers false before the sub-query
-- runs (AND stops at the first false): `= NULL` matches no row, so the EXISTS gave false too.
CREATE OR REPLACE FUNCTION message_inside_window_at(contact bigint, phone text, c timestamptz) RETURNS boolean
LANGUAGE sql STABLE
AS $$
  SELECT c IS NOT NULL AND contact IS NOT NULL AND phone IS NOT NULL AND EXISTS (
    SELECT 1 FROM messages i
    WHERE i.contact_id = contact AND i.phone_number_id = phone
      AND (i.contact_id, i.phone_number_id, i.counted_at) > (contact, phone, c - interval '24 hours')
      AND (i.contact_id, i.phone_number_id, i.counted_at) <= (contact, phone, c)
      AND i.direction = 'inbound' AND i.origin <> 'history' AND coalesce(i.type, '') <> 'system')
$$;
