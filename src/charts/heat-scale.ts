import { hexToRgb, type Rgb, rgbToHex } from './colour.js';
import { HEAT_COLOURS } from './theme.js';

const STOPS: readonly Rgb[] = HEAT_COLOURS.stops.map(hexToRgb);

/**
 * Colour of a heatmap cell: zero → `HEAT_COLOURS.empty`; otherwise linear in `value / max`
 * along the light → dark stops, so the busiest cell is exactly the darkest stop.
 */
export function heatColour(value: number, max: number): string {
  if (value <= 0 || max <= 0) return HEAT_COLOURS.empty;
  const t = Math.min(1, value / max) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const a = STOPS[i] as Rgb;
  const b = STOPS[i + 1] as Rgb;
  const f = t - i;
  return rgbToHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}
