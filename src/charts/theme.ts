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
} as const;

/** messagesFunnel: outbound steps in darkening-to-lighter blue, inbound in green. */
export const FUNNEL_COLOURS = {
  sent: '#1e40af',
  delivered: '#3b82f6',
  read: '#93c5fd',
  received: '#059669',
} as const;

/** deliveryFailures: known Meta error codes keep one colour across reports; others cycle. */
export const FAILURE_COLOURS = {
  byCode: {
    '131047': '#f59e0b', // re-engagement: outside the 24 h window
    '131026': '#dc2626', // undeliverable
    '131049': '#8b5cf6', // healthy-ecosystem limit
    '131048': '#ec4899', // spam rate limit
  } as Readonly<Record<string, string>>,
  cycle: ['#0ea5e9', '#10b981', '#a16207', '#6366f1', '#14b8a6'],
  other: '#9ca3af',
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
