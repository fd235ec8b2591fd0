-- 0010 the WhatsApp Business Account id (WABA id) on the tables a multi-tenant deployment
-- would distribute by it (docs/scaling.md, "Citus"). Meta's webhook entry[].id is the WABA id;
-- channels.waba_id already maps each business number to it.
--
-- Nullable, and nothing reads it yet: a single business needs no tenant key. Writes fill it
-- from the normalised facts (WhatsApp) or from channels by phone_number_id (Chatwoot's inbound
-- messages, conversations at each rebuild). Message and contact writers keep the first WABA
-- known (coalesce), and WhatsApp reports every wamid in the end, so those rows do not depend
-- on arrival order; a conversation last rebuilt before its number's WABA was known keeps NULL
-- until its next rebuild.
--
-- Tables and why (the mapping in docs/scaling.md):
--   messages, message_statuses, webhook_errors   per number, from entry[].id
--   contacts                                      the WABA a contact was first seen on (BSUIDs
--                                                 are business-scoped; under Citus a contact is
--                                                 per tenant)
--   conversations, assignments                    from the conversation's number
-- Not here: inbox_events and comments. They are stored once, as they arrive, and name at most a
-- number whose WABA channels may learn only later (or a conversation being rebuilt at that
-- moment by a transaction this one cannot see), so any value given them would depend on arrival
-- order; the shuffled-stream test catches exactly that. Under Citus their tenant comes from the
-- ingress instead (docs/scaling.md). Also not here: channels (already has it; a reference
-- table), agents (reference table),
-- raw_events (one body may carry several WABAs' entries), conversation_dirty (a transient
-- queue keyed by contact × number), chart_images and schema_migrations (not tenant data).
--
-- ALTER TABLE … ADD COLUMN without a default is a catalogue change only (no rewrite), and on a
-- partitioned parent it reaches every partition. The backfill below is one UPDATE per table:
-- fine for a single business's history; on a very large table run it before upgrading in
-- batches (UPDATE … WHERE waba_id IS NULL AND … LIMIT) if the lock time matters.

ALTER TABLE messages ADD COLUMN waba_id text;
ALTER TABLE message_statuses ADD COLUMN waba_id text;
ALTER TABLE webhook_errors ADD COLUMN waba_id text;
ALTER TABLE contacts ADD COLUMN waba_id text;
ALTER TABLE conversations ADD COLUMN waba_id text;
ALTER TABLE assignments ADD COLUMN waba_id text;

UPDATE messages m
   SET waba_id = c.waba_id
  FROM channels c
 WHERE c.phone_number_id = m.phone_number_id AND c.waba_id IS NOT NULL;

UPDATE message_statuses s
   SET waba_id = m.waba_id
  FROM messages m
 WHERE m.wamid = s.wamid AND m.waba_id IS NOT NULL;

UPDATE webhook_errors e
   SET waba_id = c.waba_id
  FROM channels c
 WHERE c.phone_number_id = e.phone_number_id AND c.waba_id IS NOT NULL;

UPDATE conversations v
   SET waba_id = c.waba_id
  FROM channels c
 WHERE c.phone_number_id = v.phone_number_id AND c.waba_id IS NOT NULL;

UPDATE assignments a
   SET waba_id = v.waba_id
  FROM conversations v
 WHERE v.id = a.conversation_id AND v.waba_id IS NOT NULL;

-- The WABA of the contact's earliest message (ties: the smaller WABA id, so the result is fixed).
UPDATE contacts ct
   SET waba_id = first.waba_id
  FROM (SELECT DISTINCT ON (m.contact_id) m.contact_id, m.waba_id
          FROM messages m
         WHERE m.contact_id IS NOT NULL AND m.waba_id IS NOT NULL
         ORDER BY m.contact_id, m.counted_at NULLS LAST, m.waba_id) first
 WHERE first.contact_id = ct.id;
