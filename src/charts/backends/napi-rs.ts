import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import { chartFontFiles } from '../fonts.js';
import type { ChartBackend } from './types.js';

let fontsRegistered = false;

/** Registers the chart fonts with Skia, once per process (a second registration would add duplicates). */
export function registerNapiRsFonts(): void {
  if (fontsRegistered) return;
  for (const font of chartFontFiles()) GlobalFonts.registerFromPath(font.path, font.family);
  fontsRegistered = true;
}

/**
 * Chart.js on @napi-rs/canvas: prebuilt Skia binaries from the npm registry, so it installs on a
 * bare machine; Skia shapes Arabic itself. Fonts are registered by family from the npm packages
 * (Skia reads each file's own weight).
 */
export function napiRsBackend(setup: (chart: typeof Chart) => void): ChartBackend {
  registerNapiRsFonts();
  Chart.register(...registerables);
  setup(Chart);
  return {
    name: 'napi-rs',
    async render(config, width, height) {
      const canvas = createCanvas(width, height);
      // Chart.js sets canvas.style.width/height when it scales for devicePixelRatio.
      Object.assign(canvas, { style: {} });
      const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, config as ChartConfiguration);
      try {
        return await canvas.encode('png');
      } finally {
        chart.destroy();
      }
    },
  };
}
