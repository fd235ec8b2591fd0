export { chartLinkKey, signChartLink, verifyChartLink } from './chart-link-signature.js';
export { DEFAULT_CHART_TTL_MS, publishChart, type PublishChartOptions } from './publish-chart.js';
export { readChart, type ChartLinkRequest, type ChartLinkResult } from './read-chart.js';
export { pruneChartImages } from '../../store/index.js';
