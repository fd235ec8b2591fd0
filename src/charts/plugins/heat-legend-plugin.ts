import type { Chart, Plugin } from 'chart.js';
import { formatCompact } from '../format.js';
import { heatColour } from '../heat-scale.js';
import { FONT_FAMILY, FONT_SIZE, HEAT_COLOURS, INK } from '../theme.js';

/** Geometry in logical px: the legend sits this far right of the grid; charts reserve `room`. */
export const HEAT_LEGEND = { gap: 16, width: 12, room: 80, zeroGap: 10 } as const;

/** Thin slices drawn one above the other, each in the colour of the value at its middle. */
const SLICES = 80;

/**
 * The heatmap's colour scale: a vertical bar right of the grid running from the lightest colour
 * (fewest, bottom) to the darkest at the top (the busiest cell's count), labelled at the
 * quarter points with the counts those colours stand for, and a separate "0" swatch below in
 * the empty-cell colour. Nothing when every count is zero.
 */
export function heatLegendPlugin(max: number): Plugin<'scatter'> {
  return {
    id: 'wapulseHeatLegend',
    afterDraw(chart: Chart<'scatter'>) {
      if (max <= 0) return;
      const { ctx, chartArea } = chart;
      const x = chartArea.right + HEAT_LEGEND.gap;
      const swatch = HEAT_LEGEND.width;
      const top = chartArea.top;
      const bottom = chartArea.bottom - swatch - HEAT_LEGEND.zeroGap;
      const height = bottom - top;
      ctx.save();
      for (let k = 0; k < SLICES; k++) {
        ctx.fillStyle = heatColour((max * (k + 0.5)) / SLICES, max);
        const y0 = bottom - (height * (k + 1)) / SLICES;
        // Overlap by a pixel so no white seams show between slices.
        ctx.fillRect(x, y0, swatch, height / SLICES + 0.5);
      }
      ctx.fillStyle = HEAT_COLOURS.empty;
      ctx.fillRect(x, chartArea.bottom - swatch, swatch, swatch);
      ctx.font = `${FONT_SIZE.tick}px ${FONT_FAMILY}`;
      ctx.fillStyle = INK.text;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      for (const q of [1, 2, 3, 4]) {
        const value = (max * q) / 4;
        ctx.fillText(formatCompact(value), x + swatch + 5, bottom - (height * q) / 4);
      }
      ctx.fillText('0', x + swatch + 5, chartArea.bottom - swatch / 2);
      ctx.restore();
    },
  };
}
