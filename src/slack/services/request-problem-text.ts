import { KNOWN_LIST_MAX } from '../../metrics/index.js';
import { messages, type Locale } from '../../i18n/index.js';
import { maskPhone } from '../mask/index.js';
import type { RequestProblem } from './report-request.js';

/**
 * One line naming what was wrong with the request and the fix, in the caller's language.
 * Business numbers in the known list are masked like everywhere else in Slack.
 */
export function requestProblemText(p: RequestProblem, locale: Locale, showPhones = false): string {
  const m = messages(locale).pulse;
  const list = (values: string[]) => (values.length ? values.slice(0, KNOWN_LIST_MAX).join(', ') + (values.length > KNOWN_LIST_MAX ? ', …' : '') : m.noneKnownYet);
  switch (p.kind) {
    case 'period':
      return m.badPeriod(p.text);
    case 'unlinkedAgentMention':
      return m.unlinkedAgentMention(`<@${p.userId}>`);
    case 'filter': {
      const f = p.problem;
      switch (f.kind) {
        case 'ambiguousAgent':
          return m.ambiguousAgent(f.wanted, f.ids.join(', '));
        case 'unknownAgent':
          return m.unknownAgent(f.wanted, list(f.known));
        case 'unknownChannel':
          return m.unknownNumber(f.wanted, list(f.known.map((k) => (showPhones ? k : k.replace(/\+\d+/g, (n) => maskPhone(n))))));
        case 'unknownTeam':
          return m.unknownTeam(f.wanted, list(f.known));
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
