// Renders one line of text to a PNG on stdout, in a process whose fontconfig sees only the
// font files given: run with FONTCONFIG_FILE pointing at a config without <dir> entries, so
// pango cannot fall back to any installed font (missing glyphs then show as tofu boxes).
// Usage: node render-text-child.mjs <family> <text> <font file>...
import { createCanvas, registerFont } from 'canvas';

const [family, text, ...files] = process.argv.slice(2);
for (const file of files) registerFont(file, { family });
const canvas = createCanvas(400, 80);
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#ffffff';
ctx.fillRect(0, 0, 400, 80);
ctx.fillStyle = '#000000';
ctx.font = `40px '${family}'`;
ctx.fillText(text, 20, 55);
process.stdout.write(canvas.toBuffer('image/png'));
