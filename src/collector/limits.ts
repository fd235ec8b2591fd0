/**
 * Bounds on what one webhook may put in a column, chosen from the real formats with a wide
 * margin (documented in docs/bad-input.md). A value over a key's bound makes its item a
 * problem (skipped): a cut key would silently merge two different things. Free text over its
 * bound is cut and stored.
 */

/**
 * Ids used as keys: wamids (~60 characters, base64 after `wamid.`), phone_number_ids and
 * WABA ids (15–17 digits), wa_ids (≤ 20 digits), BSUIDs (`US.` + 20 digits), Chatwoot ids.
 * Postgres refuses btree index rows over ~2.7 kB; 256 characters stay far below it.
 */
export const KEY_MAX = 256;

/** Short words from a closed-ish vocabulary: message type, status, pricing category/model. */
export const WORD_MAX = 64;

/** Free text kept for people to read: error titles and details, profile names, callback data. */
export const TEXT_MAX = 4096;

/** The first instant a WhatsApp or Chatwoot timestamp can plausibly name (WhatsApp began in 2009). */
export const EARLIEST_TIME = new Date('2009-01-01T00:00:00Z');

/** How far after receipt a timestamp may lie: clocks drift, but not by a day. */
export const FUTURE_SLACK_MS = 24 * 3600 * 1000;

/** Cuts text to `max` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Why `at` cannot be a real event time for a body received at `receivedAt`; null when it can. */
export function implausibleTime(at: Date, receivedAt: Date): string | null {
  const ms = at.getTime();
  if (Number.isNaN(ms)) return 'is not a representable time';
  if (ms < EARLIEST_TIME.getTime()) return `is before ${EARLIEST_TIME.toISOString().slice(0, 10)}, not a plausible event time`;
  if (ms > receivedAt.getTime() + FUTURE_SLACK_MS) {
    return `lies more than a day after the body was received (${at.toISOString()}); a millisecond value sent as seconds?`;
  }
  return null;
}

/** Postgres `integer` (int4): error codes are stored in it. */
export function isInt4(n: number): boolean {
  return Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647;
}
