// Renders lines of text with @napi-rs/canvas in a process where the system font folders are
// hidden (text-ink.ts runs it in its own mount namespace), so Skia knows only the fonts
// registered here and draws a missing glyph as the first font's tofu box. Same drawing as
// renderText in text-ink.ts. Prints JSON: the families Skia saw before registering (must be
// none, else the isolation failed) and one base64 PNG per text.
// Usage: node render-text-child.mjs <fonts JSON [{path, family}]> <CSS font family> <text>...
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const [fontsJson, family, ...texts] = process.argv.slice(2);
const systemFamilies = GlobalFonts.families.map((f) => f.family);
for (const font of JSON.parse(fontsJson)) GlobalFonts.registerFromPath(font.path, font.family);
const pngs = texts.map((text) => {
  const canvas = createCanvas(400, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 400, 80);
  ctx.fillStyle = '#000000';
  ctx.font = `40px ${family}`;
  ctx.fillText(text, 20, 55);
  return canvas.toBuffer('image/png').toString('base64');
});
process.stdout.write(JSON.stringify({ systemFamilies, pngs }));
