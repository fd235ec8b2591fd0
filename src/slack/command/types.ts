import type { Locale } from '../../i18n/index.js';
import type { ReportName } from '../../metrics/index.js';

/** Who `agent:` names: a Slack user (from a mention) or a name/id to look up among the agents. */
export type AgentRef = { kind: 'slackUser'; id: string; label?: string } | { kind: 'name'; name: string };

/** Filters as typed; resolving them (agent → agents.id, number → phone_number_id) happens later. */
export type PulseFilters = {
  agent?: AgentRef;
  team?: string;
  /** a business number as `+` and digits (spaces, dashes and brackets removed) */
  number?: string;
};

/** The words that change how an answer is delivered, shared by every report-like command. */
export type DeliveryOptions = { share: boolean; csv: boolean; lang?: Locale };

export type FilterName = keyof PulseFilters;

/** Sub-commands of SPEC.md that later issues bring. */
export const NOT_YET = ['digest', 'alerts', 'trends'] as const;
export type NotYetCommand = (typeof NOT_YET)[number];

/** Why a period word was refused. */
export type PeriodReason = 'unknown' | 'days-range' | 'bad-date' | 'ends-before-start';

/**
 * Everything `/pulse` text can get wrong, as values; each kind has one line in the catalog
 * (area `command`) naming the problem and the fix. `unknownAgent`, `unknownTeam` and
 * `unknownNumber` are not produced by the parser (it knows no agents): the listener that
 * resolves filters against the store reports them with the same texts.
 */
export type PulseProblem =
  | { kind: 'unknownCommand'; word: string; suggestion?: string }
  | { kind: 'notYet'; command: NotYetCommand }
  | { kind: 'badPeriod'; text: string; reason: PeriodReason }
  | { kind: 'periodNotAllowed'; command: 'live'; text: string }
  | { kind: 'unknownToken'; token: string; suggestion?: string }
  | { kind: 'duplicate'; what: 'period' | FilterName | 'share' | 'csv' | 'lang'; token: string }
  | { kind: 'emptyFilter'; filter: FilterName | 'lang' }
  | { kind: 'badNumber'; text: string }
  | { kind: 'badLang'; text: string }
  | { kind: 'unclosedQuote'; token: string }
  | { kind: 'filterNotAllowed'; command: 'me'; filter: FilterName }
  | { kind: 'unknownAgent'; text: string; known: string[] }
  | { kind: 'unknownTeam'; text: string; known: string[] }
  | { kind: 'unknownNumber'; text: string; known: string[] };

export type PulseProblemKind = PulseProblem['kind'];

export type PulseCommand =
  /** usage; `lang:` after help picks its language */
  | { kind: 'help'; lang?: Locale }
  | ({ kind: 'report'; report: ReportName; period?: string; filters: PulseFilters } & DeliveryOptions)
  | ({ kind: 'me'; period?: string } & DeliveryOptions)
  | { kind: 'problem'; problem: PulseProblem };
