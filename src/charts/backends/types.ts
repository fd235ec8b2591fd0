import type { ChartConfiguration } from 'chart.js';

/** Which canvas draws the charts: node-canvas (cairo/pango, native build) or @napi-rs/canvas (Skia, prebuilt). */
export type BackendName = 'node-canvas' | 'napi-rs';

/** Draws one Chart.js configuration on a canvas of `width × height` logical px and encodes a PNG. */
export type ChartBackend = {
  name: BackendName;
  render(config: ChartConfiguration, width: number, height: number): Promise<Buffer>;
};
