import { createCanvas, loadImage } from '@napi-rs/canvas';

/** A decoded PNG: RGBA bytes, row-major. */
export type Pixels = { width: number; height: number; data: Uint8ClampedArray };

export type Region = { x0: number; y0: number; x1: number; y1: number };

/**
 * Decodes a PNG with @napi-rs/canvas (always installed; no extra decoder package), whichever
 * backend drew it: Skia's PNG decoder is independent of the cairo one that may have encoded it.
 */
export async function decodePng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(data) };
}

export function hexToRgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function* pixelsIn(img: Pixels, region?: Region): Generator<{ x: number; y: number; r: number; g: number; b: number }> {
  const { x0 = 0, y0 = 0, x1 = img.width, y1 = img.height } = region ?? {};
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const i = (y * img.width + x) * 4;
      yield { x, y, r: img.data[i] ?? 0, g: img.data[i + 1] ?? 0, b: img.data[i + 2] ?? 0 };
    }
  }
}

/** Pixels within `tolerance` (per channel) of `hex`, with their centroid. */
export function matchColour(img: Pixels, hex: string, tolerance = 2, region?: Region) {
  const [r0, g0, b0] = hexToRgb(hex);
  let count = 0;
  let sx = 0;
  let sy = 0;
  let box: Region | null = null;
  for (const p of pixelsIn(img, region)) {
    if (Math.abs(p.r - r0) <= tolerance && Math.abs(p.g - g0) <= tolerance && Math.abs(p.b - b0) <= tolerance) {
      count++;
      sx += p.x;
      sy += p.y;
      box = box
        ? { x0: Math.min(box.x0, p.x), y0: Math.min(box.y0, p.y), x1: Math.max(box.x1, p.x + 1), y1: Math.max(box.y1, p.y + 1) }
        : { x0: p.x, y0: p.y, x1: p.x + 1, y1: p.y + 1 };
    }
  }
  return { count, centroid: count ? { x: sx / count, y: sy / count } : null, box };
}

/** Number of distinct RGB colours. */
export function distinctColours(img: Pixels, region?: Region): number {
  const seen = new Set<number>();
  for (const p of pixelsIn(img, region)) seen.add((p.r << 16) | (p.g << 8) | p.b);
  return seen.size;
}

/** Share (0..1) of pixels that are not near-white; also counts fully transparent as white. */
export function inkShare(img: Pixels, region?: Region, threshold = 240): number {
  let ink = 0;
  let all = 0;
  for (const p of pixelsIn(img, region)) {
    all++;
    if (p.r < threshold || p.g < threshold || p.b < threshold) ink++;
  }
  return all ? ink / all : 0;
}

/** Share of fully opaque pixels: a white background plugin makes it 1. */
export function opaqueShare(img: Pixels): number {
  let opaque = 0;
  for (let i = 3; i < img.data.length; i += 4) if (img.data[i] === 255) opaque++;
  return opaque / (img.width * img.height);
}

/**
 * Bounding box of the columns holding at least `minPerColumn` pixels of `hex`: a grid painted
 * in that colour, without a few stray pixels of it elsewhere (a legend's gradient passing it).
 */
export function denseBox(img: Pixels, hex: string, minPerColumn: number, tolerance = 2): Region | null {
  const [r0, g0, b0] = hexToRgb(hex);
  const columns = new Array<number>(img.width).fill(0);
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = -1;
  const near = (i: number) =>
    Math.abs((img.data[i] ?? 0) - r0) <= tolerance && Math.abs((img.data[i + 1] ?? 0) - g0) <= tolerance && Math.abs((img.data[i + 2] ?? 0) - b0) <= tolerance;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (near((y * img.width + x) * 4)) columns[x] = (columns[x] ?? 0) + 1;
  const dense = columns.flatMap((n, x) => (n >= minPerColumn ? [x] : []));
  if (dense.length === 0) return null;
  const [x0, x1] = [dense[0] as number, (dense[dense.length - 1] as number) + 1];
  for (let y = 0; y < img.height; y++) {
    for (let x = x0; x < x1; x++) {
      if ((columns[x] ?? 0) >= minPerColumn && near((y * img.width + x) * 4)) {
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return { x0, y0, x1, y1 };
}
