import { z } from 'zod';
import { INBOX_EVENT_SCHEMAS, INBOX_EVENT_TYPES, MAX_EVENTS_PER_BATCH, type InboxEvent, type InboxEventType } from './events.js';
import { clip, implausibleTime } from '../limits.js';
import { EventId, MAX_ID_LENGTH, Timestamp } from './fields.js';

/** One problem with one field; `field` is a dotted path inside the event, e.g. `contact.wa_id`. */
export type FieldError = { field: string; message: string };

/** An event refused on its own; `id` is its id when it had a usable one. */
export type RejectedEvent = { index: number; id: string | null; errors: FieldError[] };

/** A later event reusing an id already seen in the same batch: dropped, first one wins. */
export type DuplicateEvent = { index: number; id: string; firstIndex: number };

export type InboxEventResult =
  | { ok: true; event: InboxEvent }
  | { ok: false; id: string | null; errors: FieldError[] };

export type InboxBatchResult =
  | { ok: true; accepted: InboxEvent[]; rejected: RejectedEvent[]; duplicates: DuplicateEvent[] }
  | { ok: false; error: string };

/** Used for whole-event problems, where there is no field to name. */
const WHOLE_EVENT = '(event)';

const Base = z.object({ id: EventId, at: Timestamp });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEventType(v: unknown): v is InboxEventType {
  return typeof v === 'string' && Object.hasOwn(INBOX_EVENT_SCHEMAS, v);
}

/** The input as JSON, cut: messages are echoed in answers and stored with the raw body. */
function shown(v: unknown): string {
  const json = JSON.stringify(v) ?? String(v);
  return json.length <= 60 ? json : `${clip(json, 60)}… (${json.length} characters)`;
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : WHOLE_EVENT,
    // parsed with reportInput, so an undefined input means the key was absent
    message: 'input' in issue && issue.input === undefined ? 'is required' : issue.message,
  }));
}

/**
 * Validates one inbox event on its own.
 * An unknown or missing `type` is reported as field `type`, together with any problem in
 * `id` and `at`, which every type shares.
 */
export function parseInboxEvent(raw: unknown, receivedAt?: Date): InboxEventResult {
  if (!isRecord(raw)) return { ok: false, id: null, errors: [{ field: WHOLE_EVENT, message: 'must be a JSON object' }] };
  // echoed in the answer: an over-long id is named by index only
  const id = typeof raw.id === 'string' && raw.id.length > 0 && raw.id.length <= MAX_ID_LENGTH ? raw.id : null;
  const type = raw.type;
  if (!isEventType(type)) {
    const message =
      type === undefined
        ? `is required: one of ${INBOX_EVENT_TYPES.join(', ')}`
        : `unknown event type ${shown(type)}: expected one of ${INBOX_EVENT_TYPES.join(', ')}`;
    const base = Base.safeParse(raw, { reportInput: true });
    const rest = base.success ? [] : toFieldErrors(base.error.issues);
    return { ok: false, id, errors: [{ field: 'type', message }, ...rest] };
  }
  const parsed = INBOX_EVENT_SCHEMAS[type].safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, id, errors: toFieldErrors(parsed.error.issues) };
  // A well-formed time can still be no real event's: year 9999, or 1970 from a zero default.
  const implausible = receivedAt && implausibleTime(parsed.data.at, receivedAt);
  if (implausible) return { ok: false, id, errors: [{ field: 'at', message: implausible }] };
  return { ok: true, event: parsed.data };
}

/**
 * Parses the body of POST /webhooks/inbox: `{"events":[…]}`.
 * The body as a whole fails (`ok: false`) only when it is not an object with an `events`
 * array of at most 1000 items; otherwise every event is judged on its own, so the valid ones
 * are accepted even when others are rejected. An id repeated within the batch keeps its
 * first occurrence (valid or not) and the later ones are listed in `duplicates` — the same
 * "first one wins" rule that storage applies across batches. With `receivedAt`, an `at` before
 * 2009 or more than a day after receipt is refused as well (see limits.ts).
 */
export function parseInboxBatch(body: unknown, receivedAt?: Date): InboxBatchResult {
  if (!isRecord(body)) return { ok: false, error: 'body must be a JSON object like {"events":[…]}' };
  const events = body.events;
  if (events === undefined) return { ok: false, error: 'body.events is required: an array of events' };
  if (!Array.isArray(events)) return { ok: false, error: 'body.events must be an array of events' };
  if (events.length > MAX_EVENTS_PER_BATCH) {
    return {
      ok: false,
      error: `body.events has ${events.length} events; at most ${MAX_EVENTS_PER_BATCH} are accepted per request, split the batch`,
    };
  }

  const accepted: InboxEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const duplicates: DuplicateEvent[] = [];
  const firstIndexById = new Map<string, number>();

  events.forEach((raw: unknown, index) => {
    const rawId = isRecord(raw) && typeof raw.id === 'string' && raw.id.length > 0 ? raw.id : null;
    if (rawId !== null) {
      const firstIndex = firstIndexById.get(rawId);
      if (firstIndex !== undefined) {
        duplicates.push({ index, id: rawId, firstIndex });
        return;
      }
      firstIndexById.set(rawId, index);
    }
    const result = parseInboxEvent(raw, receivedAt);
    if (result.ok) accepted.push(result.event);
    else rejected.push({ index, id: result.id, errors: result.errors });
  });

  return { ok: true, accepted, rejected, duplicates };
}
