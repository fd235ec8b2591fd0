import type { ChartConfiguration } from 'chart.js';

/**
 * A chart's subtitle as [window, then each note on one line]: notes are wrapped to fit the
 * narrow size (tested in common-options.test.ts), so rejoin the wrapped lines after the first.
 */
export function subtitleLines(config: ChartConfiguration<never> | ChartConfiguration): string[] {
  const text = config.options?.plugins?.subtitle?.text;
  const lines = Array.isArray(text) ? text.map(String) : [String(text)];
  return lines.length > 1 ? [lines[0] as string, lines.slice(1).join(' ')] : lines;
}
