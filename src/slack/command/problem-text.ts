import { messages, type Locale } from '../../i18n/index.js';
import type { PulseProblem } from './types.js';

// Longer lists are cut: the line is for reading, and Slack's section text is limited.
const KNOWN_MAX = 10;

/**
 * One short line naming what is wrong with the command and how to fix it, in `locale`.
 * Text the user typed is echoed inside code spans: `&`, `<`, `>` are escaped for mrkdwn (so
 * nothing becomes a mention or link) and backticks dropped (so the span cannot be broken).
 * Lists of known agents/teams/numbers are shown as given: the caller masks phone numbers.
 */
export function pulseProblemText(problem: PulseProblem, locale: Locale): string {
  const m = messages(locale).command;
  const p = m.problem;
  switch (problem.kind) {
    case 'unknownCommand':
      return p.unknownCommand(echo(problem.word), problem.suggestion);
    case 'notYet':
      return p.notYet(problem.command);
    case 'badPeriod': {
      const text = echo(problem.text);
      switch (problem.reason) {
        case 'unknown':
          return p.periodUnknown(text);
        case 'days-range':
          return p.periodDays(text);
        case 'bad-date':
          return p.periodBadDate(text);
        case 'ends-before-start':
          return p.periodEndsBeforeStart(text);
        default: {
          const never: never = problem.reason;
          throw new Error(`unhandled period reason ${String(never)}`);
        }
      }
    }
    case 'periodNotAllowed':
      return p.periodNotAllowed(echo(problem.text));
    case 'unknownToken':
      return p.unknownToken(echo(problem.token), problem.suggestion === undefined ? undefined : echo(problem.suggestion));
    case 'duplicate':
      return p.duplicate(m.what[problem.what], echo(problem.token));
    case 'emptyFilter':
      return p.emptyFilter(problem.filter, m.example[problem.filter]);
    case 'badNumber':
      return p.badNumber(echo(problem.text));
    case 'badLang':
      return p.badLang(echo(problem.text));
    case 'unclosedQuote':
      return p.unclosedQuote(echo(problem.token));
    case 'filterNotAllowed':
      return p.filterNotAllowed(problem.filter);
    case 'unknownAgent':
      return p.unknownAgent(echo(problem.text), known(problem.known));
    case 'unknownTeam':
      return p.unknownTeam(echo(problem.text), known(problem.known));
    case 'unknownNumber':
      return p.unknownNumber(echo(problem.text), known(problem.known));
    default: {
      const never: never = problem;
      throw new Error(`unhandled problem ${JSON.stringify(never)}`);
    }
  }
}

/** The usage pieces in `locale`, commands in the order the help lists them. */
export function pulseHelp(locale: Locale) {
  const h = messages(locale).command.help;
  const order = ['overview', 'agents', 'busy', 'failures', 'messages', 'contacts', 'conversations', 'live', 'me'] as const;
  return {
    title: h.title,
    intro: h.intro,
    commands: order.map((command) => ({ command, ...h.commands[command] })),
    sections: [
      { label: h.periodsLabel, text: h.periods },
      { label: h.filtersLabel, text: h.filters },
      { label: h.optionsLabel, text: h.options },
    ],
    examples: { label: h.examplesLabel, lines: h.examples },
    permissions: h.permissions,
  };
}

export type PulseHelp = ReturnType<typeof pulseHelp>;

/** User text made safe inside a mrkdwn code span, and short enough for one line. */
export function echo(text: string): string {
  const t = text.replace(/`/g, "'");
  const short = t.length > 60 ? `${t.slice(0, 59)}…` : t;
  return short.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function known(values: string[]): string[] {
  const shown = values.slice(0, KNOWN_MAX).map((v) => echo(v).replace(/`/g, ''));
  return values.length > KNOWN_MAX ? [...shown, '…'] : shown;
}
