import type { ChartType, PluginOptionsByType } from 'chart.js';
import { formatPeriod } from './format.js';
import { FONT_SIZE, INK } from './theme.js';
import type { ChartPeriod } from './types.js';

/**
 * Title (bold, left) and a subtitle shared by every chart: the window in local dates with its
 * zone, then `notes`, one line each (what is counted: the cohort, what a cell or a whisker is).
 */
export function titleOptions<T extends ChartType>(
  title: string,
  period: ChartPeriod,
  notes: readonly string[] = [],
): Pick<PluginOptionsByType<T>, 'title' | 'subtitle'> {
  return {
    title: {
      display: true,
      text: title,
      align: 'start',
      color: INK.text,
      font: { size: FONT_SIZE.title, weight: 'bold' },
      padding: { top: 4, bottom: 2 },
    },
    subtitle: {
      display: true,
      text: notes.length ? [formatPeriod(period), ...notes] : formatPeriod(period),
      align: 'start',
      color: INK.muted,
      font: { size: FONT_SIZE.subtitle },
      padding: { bottom: 10 },
    },
  } as Pick<PluginOptionsByType<T>, 'title' | 'subtitle'>;
}

/** Axis title in the house font size. */
export function axisTitle(text: string) {
  return { display: true, text, color: INK.text, font: { size: FONT_SIZE.axis } } as const;
}

/** Tick labels in the house font size. */
export const tickFont = { font: { size: FONT_SIZE.tick }, color: INK.text } as const;

/** Legend at the top right, boxes instead of Chart.js's default wide swatches. */
export const legendOptions = {
  display: true,
  position: 'top',
  align: 'end',
  labels: { boxWidth: 14, boxHeight: 14, color: INK.text, font: { size: FONT_SIZE.legend } },
} as const;
