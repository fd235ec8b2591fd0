import { FAILURE_COLOURS } from './theme.js';

/** "Other", "other codes", …: the class that gathers every code without a colour of its own. */
export const isOtherClass = (label: string) => /^other\b/i.test(label.trim());

/**
 * Colour of an error class label such as `131050 User stopped marketing`: keyed by the label's
 * leading error code, so a code has one colour in every chart and every report whatever else
 * the chart shows; grey for "Other". A label without a code hashes its text into the same
 * spare palette, so it is stable too.
 */
export function failureColour(label: string): string {
  if (isOtherClass(label)) return FAILURE_COLOURS.other;
  const code = /^\d+/.exec(label.trim())?.[0];
  const known = code === undefined ? undefined : FAILURE_COLOURS.byCode[code];
  if (known) return known;
  const spare = FAILURE_COLOURS.unknownCodes;
  const key = code === undefined ? [...label].reduce((h, ch) => (h * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003, 7) : Number(code);
  return spare[key % spare.length] ?? FAILURE_COLOURS.other;
}
