import { buildChartConfig } from './charts.js';
import { renderConfig } from './renderer.js';
import type { ChartDataByKind, ChartKind, RenderOptions } from './types.js';

/**
 * Renders a chart to a PNG: `size` 'slack' (default) is 800×450 logical → 1600×900 px,
 * 'square' 600×600 → 1200×1200 px, on a white background; words in `locale` (default English).
 */
export async function renderChart<K extends ChartKind>(
  kind: K,
  data: ChartDataByKind[K],
  opts: RenderOptions = {},
): Promise<Buffer> {
  return renderConfig(buildChartConfig(kind, data, opts.locale ?? 'en'), opts.size ?? 'slack');
}
