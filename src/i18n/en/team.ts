/** The team answers of /pulse: agents, me, busy hours, live. */
export const team = {
  filters: {
    none: 'all numbers and agents',
    channel: (id: string) => `number ${id}`,
    agent: (id: string) => `agent ${id}`,
    team: (name: string) => `team ${name}`,
  },
  /** A list cut to fit one message. */
  more: (n: number) => `…and ${n} more`,
  /** Local weekday names, Monday first (ISO), as the reports' rows are. */
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  hourSpan: (from: string, to: string) => `${from}–${to}`,
  medianP90: (median: string, p90: string) => `${median} (p90 ${p90})`,
  agents: {
    header: (filters: string) => `Agents — ${filters}`,
    text: (agents: number, teamFirstResponse: string) =>
      `Agents: ${agents} with activity, team median first response ${teamFirstResponse}`,
    none: 'No agent activity in this period.',
    agentCount: 'Agents with activity',
    closedTotal: 'Conversations closed',
    teamFirstResponse: 'Team median first response',
    teamResolution: 'Team median resolution',
    rank: (n: number) => `#${n}`,
    unranked: '–',
    row: (firstResponse: string, resolution: string, closed: string) =>
      `First response ${firstResponse} · Resolution ${resolution} · Closed ${closed}`,
    outlierFirstResponse: '⚑ slow first response',
    outlierResolution: '⚑ slow resolution',
    fewData: '◌',
    rankNote: 'Ranked by median first response, fastest first; times are median (p90).',
    legendOutlier: (firstResponse: string, resolution: string) =>
      `⚑ median more than 2 × the team median (the median of the agents' medians: first response ${firstResponse}, resolution ${resolution})`,
    legendFewData: (min: number) => `◌ fewer than ${min} values: shown, but neither ranked nor flagged`,
    range: (first: number, last: number, total: number) => `Agents ${first}–${last} of ${total}`,
    nextPage: 'Next page',
    chartTitle: 'Agent response and resolution times',
  },
  me: {
    header: (name: string | null) => (name === null ? 'Your stats' : `Your stats — ${name}`),
    text: (name: string, firstResponse: string, rank: string) => `${name}: median first response ${firstResponse}, rank ${rank}`,
    notFound: 'You have no agent activity in this period, so there is nothing to show yet.',
    rank: 'Rank',
    rankOf: (rank: number, of: number) => `${rank} of ${of}`,
    unranked: (min: number) => `not ranked (fewer than ${min} first responses)`,
    firstResponse: 'Median first response',
    resolution: 'Median resolution',
    vsTeam: (mine: string, team: string) => `${mine}\nteam ${team}`,
    closed: 'Conversations closed',
    assigned: 'Assigned to you',
    sent: 'Messages sent',
    outlierFirstResponse: '⚑ Your median first response is more than 2 × the team median.',
    outlierResolution: '⚑ Your median resolution is more than 2 × the team median.',
    fewData: (min: number) => `◌ fewer than ${min} values: shown, but neither ranked nor flagged`,
    rankNote: (agents: number) =>
      `Rank: by median first response among ${agents} agents with enough values, 1 = fastest; equal medians are ordered by name. Team = the median of the agents' medians.`,
  },
  busy: {
    header: (filters: string) => `Busy hours — ${filters}`,
    text: (received: string, peak: string) => `Busy hours: ${received} messages received, busiest hour ${peak}`,
    received: 'Messages received',
    opened: 'Conversations opened',
    peakTitle: 'Peak hours (messages received)',
    peakLine: (span: string, count: string, perDay: string) => `${span}: ${count} in all, ${perDay} a day`,
    noPeaks: 'No messages received in this period.',
    hintTitle: 'Staffing hint',
    hintLine: (cell: string, needed: string, replied: string) => `${cell}: up to ${needed} agents · ${replied} replied on average`,
    hintBasis: (share: string, target: string, handleTime: string, hours: string, closes: string) =>
      `Agents needed to answer ${share} of new conversations within ${target} (Erlang C), with a handle time of ${handleTime}: ${hours} agent-active hours ÷ ${closes} conversations those agents closed.`,
    upperBound: 'Read it as an upper bound, not a floor: an hour with a single reply counts as a whole hour of work.',
    noArrivals: 'No contact opened a conversation in this period: no agents needed.',
    noHint: {
      'no-agent-replies': 'No staffing hint: no agent replied in this period, so there is no handle time to measure.',
      'no-agent-closes': 'No staffing hint: the agents who replied closed no conversation in this period, so there is no handle time to measure.',
    },
    chartTitle: 'Busy hours: messages received',
  },
  live: {
    header: (filters: string) => `Live — ${filters}`,
    text: (waiting: string, longest: string, assigned: string) =>
      `Live: ${waiting} waiting unassigned (longest ${longest}), ${assigned} open with an agent`,
    assignedOpen: 'Open, with an agent',
    unassignedOpen: 'Open, no agent',
    waiting: 'Waiting for a reply',
    longestWait: 'Longest wait',
    byAgentTitle: 'Open conversations by agent',
    /** longest null: no assignment time is known for any of them */
    agentLine: (name: string, open: string, longest: string | null) =>
      longest === null ? `${name}: ${open} open` : `${name}: ${open} open, longest held ${longest}`,
    noAssigned: 'No open conversation has an agent.',
    queueTitle: 'Unassigned queue, longest wait first',
    queueLine: (contact: string, waiting: string) => `${contact} — waiting ${waiting}`,
    queueEmpty: 'Nobody is waiting for a reply.',
    unknownContact: 'unknown contact',
  },
};
