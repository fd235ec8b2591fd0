import type { ChartConfiguration } from 'chart.js';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { registerChartFonts } from './fonts.js';
import { backgroundPlugin } from './plugins/background-plugin.js';
import { CHART_SIZES, PIXEL_RATIO } from './sizes.js';
import { FONT_FAMILY, INK } from './theme.js';
import type { ChartSize } from './types.js';

// One ChartJSNodeCanvas per size, created on first use: each loads its own Chart.js copy.
const renderers = new Map<ChartSize, ChartJSNodeCanvas>();

function rendererFor(size: ChartSize): ChartJSNodeCanvas {
  let renderer = renderers.get(size);
  if (!renderer) {
    // Sizes may come from user input (a Slack command option).
    if (!Object.hasOwn(CHART_SIZES, size)) {
      throw new Error(`Unknown chart size "${size}"`, { cause: { code: 'CHART_SIZE_UNKNOWN' } });
    }
    registerChartFonts();
    const { width, height } = CHART_SIZES[size];
    renderer = new ChartJSNodeCanvas({
      width,
      height,
      chartCallback: (Chart) => {
        Chart.defaults.font.family = FONT_FAMILY;
        Chart.defaults.color = INK.text;
        Chart.register(backgroundPlugin);
      },
    });
    renderers.set(size, renderer);
  }
  return renderer;
}

/**
 * Renders any chart configuration to a PNG of `PIXEL_RATIO ×` the size's logical pixels, on a
 * white background. The configuration is copied at the top level, not mutated.
 */
export async function renderConfig(
  config: ChartConfiguration,
  size: ChartSize = 'slack',
): Promise<Buffer> {
  const copy = {
    ...config,
    options: { ...config.options, devicePixelRatio: PIXEL_RATIO, responsive: false, animation: false },
  } as ChartConfiguration;
  return rendererFor(size).renderToBuffer(copy, 'image/png');
}
