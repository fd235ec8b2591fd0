import { existsSync } from 'node:fs';
import { registerFont } from 'canvas';

/**
 * Font files registered with canvas (pango) by family. Debian/Ubuntu paths of fonts-noto-core
 * and fonts-dejavu-core; a missing file is skipped, and fontconfig may still find the family.
 */
const FONT_FILES: readonly { file: string; family: string; weight?: 'bold' }[] = [
  { file: 'noto/NotoSans-Regular.ttf', family: 'Noto Sans' },
  { file: 'noto/NotoSans-Bold.ttf', family: 'Noto Sans', weight: 'bold' },
  { file: 'noto/NotoSansArabic-Regular.ttf', family: 'Noto Sans Arabic' },
  { file: 'noto/NotoSansArabic-Bold.ttf', family: 'Noto Sans Arabic', weight: 'bold' },
  { file: 'dejavu/DejaVuSans.ttf', family: 'DejaVu Sans' },
  { file: 'dejavu/DejaVuSans-Bold.ttf', family: 'DejaVu Sans', weight: 'bold' },
];

const FONT_DIR = '/usr/share/fonts/truetype';

let registered: string[] | null = null;

/**
 * Registers the chart fonts once per process; must run before the first canvas is created
 * (the renderer calls it; tests that make their own canvases call it first). Returns the files
 * registered.
 */
export function registerChartFonts(): readonly string[] {
  if (registered) return registered;
  registered = [];
  for (const font of FONT_FILES) {
    const path = `${FONT_DIR}/${font.file}`;
    if (!existsSync(path)) continue;
    registerFont(path, { family: font.family, ...(font.weight ? { weight: font.weight } : {}) });
    registered.push(path);
  }
  return registered;
}
