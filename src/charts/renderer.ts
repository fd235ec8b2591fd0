import type { Chart, ChartConfiguration } from 'chart.js';
import type { BackendName, ChartBackend } from './backends/types.js';
import { backgroundPlugin } from './plugins/background-plugin.js';
import { CHART_SIZES, PIXEL_RATIO } from './sizes.js';
import { FONT_FAMILY, INK } from './theme.js';
import type { ChartSize } from './types.js';

export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'node-canvas', 'napi-rs'];

let choice: BackendChoice = 'auto';
let backend: Promise<ChartBackend> | null = null;

/** Picks the canvas (CHART_BACKEND); call before the first chart. 'auto' prefers node-canvas when installed. */
export function useChartBackend(next: BackendChoice): void {
  if (next !== choice) backend = null;
  choice = next;
}

function setup(chart: typeof Chart): void {
  chart.defaults.font.family = FONT_FAMILY;
  chart.defaults.color = INK.text;
  chart.register(backgroundPlugin);
}

// Backends load on first use: a command that draws no chart never loads a canvas.
async function load(wanted: BackendChoice): Promise<ChartBackend> {
  const napiRs = async () => (await import('./backends/napi-rs.js')).napiRsBackend(setup);
  if (wanted === 'napi-rs') return napiRs();
  try {
    return await (await import('./backends/node-canvas.js')).nodeCanvasBackend(setup);
  } catch (err) {
    // node-canvas is optional: npm skips it where its native build fails. 'auto' falls back.
    if (wanted === 'node-canvas') {
      throw new Error(`CHART_BACKEND=node-canvas, but ${(err as Error).message}`, { cause: err });
    }
    return napiRs();
  }
}

/** The backend in use, loaded on first call. */
export function chartBackend(): Promise<ChartBackend> {
  backend ??= load(choice);
  return backend;
}

/**
 * Renders any chart configuration to a PNG of `PIXEL_RATIO ×` the size's logical pixels, on a
 * white background. The configuration is copied at the top level, not mutated.
 */
export async function renderConfig(config: ChartConfiguration, size: ChartSize = 'slack'): Promise<Buffer> {
  // Sizes may come from user input (a Slack command option).
  if (!Object.hasOwn(CHART_SIZES, size)) {
    throw new Error(`Unknown chart size "${size}"`, { cause: { code: 'CHART_SIZE_UNKNOWN' } });
  }
  const { width, height } = CHART_SIZES[size];
  const copy = {
    ...config,
    options: { ...config.options, devicePixelRatio: PIXEL_RATIO, responsive: false, animation: false },
  } as ChartConfiguration;
  return (await chartBackend()).render(copy, width, height);
}
