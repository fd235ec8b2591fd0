/**
 * Charts for Slack: pure builders turn plain data into Chart.js configurations, the renderer
 * turns those into PNGs (2×, white background), and `chartText` gives the same numbers as text.
 * The renderer draws with node-canvas when that optional dependency installed, else with
 * @napi-rs/canvas; both use the fonts shipped in npm packages (`chartFontFiles`).
 */
export { renderChart } from './render-chart.js';
export { agentPerformance, busyHours, chartForReport, deliveryFailures, messagesFunnel } from './from-reports.js';
export { BACKEND_CHOICES, chartBackend, renderConfig, useChartBackend, type BackendChoice } from './renderer.js';
export type { BackendName, ChartBackend } from './backends/types.js';
export { buildChartConfig, chartText } from './charts.js';
export { agentLabel, agentPerformanceText, AGENTS_COHORT, buildAgentPerformanceConfig } from './agent-performance.js';
export { buildBusyHoursConfig, busiestCell, busyHoursCellNote, busyHoursText, DEFAULT_WEEKDAYS } from './busy-hours.js';
export {
  buildDeliveryFailuresConfig,
  deliveryFailuresText,
  FAILURES_COHORT,
  failureClasses,
} from './delivery-failures.js';
export { failureColour } from './failure-colour.js';
export { rateAxis, rateAxisMax, type RateAxis } from './rate-axis.js';
export { buildMessagesFunnelConfig, FUNNEL_COHORT, messagesFunnelText } from './messages-funnel.js';
export { chartFontFiles } from './fonts.js';
export { heatColour } from './heat-scale.js';
export { formatDaySpan, formatPeriod, humaniseDuration, localDayCount } from './format.js';
export { CHART_SIZES, PIXEL_RATIO } from './sizes.js';
export { AGENT_COLOURS, FAILURE_COLOURS, FONT_FAMILY, FUNNEL_COLOURS, HEAT_COLOURS } from './theme.js';
export type { BusiestCell } from './busy-hours.js';
export type {
  AgentPerformanceData,
  AgentPerformanceRow,
  BusyHoursData,
  ChartDataByKind,
  ChartKind,
  ChartPeriod,
  ChartSize,
  DeliveryFailureDay,
  DeliveryFailuresData,
  MessagesFunnelData,
  Rate,
  RenderOptions,
} from './types.js';
