/**
 * Chatwoot writes times three ways, sometimes in one body: Unix seconds as an integer
 * (conversation created_at), Unix seconds as a float (conversation updated_at is `to_f`),
 * and ISO 8601 strings (Message#webhook_data created_at, Rails' JSON encoding, UTC "Z").
 * Old versions and hand-made test bodies also use Rails' `to_s` form "2025-11-24 09:05:12 UTC".
 */

const UNIX_SECONDS = /^\d{1,12}(?:\.\d+)?$/;
const RAILS_TO_S = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) UTC$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

function fromSeconds(seconds: number): Date | null {
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  // Round to whole microseconds first so float noise (…299.9999) cannot lose a millisecond,
  // then truncate to milliseconds as Rails does when it renders ISO times.
  const micros = Math.round(seconds * 1e6);
  return new Date(Math.floor(micros / 1000));
}

/** Parses a Chatwoot time value; null when it is absent or unreadable (never "now"). */
export function parseChatwootTime(value: unknown): Date | null {
  if (typeof value === 'number') return fromSeconds(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (UNIX_SECONDS.test(s)) return fromSeconds(Number(s));
  const rails = RAILS_TO_S.exec(s);
  const iso = rails ? `${rails[1]}T${rails[2]}Z` : s;
  // A time without a zone would be read in the server's zone: refuse it.
  if (!ISO_WITH_ZONE.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The time as it goes into event ids: Unix seconds, with milliseconds only when present. */
export function unixKey(at: Date): string {
  const ms = at.getTime();
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}
