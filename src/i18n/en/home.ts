/** The App Home tab: a per-user dashboard. */
export const home = {
  title: 'wapulse — your WhatsApp pulse',
  refresh: 'Refresh',
  todayTitle: 'Today so far, vs the same hours yesterday',
  chartTitle: "Today's chart",
  queueTitle: 'Unassigned queue',
  queueSize: (waiting: string, longest: string) => `${waiting} waiting for a reply, longest for ${longest}`,
  queueEmpty: 'Nobody is waiting for a reply.',
  meTitle: 'Your stats today',
  digestsTitle: 'Digests and alerts',
  digestsComing: 'Scheduled digests and unassigned-queue alerts are on their way: you will see and manage them here.',
  membersNote: 'Team-wide figures are for supervisors. Use `/pulse me` for your own stats.',
};
