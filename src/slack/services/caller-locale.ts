import type { Locale } from '../../i18n/index.js';
import { pickLocale } from '../people/index.js';
import type { SlackServices } from './types.js';

/**
 * The language to answer in: `lang:` in the command, else the caller's Slack locale
 * (users.info with include_locale, cached), else DEFAULT_LOCALE. A failed lookup is not an
 * error for the caller: they get the default language.
 */
export async function callerLocale(svc: SlackServices, userId: string, override?: Locale): Promise<Locale> {
  if (override) return override;
  try {
    const profile = await svc.profiles.profile(userId);
    return pickLocale({ slackLocale: profile?.locale, fallback: svc.slack.defaultLocale });
  } catch (err) {
    svc.log.warn({ reason: (err as Error).message }, 'users.info failed; answering in the default language');
    return svc.slack.defaultLocale;
  }
}
