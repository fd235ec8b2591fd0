// Renders lines of text to PNGs, in a process whose fontconfig sees only the one font file
// given: run with FONTCONFIG_FILE pointing at a config without <dir> entries, so pango cannot
// fall back to any installed font (missing glyphs then show as tofu boxes). Same drawing as
// renderText in text-ink.ts. Prints a JSON array of base64 PNGs, one per text.
// Usage: node render-text-child.mjs <family> <font file> <text>...
import { createCanvas, registerFont } from 'canvas';

const [family, file, ...texts] = process.argv.slice(2);
registerFont(file, { family });
const pngs = texts.map((text) => {
  const canvas = createCanvas(400, 80);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 400, 80);
  ctx.fillStyle = '#000000';
  ctx.font = `40px '${family}'`;
  ctx.fillText(text, 20, 55);
  return canvas.toBuffer('image/png').toString('base64');
});
process.stdout.write(JSON.stringify(pngs));
