/**
 * Reports as tables (CSV exports): the header of each column, keyed by the column's name in
 * `src/tables/sections`. English headers are the names themselves, camelCase as they have
 * always been, so scripts reading the CSV keep working.
 */
export const tables = {
  columns: {
    active: 'active', activeAgentHours: 'activeAgentHours', activeNew: 'activeNew', activeReturning: 'activeReturning',
    agentCloses: 'agentCloses', agentId: 'agentId', agentName: 'agentName', agents: 'agents', agentsNeeded: 'agentsNeeded',
    agentsReplied: 'agentsReplied', arrivals: 'arrivals', arrivalsPerHour: 'arrivalsPerHour', asOf: 'asOf', assigned: 'assigned',
    assignedAt: 'assignedAt', assignedOpen: 'assignedOpen', avgPerDay: 'avgPerDay', billable: 'billable', bucket: 'bucket',
    category: 'category', change: 'change', channel: 'channel', class: 'class', clock: 'clock', closed: 'closed',
    closedBy: 'closedBy', closedWithoutResponse: 'closedWithoutResponse', code: 'code', comments: 'comments',
    conversationId: 'conversationId', count: 'count', current: 'current', date: 'date', days: 'days', deleted: 'deleted',
    delivered: 'delivered', deliveryRate: 'deliveryRate', displayPhoneNumber: 'displayPhoneNumber', engagement: 'engagement',
    failed: 'failed', failureRate: 'failureRate', filteredBy: 'filteredBy', firstResponse: 'firstResponse',
    firstResponseFewData: 'firstResponseFewData', firstResponseOutlier: 'firstResponseOutlier', from: 'from',
    frtTargetSec: 'frtTargetSec', handleTimeSec: 'handleTimeSec', hour: 'hour', id: 'id', insideWindow: 'insideWindow',
    known: 'known', kpi: 'kpi', lastMessageAt: 'lastMessageAt', lastMessagePreview: 'lastMessagePreview', load: 'load',
    medianOfMediansSec: 'medianOfMediansSec', messages: 'messages', messagesSent: 'messagesSent', metric: 'metric',
    name: 'name', new: 'new', noHintReason: 'noHintReason', note: 'note', now: 'now', occurrences: 'occurrences',
    opened: 'opened', openedAt: 'openedAt', openedBy: 'openedBy', outsideWindow: 'outsideWindow', phoneNumberId: 'phoneNumberId',
    previous: 'previous', queue: 'queue', rank: 'rank', reactions: 'reactions', read: 'read', readRate: 'readRate',
    received: 'received', replyRate: 'replyRate', resolution: 'resolution', resolutionFewData: 'resolutionFewData',
    resolutionOutlier: 'resolutionOutlier', response: 'response', responseFewData: 'responseFewData',
    secondsSinceAssignment: 'secondsSinceAssignment', sent: 'sent', series: 'series', serviceLevel: 'serviceLevel',
    source: 'source', team: 'team', title: 'title', to: 'to', tz: 'tz', unassignedOpen: 'unassignedOpen', unit: 'unit',
    unresolved: 'unresolved', waId: 'waId', waitingSeconds: 'waitingSeconds', waitingSince: 'waitingSince',
    webhookErrors: 'webhookErrors', weekday: 'weekday', window: 'window',
  },
  /** A rate spreads over three columns: the fraction, what was counted and what it was counted out of. */
  rateColumns: (header: string) => [header, `${header}Numerator`, `${header}Denominator`],
  /** A duration figure spreads over five; `header` is empty when the row is one figure (count, avgSec…). */
  statsColumns: (header: string) =>
    ['Count', 'AvgSec', 'MedianSec', 'P90Sec', 'MaxSec'].map((s) => (header ? `${header}${s}` : `${s[0]!.toLowerCase()}${s.slice(1)}`)),
};
