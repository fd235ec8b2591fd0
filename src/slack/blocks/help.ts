import { messages, type Locale } from '../../i18n/index.js';
import { context, header, section } from './kit.js';
import type { SlackMessage } from './types.js';

/**
 * `/pulse` and `/pulse help`: what each sub-command answers (one line each), the periods, the
 * filters and options, and a few examples to copy. Commands stay in Latin letters in both
 * languages: they are what the user types.
 */
export function helpAnswer(locale: Locale): SlackMessage {
  const h = messages(locale).answers.help;
  const item = ([code, what]: [string, string]) => `\`${code}\`  ${what}`;
  return {
    blocks: [
      header(h.title),
      section(h.intro),
      section(`${h.commandsTitle}\n${h.commands.map(item).join('\n')}`),
      section(`${h.periodsTitle}\n${h.periods}`),
      section(`${h.filtersTitle}\n${h.filters.map(item).join('\n')}`),
      section(h.examplesTitle),
      context(...h.examples.map((e) => `\`${e}\``)),
    ],
    text: h.fallback,
  };
}
