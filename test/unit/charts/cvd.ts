/**
 * Colour difference as people with the common colour-vision deficiencies see it: the colour is
 * simulated with the Machado, Oliveira & Fernandes (2009) matrices at full severity (linear
 * RGB), then compared as CIE76 ΔE in CIELAB (D65). ΔE ≈ 2 is just noticeable; two fills that
 * must be told apart in a legend want tens.
 */
export type Vision = 'normal' | 'protan' | 'deutan' | 'tritan';

const MATRICES: Record<Vision, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

export const VISIONS = Object.keys(MATRICES) as Vision[];

const toLinear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

function lab([r, g, b]: number[]): [number, number, number] {
  const [R, G, B] = [r, g, b].map((v) => Math.min(1, Math.max(0, v ?? 0))) as [number, number, number];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function seen(hex: string, vision: Vision): [number, number, number] {
  const rgb = [1, 3, 5].map((i) => toLinear(Number.parseInt(hex.slice(i, i + 2), 16)));
  return lab(MATRICES[vision].map((row) => row.reduce((sum, m, i) => sum + m * (rgb[i] ?? 0), 0)));
}

/** CIE76 ΔE between two `#rrggbb` colours as seen with `vision`. */
export function deltaE(a: string, b: string, vision: Vision): number {
  const [p, q] = [seen(a, vision), seen(b, vision)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
