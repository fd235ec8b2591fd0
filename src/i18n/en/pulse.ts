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
  unlinkedAgentMention: (user: string) =>
    `${user} is not linked to an inbox agent yet. Link them by sending slack_user_id in the inbox's agent events, or give the agent's name: agent:Layla.`,
  ambiguousAgent: (wanted: string, ids: string) => `“${wanted}” matches several agents (${ids}). Use one of those ids: agent:ID.`,
};
