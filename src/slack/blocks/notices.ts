import { messages, type Locale } from '../../i18n/index.js';
import { escapeText, section } from './kit.js';
import type { SlackMessage } from './types.js';

/**
 * Short ephemeral notices, each one section whose text is also the fallback. Parameters that
 * came from users or data (the parser's problem line) are escaped; a channel mention is passed
 * as Slack's `<#C…>` markup and kept.
 */
function notice(text: string): SlackMessage {
  return { blocks: [section(text)], text };
}

/** Shown at once when an answer will take a moment; replaced by the answer. */
export function workingOnIt(locale: Locale): SlackMessage {
  return notice(messages(locale).answers.notices.workingOnIt);
}

/** A member who is not a supervisor asked for a team-wide report: refuse and point to `/pulse me`. */
export function refusedNotSupervisor(locale: Locale): SlackMessage {
  return notice(messages(locale).answers.notices.refusedNotSupervisor);
}

/** Slack said not_in_channel: how to invite the bot. `channelMention` is `<#C0123>` markup. */
export function notInChannel(locale: Locale, channelMention: string): SlackMessage {
  return notice(messages(locale).answers.notices.notInChannel(channelMention));
}

/** An unexpected failure: an apology and the reference id that appears in the logs. */
export function apology(locale: Locale, ref: string): SlackMessage {
  return notice(messages(locale).answers.notices.apology(escapeText(ref)));
}

/** `/pulse me` from someone wapulse cannot link to an inbox agent: what would link them. */
export function noAgentLink(locale: Locale): SlackMessage {
  return notice(messages(locale).answers.notices.noAgentLink);
}

export function csvSent(locale: Locale): SlackMessage {
  return notice(messages(locale).answers.notices.csvSent);
}

export function sharedToChannel(locale: Locale): SlackMessage {
  return notice(messages(locale).answers.notices.sharedToChannel);
}

/** One line from the command parser naming the problem and the fix, plus the way to `/pulse help`. */
export function problem(locale: Locale, line: string): SlackMessage {
  return notice(messages(locale).answers.notices.problem(escapeText(line)));
}

/** `what` (already in the locale's words, e.g. a catalog string) is not configured yet. */
export function notConfiguredYet(locale: Locale, what: string): SlackMessage {
  return notice(messages(locale).answers.notices.notConfiguredYet(what));
}
