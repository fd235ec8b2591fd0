import { localeFromSlack, type Locale } from '../../i18n/index.js';

/**
 * The language of an answer: `lang:` typed in the command wins, then the user's Slack locale
 * (`ar-SA` → ar) when we ship it, then DEFAULT_LOCALE.
 */
export function pickLocale(opts: { override?: Locale; slackLocale?: string; fallback: Locale }): Locale {
  return opts.override ?? localeFromSlack(opts.slackLocale, opts.fallback);
}
