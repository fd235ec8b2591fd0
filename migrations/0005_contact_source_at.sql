-- 0005 contacts.source_at: when the inbox said how a contact came to be (contact.created's `at`).
-- With it the earliest statement wins, whatever order two contact.created events for one contact
-- arrive in (before this, the last one stored won). Existing rows keep their source with an
-- unknown time (NULL), which any dated statement replaces once.
ALTER TABLE contacts ADD COLUMN source_at timestamptz;
