import type { Chart, ChartType, Plugin } from 'chart.js';
import { textColourOn } from '../colour.js';
import { FONT_FAMILY, FONT_SIZE, INK } from '../theme.js';

/**
 * Writes a text label beside each element: right of horizontal bars, above vertical bars and
 * line points. `labels[datasetIndex][dataIndex]`; null or a missing entry draws nothing. Text
 * gets a white halo so it stays readable where it crosses bars or grid lines. Leave room with
 * the value scale's `grace`; a horizontal bar's label that would still pass the chart area's
 * right edge is drawn inside the bar's end instead, where it fits there and no whisker is in the
 * way; otherwise it ends at the chart area's right edge.
 */
export function valueLabelsPlugin<T extends ChartType = 'bar'>(
  labels: readonly (readonly (string | null)[] | null)[],
  /** Per label, a value on the value scale the label must start past (a whisker's end). */
  beyond: readonly (readonly (number | null)[])[] = [],
): Plugin<T> {
  return {
    id: 'wapulseValueLabels',
    afterDatasetsDraw(chart: Chart<T>) {
      const { ctx } = chart;
      const horizontal = chart.options?.indexAxis === 'y';
      ctx.save();
      ctx.font = `${FONT_SIZE.value}px ${FONT_FAMILY}`;
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3;
      ctx.strokeStyle = INK.background;
      ctx.fillStyle = INK.text;
      labels.forEach((row, datasetIndex) => {
        if (row === null || !chart.isDatasetVisible(datasetIndex)) return;
        const meta = chart.getDatasetMeta(datasetIndex);
        const beside = horizontal && meta.type === 'bar';
        ctx.textAlign = beside ? 'left' : 'center';
        ctx.textBaseline = beside ? 'middle' : 'bottom';
        row.forEach((text, i) => {
          const element = meta.data[i];
          if (text === null || element === undefined) return;
          const props = element.getProps(['x', 'y', 'height'], true) as Record<string, number>;
          const { y, height } = props;
          let x = props.x;
          if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) return;
          const past = beyond[datasetIndex]?.[i];
          const whisker = beside && past !== null && past !== undefined && meta.xScale ? meta.xScale.getPixelForValue(past) : null;
          if (whisker !== null && whisker > x) x = whisker;
          if (beside) {
            // Thin bars (many agents) get smaller labels, and none below 9px: the text lines have them.
            const size = Math.min(FONT_SIZE.value, Math.floor((height ?? FONT_SIZE.value) + 2));
            if (size < 9) return;
            ctx.font = `${size}px ${FONT_FAMILY}`;
            const width = ctx.measureText(text).width;
            if (x + 5 + width > chart.chartArea.right) {
              // Inside the bar only where it fits there: never over the axis labels left of it.
              const base = (element.getProps(['base'], true) as Record<string, number>)['base'] ?? chart.chartArea.left;
              if (whisker === null && width + 10 <= x - base) {
                drawInside(ctx, text, x, y, element.options?.['backgroundColor']);
                return;
              }
              // Past a whisker or too long for the bar: flush with the plot's right edge.
              x = Math.max(x, chart.chartArea.right - width - 5);
            }
          }
          const [tx, ty] = beside ? [x + 5, y] : [x, y - (meta.type === 'line' ? 7 : 4)];
          ctx.strokeText(text, tx, ty);
          ctx.fillText(text, tx, ty);
        });
      });
      ctx.restore();
    },
  };
}

/** Right-aligned inside the end of a horizontal bar, in a colour readable on the bar's. */
function drawInside(ctx: Chart['ctx'], text: string, x: number, y: number, barColour: unknown): void {
  ctx.save();
  ctx.textAlign = 'right';
  const hex = typeof barColour === 'string' && barColour.startsWith('#');
  ctx.fillStyle = hex ? textColourOn(barColour) : INK.text;
  ctx.fillText(text, x - 5, y);
  ctx.restore();
}
