/**
 * Chart images and the text posted beside them: titles, subtitles (the window, what is
 * counted), axis and legend labels, and the lines of `chartText`. Numbers arrive formatted.
 */
export const charts = {
  /** "Title — 7 Jul – 13 Jul 2025 · Asia/Riyadh": the first line of every chart's text. */
  textHeading: (title: string, period: string) => `${title} — ${period}`,
  period: (dates: string, tz: string) => `${dates} · ${tz}`,
  dateRange: (first: string, last: string) => `${first} – ${last}`,
  percent: (value: string) => `${value}%`,
  listSeparator: ', ',
  notAvailable: 'n/a',
  /** `28` → `4 weeks`, `10` → `10 days`. */
  daySpan: (days: number) =>
    days > 0 && days % 7 === 0 ? (days === 7 ? '1 week' : `${days / 7} weeks`) : days === 1 ? '1 day' : `${days} days`,
  agents: {
    title: 'Agent response and resolution times',
    noData: 'No agent activity in this period.',
    cohort: 'First response: replies sent in the window. Resolution: conversations closed in the window.',
    unit: { minutes: 'minutes', hours: 'hours' },
    fewData: (name: string) => `${name} (few data)`,
    barNoData: 'no data',
    withP90Label: (median: string, p90: string) => `${median} · p90 ${p90}`,
    withP90Text: (median: string, p90: string) => `${median} (p90 ${p90})`,
    medianFirstResponse: 'Median first response',
    medianResolution: 'Median resolution',
    outlierLegend: '⚠ Outlier (> 2× team median)',
    p90Legend: '90th percentile',
    timeAxis: (unit: string) => `Time (${unit})`,
    medianTimeAxis: (unit: string) => `Median time (${unit})`,
    noteWithWhiskers: 'Bar: median; whisker: 90th percentile.',
    noteBars: 'Bar: median.',
    textLine: (label: string, outlier: boolean, firstResponse: string, resolution: string) =>
      `${label}${outlier ? ' (outlier)' : ''}: median first response ${firstResponse}, median resolution ${resolution}`,
  },
  busyHours: {
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    inboundMessages: 'inbound messages',
    title: (measure: string) => `Busy hours: ${measure}`,
    noData: 'No activity in this period.',
    cellNote: (measure: string, span: string) => `Cells: total ${measure} over ${span}, by local hour.`,
    hourAxis: (tz: string) => `Hour of day (${tz})`,
    total: (n: string) => `Total: ${n}`,
    busiest: (day: string, hours: string, n: string) => `Busiest: ${day} ${hours} (${n})`,
    busiestHours: (list: string) => `Busiest hours of day: ${list}`,
    hourCount: (hours: string, n: string) => `${hours} (${n})`,
    countsHeading: (tz: string) => `Counts by hour 00..23 (${tz}):`,
    row: (day: string, counts: string, total: string) => `${day}: ${counts} (total ${total})`,
  },
  failures: {
    title: 'Delivery failures',
    rate: 'Failure rate',
    noData: 'No days in this period.',
    cohort: 'Bars: messages that failed that day, by error code. Line: share of the messages sent that day that failed (whenever).',
    countAxis: 'Failed messages',
    rateAxis: 'Failure rate (%)',
    textLine: (day: string, failed: string, byClass: string[], rate: string, numerator: string, denominator: string) =>
      `${day}: ${failed} failed${byClass.length ? ` (${byClass.join(', ')})` : ''}; failure rate ${rate} (${numerator} / ${denominator})`,
  },
  funnel: {
    title: 'Messages: sent → delivered → read, and received',
    cohort: 'Sent, delivered, read: messages sent in the window, statuses whenever they came. Received: messages from contacts in the window.',
    engagementNote: (delivered: string) => `Engagement: received ÷ the ${delivered} messages delivered in the window.`,
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    received: 'Received',
    ofSent: (rate: string) => `${rate} of sent`,
    ofDelivered: (rate: string) => `${rate} of delivered`,
    engagement: (rate: string) => `${rate} engagement`,
    messages: 'Messages',
    barLabel: (count: string, rate: string) => `${count} · ${rate}`,
    textStep: (label: string, count: string) => `${label}: ${count}`,
    textRate: (step: string, rate: string, numerator: string, denominator: string) => `${step} (${rate}: ${numerator} / ${denominator})`,
  },
};
