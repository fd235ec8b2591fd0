import type { Chart, Plugin } from 'chart.js';
import { formatCompact } from '../format.js';
import { textColourOn } from '../colour.js';
import { heatColour } from '../heat-scale.js';
import { FONT_FAMILY } from '../theme.js';

/** Gap between cells, logical px: white hairlines keep neighbouring equal cells apart. */
const GAP = 1;

/**
 * Draws `counts[row][col]` as coloured rectangles centred on the ticks of two category scales
 * (`x` columns, `y` rows, both with `offset: true`), with the count written in each non-zero cell.
 * Chart.js has no matrix type, and this avoids a plugin package for a few dozen lines.
 */
export function heatmapPlugin(counts: readonly (readonly number[])[]): Plugin<'scatter'> {
  const max = Math.max(0, ...counts.flat());
  return {
    id: 'wapulseHeatmap',
    beforeDatasetsDraw(chart: Chart<'scatter'>) {
      const { ctx } = chart;
      const x = chart.scales.x;
      const y = chart.scales.y;
      if (!x || !y) return;
      const rows = counts.length;
      const cols = Math.max(1, ...counts.map((r) => r.length));
      const cw = x.width / cols;
      const ch = y.height / Math.max(1, rows);
      ctx.save();
      ctx.font = `${cellFontSize(ctx, formatCompact(max), cw, ch)}px ${FONT_FAMILY}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      counts.forEach((row, r) => {
        const cy = y.getPixelForValue(r);
        row.forEach((value, c) => {
          const cx = x.getPixelForValue(c);
          const fill = heatColour(value, max);
          ctx.fillStyle = fill;
          ctx.fillRect(cx - cw / 2 + GAP, cy - ch / 2 + GAP, cw - 2 * GAP, ch - 2 * GAP);
          if (value > 0) {
            ctx.fillStyle = textColourOn(fill);
            ctx.fillText(formatCompact(value), cx, cy);
          }
        });
      });
      ctx.restore();
    },
  };
}

/** Largest font (13px down to 8px, logical) at which the widest count fits its cell. */
function cellFontSize(ctx: Chart['ctx'], widest: string, cw: number, ch: number): number {
  let size = Math.max(8, Math.min(13, Math.floor(ch * 0.45)));
  for (; size > 8; size -= 1) {
    ctx.font = `${size}px ${FONT_FAMILY}`;
    if (ctx.measureText(widest).width <= cw - 6) break;
  }
  return size;
}
