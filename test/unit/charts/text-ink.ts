import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from 'canvas';
import { decodePng, type Pixels, type Region } from './png.js';

/** Black text at 40px on white, in this process (fonts registered here apply). */
export function renderText(text: string, fontFamily: string): Pixels {
  const canvas = createCanvas(400, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 400, 80);
  ctx.fillStyle = '#000000';
  ctx.font = `40px ${fontFamily}`;
  ctx.fillText(text, 20, 55);
  const { data } = ctx.getImageData(0, 0, 400, 80);
  return { width: 400, height: 80, data };
}

/**
 * The same, in a child process whose fontconfig knows no fonts at all except `fontFile`: with
 * no fallback, characters the font lacks are drawn as tofu boxes. One image per text.
 */
export async function renderTextIsolated(family: string, fontFile: string, texts: string[]): Promise<Pixels[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wapulse-fc-'));
  const config = join(dir, 'fonts.conf');
  writeFileSync(config, `<?xml version="1.0"?><fontconfig><cachedir>${dir}/cache</cachedir></fontconfig>`);
  const script = fileURLToPath(new URL('./render-text-child.mjs', import.meta.url));
  let out: Buffer;
  try {
    out = execFileSync(process.execPath, [script, family, fontFile, ...texts], {
      env: { ...process.env, FONTCONFIG_FILE: config },
      maxBuffer: 10_000_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pngs = JSON.parse(out.toString('utf8')) as string[];
  return Promise.all(pngs.map((b64) => decodePng(Buffer.from(b64, 'base64'))));
}

/** Bounding box of dark pixels (any channel < 128), or null when there are none. */
export function inkBox(img: Pixels, region?: Region): Region | null {
  const { x0 = 0, y0 = 0, x1 = img.width, y1 = img.height } = region ?? {};
  let box: Region | null = null;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      const dark = (img.data[i] ?? 255) < 128 || (img.data[i + 1] ?? 255) < 128 || (img.data[i + 2] ?? 255) < 128;
      if (!dark) continue;
      box = box
        ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + 1), y1: Math.max(box.y1, y + 1) }
        : { x0: x, y0: y, x1: x + 1, y1: y + 1 };
    }
  }
  return box;
}

export const boxWidth = (box: Region | null) => (box ? box.x1 - box.x0 : 0);

/** Width and height of the ink: a tofu box has the same size whatever character it stands for. */
export function inkSize(img: Pixels): { w: number; h: number } {
  const box = inkBox(img);
  return box ? { w: box.x1 - box.x0, h: box.y1 - box.y0 } : { w: 0, h: 0 };
}

/** Share of pixels whose darkness differs by more than half the range between two images. */
export function differingShare(a: Pixels, b: Pixels): number {
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)) > 128) differ++;
  }
  return differ / (a.width * a.height);
}
