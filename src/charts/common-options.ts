import type { ChartType, PluginOptionsByType } from 'chart.js';
import { isRightToLeft, type Locale } from '../i18n/index.js';
import { formatPeriod } from './format.js';
import { FONT_SIZE, INK } from './theme.js';
import type { ChartPeriod } from './types.js';

/**
 * Subtitle notes wrapped at word boundaries: Chart.js squeezes a line too wide for the chart
 * rather than wrapping it, and 84 characters of 13 px text fit the narrowest size (600 px).
 */
export const NOTE_LINE_LENGTH = 84;

export function wrapNote(note: string, width = NOTE_LINE_LENGTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of note.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

/**
 * Title (bold, at the start of reading: left, or right in Arabic) and a subtitle shared by every
 * chart: the window in local dates with its zone, then `notes`, one line each (what is counted:
 * the cohort, what a cell or a whisker is). Chart.js titles have no `rtl` option, so the right
 * side comes from `align: 'end'` and the reading order from plugins/direction-plugin.ts.
 */
export function titleOptions<T extends ChartType>(
  title: string,
  period: ChartPeriod,
  notes: readonly string[] = [],
  locale: Locale = 'en',
): Pick<PluginOptionsByType<T>, 'title' | 'subtitle'> {
  const align = isRightToLeft(locale) ? 'end' : 'start';
  return {
    title: {
      display: true,
      text: title,
      align,
      color: INK.text,
      font: { size: FONT_SIZE.title, weight: 'bold' },
      padding: { top: 4, bottom: 2 },
    },
    subtitle: {
      display: true,
      text: notes.length ? [formatPeriod(period, locale), ...notes.flatMap((n) => wrapNote(n))] : formatPeriod(period, locale),
      align,
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

/**
 * The legend in `locale`'s reading order: Chart.js's `rtl` puts each swatch right of its text
 * and lays the items out from the right; the legend moves to the left, mirroring the English top
 * right, away from the right-aligned title. Not `textDirection`: Chart.js applies it as the CSS
 * `direction` of the canvas element, which a server canvas has not (napi-rs fails on it); the
 * canvas's own text direction comes from plugins/direction-plugin.ts instead.
 */
export function legendFor(locale: Locale) {
  return isRightToLeft(locale) ? ({ ...legendOptions, align: 'start', rtl: true } as const) : legendOptions;
}
