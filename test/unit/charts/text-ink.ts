import { execFileSync, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { registerNapiRsFonts } from '../../../src/charts/backends/napi-rs.js';
import type { FontFile } from '../../../src/charts/fonts.js';
import { decodePng, type Pixels, type Region } from './png.js';

/**
 * Black text at 40px on white with @napi-rs/canvas, in this process, with the chart fonts
 * registered as the napi-rs backend registers them (system fonts stay visible here).
 */
export function renderText(text: string, fontFamily: string): Pixels {
  registerNapiRsFonts();
  const canvas = createCanvas(400, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 400, 80);
  ctx.fillStyle = '#000000';
  ctx.font = `40px ${fontFamily}`;
  ctx.fillText(text, 20, 55);
  const { data } = ctx.getImageData(0, 0, 400, 80);
  return { width: 400, height: 80, data: new Uint8ClampedArray(data) };
}

/** Folders Skia scans for system fonts on Linux; the isolated child sees them empty. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', `${homedir()}/.fonts`, `${homedir()}/.local/share/fonts`];

/**
 * Why the system fonts cannot be hidden from a child process here, or null when they can: it
 * takes a private mount namespace (`unshare -m`, root or user namespaces), as on a bare machine
 * with no fonts at all.
 */
export function cannotHideSystemFonts(): string | null {
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  if (r.error) return `unshare is not available (${r.error.message})`;
  return r.status === 0 ? null : `unshare -m is not permitted (${r.stderr.trim()})`;
}

/**
 * The same drawing in a child process that sees no system fonts (tmpfs over the font folders),
 * only `fonts`: a glyph none of them has is drawn as a tofu box. Also returns the families Skia
 * found before registering, which must be none for the isolation to mean anything.
 */
export async function renderTextWithOnly(
  fonts: readonly FontFile[],
  family: string,
  texts: readonly string[],
): Promise<{ systemFamilies: string[]; images: Pixels[] }> {
  const script = fileURLToPath(new URL('./render-text-child.mjs', import.meta.url));
  const hide = FONT_DIRS.map((d) => `[ -d '${d}' ] && mount -t tmpfs none '${d}'; `).join('');
  const out = execFileSync(
    'unshare',
    ['-m', '--propagation', 'private', '--', 'sh', '-c', `${hide}exec "$@"`, 'sh', process.execPath, script, JSON.stringify(fonts), family, ...texts],
    { maxBuffer: 20_000_000 },
  );
  const { systemFamilies, pngs } = JSON.parse(out.toString('utf8')) as { systemFamilies: string[]; pngs: string[] };
  return { systemFamilies, images: await Promise.all(pngs.map((b64) => decodePng(Buffer.from(b64, 'base64')))) };
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
