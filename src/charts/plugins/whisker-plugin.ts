import type { Chart, Plugin } from 'chart.js';

/**
 * Draws a whisker on each horizontal bar: a line from the bar's end out to `ends[dataset][i]`
 * (a value on the bar's value scale, e.g. the 90th percentile past a median bar) with a cap at
 * its end. null, or an end not past the bar, draws nothing. Drawn after the bars, under labels.
 */
export function whiskerPlugin(
  ends: readonly (readonly (number | null)[])[],
  colour: string,
): Plugin<'bar'> {
  return {
    id: 'wapulseWhiskers',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2;
      ends.forEach((row, datasetIndex) => {
        if (!chart.isDatasetVisible(datasetIndex)) return;
        const meta = chart.getDatasetMeta(datasetIndex);
        const scale = meta.xScale;
        if (!scale) return;
        row.forEach((end, i) => {
          const element = meta.data[i];
          if (end === null || element === undefined) return;
          const { x, y, height } = element.getProps(['x', 'y', 'height'], true) as Record<string, number>;
          const to = scale.getPixelForValue(end);
          if (x === undefined || y === undefined || !Number.isFinite(x) || !(to > x + 1)) return;
          const cap = Math.max(4, Math.min(12, (height ?? 8) * 0.7)) / 2;
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(to, y);
          ctx.moveTo(to, y - cap);
          ctx.lineTo(to, y + cap);
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };
}
