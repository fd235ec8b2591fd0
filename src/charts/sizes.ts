import type { ChartSize } from './types.js';

/** Logical sizes in CSS px; PNGs are rendered at {@link PIXEL_RATIO}× these. */
export const CHART_SIZES: Readonly<Record<ChartSize, { width: number; height: number }>> = {
  slack: { width: 800, height: 450 },
  square: { width: 600, height: 600 },
};

/** Slack shows images on high-density screens; 1× charts look blurred there. */
export const PIXEL_RATIO = 2;
