/**
 * Colours, fonts and sizes shared by every chart. Colours are exported so tests can look for
 * them in rendered PNGs; keep each one unique within its chart.
 */

/**
 * Latin text in Noto Sans; Arabic (agent names) falls back per glyph to Noto Sans Arabic, which
 * pango shapes into joined forms; DejaVu Sans covers symbols such as ⚠ that neither Noto has.
 */
export const FONT_FAMILY = "'Noto Sans', 'Noto Sans Arabic', 'DejaVu Sans', sans-serif";

/**
 * Font sizes in logical px (the PNG is 2×). Nothing a reader needs is below 13px, except
 * heatmap cell values and labels of thin bars, which shrink to fit (the text lines have them).
 */
export const FONT_SIZE = { title: 18, subtitle: 13, axis: 13, tick: 13, legend: 13, value: 13 } as const;

/** Space around the whole chart, logical px, so titles and end ticks are not flush with the edge. */
export const PADDING = { top: 8, right: 20, bottom: 8, left: 14 } as const;

export const INK = {
  text: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  background: '#ffffff',
} as const;

/** agentPerformance: the normal pair of bars, and the pair for an outlier agent. */
export const AGENT_COLOURS = {
  firstResponse: '#2563eb',
  resolution: '#93c5fd',
  outlierFirstResponse: '#dc2626',
  outlierResolution: '#fca5a5',
  outlierText: '#b91c1c',
  /** The 90th-percentile whisker: black, darker than any text, so tests can find it. */
  whisker: '#000000',
} as const;

/** messagesFunnel: outbound steps in darkening-to-lighter blue, inbound in green. */
export const FUNNEL_COLOURS = {
  sent: '#1e40af',
  delivered: '#3b82f6',
  read: '#93c5fd',
  received: '#059669',
} as const;

/**
 * deliveryFailures: one colour per WhatsApp error code, the same in every chart and report.
 * The chart's six codes take Okabe–Ito colours (safe for the common colour-vision deficiencies),
 * assigned so that classes stacked next to each other (metrics' ERROR_CLASS_LABELS order:
 * 131047, 131026, 131049, 131050, 130472, 131000, Other) stay far apart under protan, deutan
 * and tritan vision; yellow sits between blue-green and blue. Any other code takes a colour of
 * Paul Tol's "muted" scheme chosen by the code itself (code mod 9), never by its position, so
 * it too keeps its colour from chart to chart.
 */
export const FAILURE_COLOURS = {
  byCode: {
    '131047': '#009E73', // re-engagement: outside the 24 h window (bluish green)
    '131026': '#F0E442', // undeliverable (yellow)
    '131049': '#0072B2', // healthy-ecosystem limit (blue)
    '131050': '#E69F00', // user stopped marketing messages (orange)
    '130472': '#56B4E9', // experiment (sky blue)
    '131000': '#D55E00', // something went wrong (vermillion)
  } as Readonly<Record<string, string>>,
  unknownCodes: ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'],
  other: '#BBBBBB',
  rateLine: '#111827',
} as const;

/**
 * busyHours sequential scale, light → dark (stops of a "Blues" ramp). A cell with zero count is
 * drawn in `empty` so "none" differs from "few".
 */
export const HEAT_COLOURS = {
  empty: '#f3f4f6',
  stops: ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'],
} as const;
