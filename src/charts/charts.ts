import type { ChartConfiguration } from 'chart.js';
import type { Locale } from '../i18n/index.js';
import { agentPerformanceText, buildAgentPerformanceConfig } from './agent-performance.js';
import { buildBusyHoursConfig, busyHoursText } from './busy-hours.js';
import { buildDeliveryFailuresConfig, deliveryFailuresText } from './delivery-failures.js';
import { buildMessagesFunnelConfig, messagesFunnelText } from './messages-funnel.js';
import type { ChartDataByKind, ChartKind } from './types.js';

type ChartDefinition<K extends ChartKind> = {
  build: (data: ChartDataByKind[K], locale: Locale) => ChartConfiguration;
  text: (data: ChartDataByKind[K], locale: Locale) => string[];
};

// A mapped type: adding a kind to ChartDataByKind fails to compile until it is listed here.
const CHARTS: { [K in ChartKind]: ChartDefinition<K> } = {
  agentPerformance: { build: buildAgentPerformanceConfig, text: agentPerformanceText },
  busyHours: { build: buildBusyHoursConfig, text: busyHoursText },
  deliveryFailures: { build: buildDeliveryFailuresConfig, text: deliveryFailuresText },
  messagesFunnel: { build: buildMessagesFunnelConfig, text: messagesFunnelText },
};

/** Chart.js configuration of a chart kind, its words in `locale`; pure, no canvas. */
export function buildChartConfig<K extends ChartKind>(
  kind: K,
  data: ChartDataByKind[K],
  locale: Locale = 'en',
): ChartConfiguration {
  return CHARTS[kind].build(data, locale);
}

/** The numbers of a chart as plain text lines (title and period first), to post beside the image. */
export function chartText<K extends ChartKind>(kind: K, data: ChartDataByKind[K], locale: Locale = 'en'): string[] {
  return CHARTS[kind].text(data, locale);
}
