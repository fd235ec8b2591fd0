import { messages, type Locale } from '../../i18n/index.js';
import { escapeText, header, section } from './kit.js';
import type { SlackMessage } from './types.js';

/**
 * `/pulse` and `/pulse help`: what each sub-command answers (one line each), the periods, the
 * filters and options, and a few examples to copy. Commands stay in Latin letters in both
 * languages: they are what the user types.
 */
export function helpAnswer(locale: Locale): SlackMessage {
  const h = messages(locale).answers.help;
  // `<report>` and `<name>` would read as Slack markup even inside code: escaped, they show as typed
  const code = (c: string) => `\`${escapeText(c)}\``;
  const item = ([c, what]: [string, string]) => `${code(c)}  ${what}`;
  return {
    blocks: [
      header(h.title),
      section(escapeText(h.intro)),
      section(`${h.commandsTitle}\n${h.commands.map(item).join('\n')}`),
      section(`${h.periodsTitle}\n${h.periods}`),
      section(`${h.filtersTitle}\n${h.filters.map(item).join('\n')}`),
      section(`${h.examplesTitle}\n${h.examples.map(code).join('\n')}`),
    ],
    text: h.fallback,
  };
}
