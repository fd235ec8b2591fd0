/** The /pulse service's own words: chart file titles and problems found while answering. */
export const pulse = {
  chartTitle: {
    overview: 'Overview',
    messages: 'Messages: sent, delivered, read, received',
    failures: 'Delivery failures by day',
    conversations: 'Conversations',
    agents: 'Agents: first response and resolution',
    contacts: 'Contacts',
    'busy-hours': 'Busy hours: inbound messages by weekday and hour',
    live: 'Live queue',
  },
  badPeriod: (text: string) =>
    `“${text}” is not a period I know. Try today, yesterday, 7d, 30d, this-week, last-week, this-month, last-month or 2026-11-01..2026-11-15.`,
  unlinkedAgentMention: (user: string) =>
    `${user} is not linked to an inbox agent yet. Link them by sending slack_user_id in the inbox's agent events, or give the agent's name: agent:Layla.`,
  ambiguousAgent: (wanted: string, ids: string) => `“${wanted}” matches several agents (${ids}). Use one of those ids: agent:<id>.`,
  unknownAgent: (wanted: string, known: string) => `No agent called “${wanted}”. Known agents: ${known}.`,
  unknownNumber: (wanted: string, known: string) => `No business number ${wanted}. Known numbers: ${known}.`,
  unknownTeam: (wanted: string, known: string) => `No team called “${wanted}”. Known teams: ${known}.`,
  noneKnownYet: 'none yet',
};
