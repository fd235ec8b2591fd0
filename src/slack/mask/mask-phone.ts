const HIDE = '•••';

/**
 * A phone number with its middle hidden: `+971501234567` → `+97150•••4567`.
 *
 * Rule: the digits are read from the text (layout like spaces, dashes and a leading `+` is
 * dropped) and written back as `+`, the first digits, `•••`, the last digits. At least 3
 * digits are always hidden; the digits left visible are split between the front (at most 5)
 * and the end (at most 4), the end taking the larger half (people recognise a number by its
 * last digits): 12+ digits → 5 + ••• + 4 (`+97150•••4567`); 11 → 4 + 4; 10 → 3 + 4;
 * 9 → 3 + 3; 8 → 2 + 3; 4 → 0 + 1; 3 or fewer → `+•••`. The dots never tell how many digits
 * are hidden. Text without digits, or already masked (contains •••), is returned unchanged,
 * so masking twice is harmless.
 */
export function maskPhone(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (digits.length === 0 || text.includes(HIDE)) return text;
  const visible = Math.max(0, digits.length - 3);
  const end = Math.min(4, Math.ceil(visible / 2));
  const start = Math.min(5, visible - end);
  return `+${digits.slice(0, start)}${HIDE}${end === 0 ? '' : digits.slice(-end)}`;
}

/** Digit runs that read as a phone number inside free text: 8–15 digits, spaced or not, `+` optional. */
const PHONE_IN_TEXT = /(?<![\d•])\+?\d(?:[\s().-]{0,2}\d){7,14}(?![\d•])/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Free text (a message preview, a profile name) with every phone-like run masked by maskPhone.
 * Deliberately broad: an 8-digit order number is masked too, because showing one phone
 * number by mistake costs more than hiding an order number.
 */
export function maskPhonesInText(text: string): string {
  // a date (2026-11-01) has 8 digits too, and is no phone number
  return text.replace(PHONE_IN_TEXT, (run) => (DATE.test(run) ? run : maskPhone(run)));
}
