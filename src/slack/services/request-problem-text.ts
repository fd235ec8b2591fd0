import { messages, type Locale } from '../../i18n/index.js';
import { pulseProblemText } from '../command/index.js';
import { maskPhonesInText } from '../mask/index.js';
import type { RequestProblem } from './report-request.js';

/**
 * One line naming what was wrong with the request and the fix, in the caller's language. Unknown
 * values share the parser's wording (the store knows the list, the parser only the syntax);
 * business numbers in a known list are masked like everywhere else in Slack.
 */
export function requestProblemText(p: RequestProblem, locale: Locale, showPhones = false): string {
  const m = messages(locale).pulse;
  switch (p.kind) {
    case 'period':
      return pulseProblemText({ kind: 'badPeriod', text: p.text, reason: 'unknown' }, locale);
    case 'unlinkedAgentMention':
      return m.unlinkedAgentMention(`<@${p.userId}>`);
    case 'filter': {
      const f = p.problem;
      switch (f.kind) {
        case 'ambiguousAgent':
          return m.ambiguousAgent(f.wanted, f.ids.join(', '));
        case 'unknownAgent':
          return pulseProblemText({ kind: 'unknownAgent', text: f.wanted, known: f.known }, locale);
        case 'unknownChannel': {
          const known = showPhones ? f.known : f.known.map(maskPhonesInText);
          return pulseProblemText({ kind: 'unknownNumber', text: f.wanted, known }, locale);
        }
        case 'unknownTeam':
          return pulseProblemText({ kind: 'unknownTeam', text: f.wanted, known: f.known }, locale);
        default: {
          const never: never = f;
          throw new Error(`unknown filter problem ${JSON.stringify(never)}`);
        }
      }
    }
    default: {
      const never: never = p;
      throw new Error(`unknown request problem ${JSON.stringify(never)}`);
    }
  }
}
