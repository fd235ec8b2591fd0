import type { Plugin } from 'chart.js';
import { INK } from '../theme.js';

/**
 * Fills the whole canvas before anything is drawn: a transparent PNG shows dark-on-dark in
 * Slack's dark mode. Uses the chart's logical size; the 2× transform is already applied.
 */
export const backgroundPlugin: Plugin = {
  id: 'wapulseBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = INK.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
