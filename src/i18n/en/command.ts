/**
 * `/pulse` usage and the one-line problems of a mistyped command. Echoed user input arrives
 * already escaped for Slack mrkdwn (see pulseProblemText); command words stay English in
 * every language because they are typed that way.
 */
const list = (values: string[]) => values.join(', ');

export const command = {
  help: {
    title: 'How to use /pulse',
    intro: 'Your WhatsApp service in numbers, here in Slack. Answers are visible only to you unless you add `share`.',
    commands: {
      overview: { usage: '/pulse overview [period] [filters]', text: 'Key numbers, with the change against the previous period' },
      agents: { usage: '/pulse agents [period] [filters]', text: 'Agent table and chart: first response, resolution, closed; outliers flagged' },
      busy: { usage: '/pulse busy [period] [filters]', text: 'Busiest weekdays and hours, peak hours and a staffing hint' },
      failures: { usage: '/pulse failures [period] [filters]', text: 'Failed messages by error code and number, and the failure rate day by day' },
      messages: { usage: '/pulse messages [period] [filters]', text: 'Sent, delivered, read and received, with rates, inside and outside the 24 h window, by number and pricing category' },
      contacts: { usage: '/pulse contacts [period] [filters]', text: 'New contacts by source, deleted ones, new vs returning' },
      conversations: { usage: '/pulse conversations [period] [filters]', text: 'Conversations opened (by whom), closed (by category) and still unresolved' },
      live: { usage: '/pulse live [filters]', text: 'Right now: open conversations per agent and the unassigned queue with waiting times' },
      me: { usage: '/pulse me [period]', text: 'Your own stats for the period, for every member' },
    },
    periodsLabel: 'Periods',
    periods: '`today`, `yesterday`, `7d`, `30d` (today and the days before it), `this-week`, `last-week`, `this-month`, `last-month`, `2026-11-01` (one day), `2026-11-01..2026-11-15` (both days included)',
    filtersLabel: 'Filters',
    filters: '`agent:@layla` (or a name: `agent:"Layla Haddad"`), `team:sales`, `number:+971501234567`',
    optionsLabel: 'Options',
    options: '`share` posts the answer in the channel, `csv` sends the report as a CSV file, `lang:ar` / `lang:en` picks the language',
    examplesLabel: 'Examples',
    examples: ['/pulse agents 7d', '/pulse failures last-week number:+971501234567', '/pulse overview today share', '/pulse me this-month lang:ar'],
    permissions: 'Team reports are for supervisors; everyone can use `/pulse me`.',
  },
  /** Names of the things a command can give twice. */
  what: { period: 'a period', agent: 'an agent', team: 'a team', number: 'a number', share: 'the `share` option', csv: 'the `csv` option', lang: 'a language' },
  /** A value that fits each `key:`, for hints. */
  example: { agent: 'agent:@layla', team: 'team:sales', number: 'number:+971501234567', lang: 'lang:ar' },
  problem: {
    unknownCommand: (word: string, suggestion?: string) =>
      suggestion ? `There is no \`/pulse ${word}\`. Did you mean \`/pulse ${suggestion}\`?` : `There is no \`/pulse ${word}\`. See \`/pulse help\` for the commands.`,
    notYet: (cmd: string) => `\`/pulse ${cmd}\` is not available yet: it comes in a later update.`,
    periodUnknown: (text: string) => `\`${text}\` is not a period. Try \`today\`, \`7d\`, \`last-week\` or \`2026-11-01..2026-11-15\`.`,
    periodDays: (text: string) => `\`${text}\`: a number of days goes from \`1d\` to \`366d\`, like \`7d\` or \`30d\`.`,
    periodBadDate: (text: string) => `\`${text}\` is not a valid date: write dates as YYYY-MM-DD, like \`2026-11-01..2026-11-15\`.`,
    periodEndsBeforeStart: (text: string) => `\`${text}\` ends before it starts: put the earlier date first, like \`2026-11-01..2026-11-15\`.`,
    periodNotAllowed: (text: string) => `\`/pulse live\` shows the state right now and takes no period: remove \`${text}\`.`,
    unknownToken: (token: string, suggestion?: string) =>
      suggestion ? `\`${token}\` is not something /pulse knows. Did you mean \`${suggestion}\`?` : `\`${token}\` is not something /pulse knows. See \`/pulse help\`.`,
    duplicate: (what: string, token: string) => `\`${token}\` gives ${what} a second time: keep one.`,
    emptyFilter: (key: string, example: string) => `\`${key}:\` needs a value right after the colon, like \`${example}\`.`,
    badNumber: (text: string) => `\`${text}\` is not a phone number: write it with the country code, like \`number:+971501234567\`.`,
    badLang: (text: string) => `There is no language \`${text}\`: use \`lang:en\` or \`lang:ar\`.`,
    unclosedQuote: (text: string) => `A quote is not closed in \`${text}\`: close it, like \`agent:"Layla Haddad"\`.`,
    filterNotAllowed: (key: string) => `\`/pulse me\` shows your own stats and takes no \`${key}:\` filter: remove it.`,
    unknownAgent: (text: string, known: string[]) =>
      `No agent matches \`${text}\`. ${known.length ? `Known agents: ${list(known)}.` : 'No agents are known yet.'}`,
    unknownTeam: (text: string, known: string[]) => `There is no team \`${text}\`. ${known.length ? `Known teams: ${list(known)}.` : 'No teams are known yet.'}`,
    unknownNumber: (text: string, known: string[]) =>
      `\`${text}\` is not one of your WhatsApp numbers. ${known.length ? `Known numbers: ${list(known)}.` : 'No numbers are known yet.'}`,
  },
};
