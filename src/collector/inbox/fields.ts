import { z } from 'zod';

/**
 * Field schemas shared by the team-inbox events (SPEC.md, "Team inbox").
 * Optional fields accept null as well as absence: inbox tools and workflow builders
 * commonly serialise "no value" as null, and refusing that would only push senders
 * into stripping keys for no gain.
 */

export const MAX_ID_LENGTH = 200;

/**
 * Descriptions and $defs names for the JSON Schema in docs/. A registry of our own rather
 * than zod's global one, so nothing here can collide with metadata set elsewhere.
 */
export const inboxSchemaDocs = z.registry<z.core.GlobalMeta>();

/** The event's own id: the sender's idempotency key, so it must be a real string. */
export const EventId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .register(inboxSchemaDocs, {
    id: 'EventId',
    description: 'Idempotency key: an event whose id was already stored is a no-op.',
  });

/**
 * Ids of agents and conversations. Senders emit both 42 and "42" for the same thing,
 * so both are accepted and normalised to the string form before anything compares them.
 * A factory, so each use can carry its own description.
 */
export const refId = () =>
  z
    .union(
      [
        z.string().min(1, 'must not be empty').max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
        z.number().int(),
      ],
      { error: `must be a non-empty string (at most ${MAX_ID_LENGTH} characters) or an integer` },
    )
    .transform((v) => String(v));

export const RefId = refId();

/** A datetime with a time zone, without one, or something else: chooses the message. */
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const ZONED_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const EXAMPLE = 'e.g. 2025-11-24T09:25:00Z or 2025-11-24T13:25:00+04:00';

function timestampMessage(input: unknown): string {
  if (input === undefined) return 'is required';
  if (typeof input !== 'string') return `must be an ISO 8601 timestamp string (${EXAMPLE}), got ${typeof input}`;
  // A local time would be read in whatever zone the server runs in: refuse rather than guess.
  if (LOCAL_DATETIME.test(input)) return `has no time zone: add Z (UTC) or an offset like +04:00 (${EXAMPLE})`;
  if (ZONED_SHAPE.test(input)) return 'is not a real date and time (check the month, day and hour)';
  return `is not an ISO 8601 timestamp with seconds and a time zone (${EXAMPLE})`;
}

/**
 * ISO 8601 (the RFC 3339 profile: seconds required, Z or ±hh:mm required), parsed to a Date.
 * zod's datetime check validates the calendar too, so 2025-02-30 is refused, not rolled over.
 */
export const Timestamp = z
  .iso.datetime({ offset: true, error: (issue) => timestampMessage(issue.input) })
  .register(inboxSchemaDocs, {
    id: 'Timestamp',
    description: 'When it happened: ISO 8601 with seconds and a time zone (Z or ±hh:mm), e.g. 2025-11-24T09:25:00Z.',
  })
  .transform((s) => new Date(s));

/** WhatsApp id: the phone number in international form, digits only; a leading + is tolerated. */
export const WaId = z
  .string({ error: 'must be a string of digits' })
  .regex(/^\+?\d{5,20}$/, 'must be the phone number in digits without spaces, e.g. 971501234567')
  .register(inboxSchemaDocs, { id: 'WaId', description: "WhatsApp id: the contact's phone number in digits (a leading + is dropped)." })
  .transform((s) => s.replace(/^\+/, ''));

/** Business-scoped user id (BSUID) as Meta sends it, e.g. "US.13491208655302741918". */
export const UserId = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .register(inboxSchemaDocs, { id: 'UserId', description: 'Business-scoped user id (BSUID) from Meta.' });

const Name = z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters');

/** JSON Schema for "wa_id or user_id, not null" — the refine below, which JSON Schema cannot see. */
export const CONTACT_KEY_RULE = [
  { required: ['wa_id'], properties: { wa_id: { type: 'string' } } },
  { required: ['user_id'], properties: { user_id: { type: 'string' } } },
];

/**
 * A contact reference. Either key is enough: usernames (2026) can hide the phone number,
 * leaving only the BSUID; older tools know only the wa_id.
 */
export const ContactRef = z
  .object({ wa_id: WaId.nullish(), user_id: UserId.nullish(), name: Name.nullish() })
  .refine((c) => c.wa_id != null || c.user_id != null, { message: 'needs at least one of wa_id, user_id' })
  .register(inboxSchemaDocs, {
    id: 'ContactRef',
    description: 'A contact: at least one of wa_id and user_id.',
    anyOf: CONTACT_KEY_RULE,
  });

/** Slack member ids start with U (or W on Enterprise Grid); "@layla" is a common mistake. */
export const SlackUserId = z
  .string({ error: 'must be a string' })
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack member id like U0123ABCD, not a name or @mention');

export const CONTACT_SOURCES = ['incoming_message', 'manual', 'import', 'api'] as const;
export const OPENED_BY = ['contact', 'agent', 'automation', 'api'] as const;
export const CLOSED_BY = ['agent', 'automation', 'auto_close', 'api'] as const;
export const SENDERS = ['agent', 'automation', 'broadcast', 'api'] as const;

export type ContactSource = (typeof CONTACT_SOURCES)[number];
export type OpenedBy = (typeof OPENED_BY)[number];
export type ClosedBy = (typeof CLOSED_BY)[number];
export type Sender = (typeof SENDERS)[number];

/** Short free text (team names, categories): bounded so one event cannot bloat a row. */
export const ShortText = z.string({ error: 'must be a string' }).max(200, 'must be at most 200 characters');
