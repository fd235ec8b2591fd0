import type { ChartType, Plugin } from 'chart.js';

/**
 * Draws the whole chart with the canvas's text direction set to right-to-left, so a title
 * mixing Arabic words, dates and a Latin time zone reads in Arabic order (the canvas applies the
 * bidi algorithm with this as the paragraph direction). Chart.js sets every text alignment as
 * left/right/center itself, so positions do not move; only the order of runs within a line does.
 */
export function directionPlugin<T extends ChartType>(): Plugin<T> {
  return {
    id: 'wapulseDirection',
    beforeDraw(chart) {
      chart.ctx.save();
      chart.ctx.direction = 'rtl';
    },
    afterDraw(chart) {
      chart.ctx.restore();
    },
  };
}
