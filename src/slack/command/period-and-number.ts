import { parsePeriod } from '../../metrics/index.js';
import type { PeriodReason } from './types.js';

// Any fixed instant validates a period's syntax: the words and dates are valid or not whatever the day.
const SOME_DAY = new Date('2026-01-01T00:00:00Z');

/** True when parsePeriod (the CLI's and the reports' own reader) takes the word. */
export const periodOk = (text: string): boolean => parsePeriod(text, 'UTC', SOME_DAY).ok;

/**
 * A phone number as `+` and digits: spaces, dashes, dots and brackets are layout; `+` only in
 * front. 6 to 15 digits (E.164 allows at most 15; fewer than 6 is no business number).
 */
export function normaliseNumber(text: string): string | null {
  const t = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(t)) return null;
  const digits = t.replace(/\D/g, '');
  return digits.length >= 6 && digits.length <= 15 ? `+${digits}` : null;
}

/** Why a word that looks like a period is not one; null when it does not look like a period. */
export function periodReason(word: string): PeriodReason | null {
  if (/^\d+d$/.test(word)) return 'days-range';
  const range = /^(\d{4}-\d{1,2}-\d{1,2})(?:\.\.(\d{4}-\d{1,2}-\d{1,2}))?$/.exec(word);
  if (range) return range[2] && periodOk(range[1]!) && periodOk(range[2]) ? 'ends-before-start' : 'bad-date';
  if (/^\d{4}-|\.\./.test(word)) return 'bad-date';
  // shaped like a period word: this-year, past-week, 2w, 7days
  if (/^(this|last|next|past|previous)-[a-z]+$|^\d+[a-z]+$/.test(word)) return 'unknown';
  return null;
}
