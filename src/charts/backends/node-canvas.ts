import type { Chart, ChartConfiguration } from 'chart.js';
import { chartFontFiles } from '../fonts.js';
import type { ChartBackend } from './types.js';

/** The part of chartjs-node-canvas used here; typed locally because the package is optional. */
type NodeCanvasRenderer = { renderToBuffer(config: ChartConfiguration, mime: 'image/png'): Promise<Buffer> };
type NodeCanvasModule = {
  ChartJSNodeCanvas: new (opts: { width: number; height: number; chartCallback: (chart: typeof Chart) => void }) => NodeCanvasRenderer;
};
type CanvasModule = { registerFont(path: string, opts: { family: string; weight?: string }): void };

/**
 * Chart.js through chartjs-node-canvas (cairo and pango). It is an optional dependency: its
 * native `canvas` build needs system libraries, so on a machine without them npm skips it and
 * this loader throws, and the caller falls back to @napi-rs/canvas.
 */
export async function nodeCanvasBackend(setup: (chart: typeof Chart) => void): Promise<ChartBackend> {
  const moduleName = 'chartjs-node-canvas';
  const canvasName = 'canvas';
  // Names in variables keep TypeScript from requiring the optional packages at build time.
  const { ChartJSNodeCanvas } = (await import(moduleName)) as NodeCanvasModule;
  const { registerFont } = ((await import(canvasName)) as { default?: CanvasModule } & CanvasModule).default ?? ((await import(canvasName)) as CanvasModule);
  // pango needs the fonts before the first canvas exists.
  for (const font of chartFontFiles()) registerFont(font.path, { family: font.family, ...(font.weight ? { weight: font.weight } : {}) });
  // One ChartJSNodeCanvas per size: each loads its own Chart.js copy.
  const renderers = new Map<string, NodeCanvasRenderer>();
  return {
    name: 'node-canvas',
    async render(config, width, height) {
      const key = `${width}x${height}`;
      let renderer = renderers.get(key);
      if (!renderer) {
        renderer = new ChartJSNodeCanvas({ width, height, chartCallback: setup });
        renderers.set(key, renderer);
      }
      return renderer.renderToBuffer(config, 'image/png');
    },
  };
}
