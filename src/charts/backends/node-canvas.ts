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
 * Imports an optional package, or throws an error naming it: "not installed" when npm skipped
 * it, else why it failed to load (a native build whose system libraries are gone).
 */
async function importOptional<T>(name: string, what: string): Promise<T> {
  try {
    // The name in a variable keeps TypeScript from requiring the optional package at build time.
    const mod = (await import(name)) as T & { default?: T };
    return mod.default ?? mod;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = (err as Error).message.split('\n')[0] ?? '';
    // "Cannot find package 'canvas'" is the package itself; a missing build/Release/canvas.node
    // inside it means npm kept the package but its native build never finished.
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${name}'`);
    const why = missing ? 'is not installed' : `failed to load (${message})`;
    throw new Error(`${name} ${why}; ${what}`, { cause: err });
  }
}

/**
 * Chart.js through chartjs-node-canvas (cairo and pango). It is an optional dependency: its
 * native `canvas` build needs system libraries, so on a machine without them npm skips it and
 * this loader throws an error naming the missing package; 'auto' then falls back to @napi-rs/canvas.
 */
export async function nodeCanvasBackend(setup: (chart: typeof Chart) => void): Promise<ChartBackend> {
  const { ChartJSNodeCanvas } = await importOptional<NodeCanvasModule>(
    'chartjs-node-canvas',
    'it is an optional dependency, skipped when its native canvas cannot build',
  );
  const { registerFont } = await importOptional<CanvasModule>(
    'canvas',
    'its native build needs the cairo and pango system libraries',
  );
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
