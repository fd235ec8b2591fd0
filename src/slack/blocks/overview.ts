import { formatCount, formatPercent, messages } from '../../i18n/index.js';
import type { OverviewKpi, OverviewReport } from '../../metrics/overview.js';
import { answerHeader, filterWords, filtersLine, lines, markedFields, type Field } from './answer-frame.js';
import { kpiWithDelta, type KpiValue } from './delta.js';
import { answerActions, context, escapeText } from './kit.js';
import type { BuildContext, SlackMessage } from './types.js';
import { asOfText, windowText } from './window-line.js';

/** How each KPI's numbers read: counts, rates (0..1) or seconds. */
const KPI_KIND: Record<OverviewKpi, KpiValue['kind']> = {
  received: 'count', sent: 'count', deliveryRate: 'rate', readRate: 'rate', failed: 'count',
  conversationsOpened: 'count', conversationsClosed: 'count', unresolved: 'count',
  medianFirstResponseSec: 'duration', medianResolutionSec: 'duration', newContacts: 'count',
};

/** The order a supervisor reads them in: volume, delivery, the team's work, contacts. */
const KPI_ORDER: OverviewKpi[] = [
  'received', 'sent', 'deliveryRate', 'readRate', 'failed',
  'conversationsOpened', 'conversationsClosed', 'unresolved', 'medianFirstResponseSec', 'medianResolutionSec', 'newContacts',
];

/**
 * `/pulse overview`: every KPI with its change against `previousWindow`, as the report states it
 * (never recomputed). With an agent or team filter, the KPIs it narrows (kpis.*.filteredBy) carry
 * a `*` and a legend says so; received messages and new contacts have no agent and stay whole.
 * A running window (today, this-week…) adds its "as of" instant; the context line names the
 * window compared with. No chart.
 */
export function overviewAnswer(r: OverviewReport, ctx: BuildContext): SlackMessage {
  const { locale } = ctx;
  const m = messages(locale).answers;
  const agentWords = filterWords(r.filters, locale, ['agent', 'team']);
  const fields: Field[] = KPI_ORDER.map((kpi) => {
    const k = r.kpis[kpi];
    const narrowed = agentWords !== '' && k.filteredBy.some((f) => f === 'agent' || f === 'team');
    return {
      label: m.overview.kpis[kpi],
      value: kpiWithDelta({ kind: KPI_KIND[kpi], value: k.current }, k.change, locale),
      ...(narrowed ? { mark: '*' } : {}),
    };
  });
  const window = windowText(r.window, locale);
  const notes = lines(
    window,
    r.asOf !== null && asOfText(new Date(r.asOf), r.window.tz, locale),
    m.comparedWith(windowText(r.previousWindow, locale)),
    filtersLine(r.filters, locale),
    fields.some((f) => f.mark) && m.overview.markLegend(escapeText(agentWords)),
  );
  return {
    blocks: [answerHeader(m.overview.title, r.filters, locale), ...markedFields(fields), context(...notes), ...answerActions(ctx)],
    text: m.overview.fallback(
      formatCount(r.kpis.received.current, locale),
      formatCount(r.kpis.sent.current, locale),
      formatPercent(r.kpis.deliveryRate.current, locale),
      window,
    ),
  };
}
