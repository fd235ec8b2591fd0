import { isLocale, type Locale } from '../../i18n/index.js';
import type { ReportName } from '../../metrics/index.js';
import { closest } from './closest.js';
import { readMention } from './mention.js';
import { normaliseNumber, periodOk, periodReason } from './period-and-number.js';
import { tokenize, unescapeSlack } from './tokenize.js';
import {
  NOT_YET, type AgentRef, type DeliveryOptions, type FilterName, type NotYetCommand, type PulseCommand, type PulseFilters, type PulseProblem,
} from './types.js';

/** Sub-command → report; `busy` is the short name SPEC.md uses, `busy-hours` the report's own. */
export const REPORT_COMMANDS = {
  overview: 'overview', messages: 'messages', failures: 'failures', agents: 'agents', busy: 'busy-hours',
  'busy-hours': 'busy-hours', contacts: 'contacts', conversations: 'conversations', live: 'live',
} as const satisfies Record<string, ReportName>;
type ReportCommand = keyof typeof REPORT_COMMANDS;

export const PERIOD_WORDS = ['today', 'yesterday', '7d', '30d', 'this-week', 'last-week', 'this-month', 'last-month'] as const;
const SUB_COMMANDS = ['help', ...Object.keys(REPORT_COMMANDS), 'me', ...NOT_YET];
const FILTER_KEYS = ['agent', 'team', 'number', 'lang'] as const;
const FLAGS = ['share', 'csv'] as const;


type Parsed = { period?: string; filters: PulseFilters } & DeliveryOptions;

/**
 * Reads `/pulse` text as Slack sends it with should_escape (users `<@U0456|layla>`, channels
 * `<#C0123|ops>`, `& < >` as entities), plain `@layla` too. The first word is the sub-command;
 * the rest (period, filters, `share`, `csv`, `lang:`) comes in any order. Anything it cannot
 * use is a problem value naming what and how to fix it, never a silent guess.
 */
export function parsePulse(text: string): PulseCommand {
  const split = tokenize(text);
  if (!split.ok) return problem({ kind: 'unclosedQuote', token: unescapeSlack(split.unclosed) });
  const [first, ...rest] = split.tokens;
  const word = (first ?? '').toLowerCase();
  if (word === '' || word === 'help') {
    // `help lang:ar` shows the usage in that language; other words after help are ignored
    const lang = rest.map((t) => /^lang:(.*)$/i.exec(t)?.[1]?.toLowerCase()).find(isLocale);
    return lang ? { kind: 'help', lang } : { kind: 'help' };
  }
  if ((NOT_YET as readonly string[]).includes(word)) return problem({ kind: 'notYet', command: word as NotYetCommand });
  const isReport = Object.hasOwn(REPORT_COMMANDS, word);
  if (!isReport && word !== 'me') return problem({ kind: 'unknownCommand', word: unescapeSlack(first!), suggestion: closest(word, SUB_COMMANDS) });

  const args = readArgs(rest);
  if (!args.ok) return problem(args.problem);
  const { period, filters, ...delivery } = args.parsed;
  if (word === 'me') {
    const filter = (Object.keys(filters) as FilterName[])[0];
    if (filter) return problem({ kind: 'filterNotAllowed', command: 'me', filter });
    return { kind: 'me', ...(period ? { period } : {}), ...delivery };
  }
  if (word === 'live' && period) return problem({ kind: 'periodNotAllowed', command: 'live', text: period });
  return { kind: 'report', report: REPORT_COMMANDS[word as ReportCommand], ...(period ? { period } : {}), filters, ...delivery };
}

function problem(p: PulseProblem): PulseCommand {
  return { kind: 'problem', problem: p };
}

type ArgsResult = { ok: true; parsed: Parsed } | { ok: false; problem: PulseProblem };

function readArgs(tokens: string[]): ArgsResult {
  const parsed: Parsed = { filters: {}, share: false, csv: false };
  const fail = (p: PulseProblem): ArgsResult => ({ ok: false, problem: p });
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();
    if ((FLAGS as readonly string[]).includes(lower)) {
      const flag = lower as (typeof FLAGS)[number];
      if (parsed[flag]) return fail({ kind: 'duplicate', what: flag, token });
      parsed[flag] = true;
      continue;
    }
    const keyed = /^([a-z]+):(.*)$/is.exec(token);
    const key = keyed?.[1]!.toLowerCase();
    if (keyed && (FILTER_KEYS as readonly string[]).includes(key!)) {
      let value = keyed[2]!;
      if (key === 'number') {
        // "+971 50 123 4567" arrives as several words: take the following digit groups too
        while (i + 1 < tokens.length && /^[\d()-]+$/.test(tokens[i + 1]!) && !/^\d{4}-\d{2}-\d{2}/.test(tokens[i + 1]!)) value += ` ${tokens[++i]!}`;
      }
      const set = setKeyed(parsed, key as (typeof FILTER_KEYS)[number], value, token);
      if (set) return fail(set);
      continue;
    }
    const mention = readMention(token);
    if (mention && (mention.kind === 'user' || mention.kind === 'userName')) {
      // a bare @layla is the agent filter: what else could a person mean by it here
      const set = setAgent(parsed, agentRef(mention), token);
      if (set) return fail(set);
      continue;
    }
    if (periodOk(lower)) {
      if (parsed.period !== undefined) return fail({ kind: 'duplicate', what: 'period', token });
      parsed.period = lower;
      continue;
    }
    // digits and dates are judged as periods; a word is first compared with the known words
    // ("last-weak" → last-week), and only then called a period we do not know ("this-year")
    const reason = periodReason(lower);
    if (reason && reason !== 'unknown') return fail({ kind: 'badPeriod', text: unescapeSlack(token), reason });
    const suggestion = suggest(lower, keyed ? [key!, keyed[2]!] : null);
    if (reason === 'unknown' && !suggestion) return fail({ kind: 'badPeriod', text: unescapeSlack(token), reason });
    return fail({ kind: 'unknownToken', token: unescapeSlack(token), suggestion });
  }
  return { ok: true, parsed };
}

function setKeyed(parsed: Parsed, key: (typeof FILTER_KEYS)[number], value: string, token: string): PulseProblem | null {
  if (value.trim() === '') return { kind: 'emptyFilter', filter: key };
  switch (key) {
    case 'lang': {
      const lang = value.toLowerCase();
      if (!isLocale(lang)) return { kind: 'badLang', text: unescapeSlack(value) };
      if (parsed.lang !== undefined) return { kind: 'duplicate', what: 'lang', token };
      parsed.lang = lang as Locale;
      return null;
    }
    case 'team':
      if (parsed.filters.team !== undefined) return { kind: 'duplicate', what: 'team', token };
      parsed.filters.team = unescapeSlack(value).trim();
      return null;
    case 'number': {
      const number = normaliseNumber(unescapeSlack(value));
      if (number === null) return { kind: 'badNumber', text: unescapeSlack(value) };
      if (parsed.filters.number !== undefined) return { kind: 'duplicate', what: 'number', token };
      parsed.filters.number = number;
      return null;
    }
    case 'agent': {
      const mention = readMention(value);
      if (mention && mention.kind !== 'user' && mention.kind !== 'userName') return { kind: 'unknownToken', token: unescapeSlack(token) };
      return setAgent(parsed, mention ? agentRef(mention) : { kind: 'name', name: unescapeSlack(value).trim() }, token);
    }
    default: {
      const never: never = key;
      throw new Error(`unhandled key ${String(never)}`);
    }
  }
}

function setAgent(parsed: Parsed, ref: AgentRef, token: string): PulseProblem | null {
  if (parsed.filters.agent !== undefined) return { kind: 'duplicate', what: 'agent', token };
  parsed.filters.agent = ref;
  return null;
}

function agentRef(m: { kind: 'user'; id: string; label?: string } | { kind: 'userName'; name: string }): AgentRef {
  if (m.kind === 'userName') return { kind: 'name', name: m.name };
  return m.label ? { kind: 'slackUser', id: m.id, label: m.label } : { kind: 'slackUser', id: m.id };
}

/** The likely meant word: a flag or period word, or for `key:value` a known key with the same value. */
function suggest(word: string, keyed: [string, string] | null): string | undefined {
  if (keyed) {
    const key = closest(keyed[0], FILTER_KEYS);
    return key ? `${key}:${keyed[1]}` : undefined;
  }
  return closest(word, [...FLAGS, ...PERIOD_WORDS]);
}
