import type { ChartType, Plugin } from 'chart.js';
import { FONT_FAMILY, INK } from '../theme.js';

/**
 * Writes `message` in the middle of the chart area: an empty period should say so rather than
 * show bare axes that look like a rendering failure.
 */
export function noDataPlugin<T extends ChartType>(message: string): Plugin<T> {
  return {
    id: 'wapulseNoData',
    afterDraw(chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = `15px ${FONT_FAMILY}`;
      ctx.fillStyle = INK.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(message, (chartArea.left + chartArea.right) / 2, (chartArea.top + chartArea.bottom) / 2);
      ctx.restore();
    },
  };
}
