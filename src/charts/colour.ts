/** `#rrggbb` colour helpers. */
export type Rgb = readonly [number, number, number];

export const hexToRgb = (hex: string): Rgb => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

export const rgbToHex = (rgb: Rgb): string =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** Text colour readable on `background`: white on dark fills, near-black on light ones. */
export function textColourOn(background: string): string {
  const [r, g, b] = hexToRgb(background);
  // Relative luminance with sRGB weights, no gamma: close enough to pick black or white.
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.55 ? '#ffffff' : '#111827';
}
