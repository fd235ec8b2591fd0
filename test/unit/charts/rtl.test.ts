import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT_COLOURS, FONT_FAMILY, registerChartFonts, renderChart } from '../../../src/charts/index.js';
import { week } from './fixtures.js';
import { decodePng, distinctColours, inkShare, matchColour, type Pixels, type Region } from './png.js';
import { boxWidth, differingShare, inkBox, inkSize, renderText, renderTextIsolated } from './text-ink.js';

// ل ي ل ى: every letter joins its neighbours, so shaping changes all four glyphs.
const JOINED = 'ليلى';
// The same letters with ZERO WIDTH NON-JOINER between them: isolated forms, visibly wider.
const APART = [...JOINED].join('\u200C');
const NAME = 'ليلى أحمد';
const DEJAVU_SERIF = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';

beforeAll(() => {
  // Before any canvas exists in this worker.
  registerChartFonts();
});

/** Arabic letters of NAME, each drawn alone. */
const LETTERS = [...new Set(NAME.replace(/\s/g, ''))];
// Unassigned code point: no font has it, so pango draws its tofu box. Tofu boxes of 4-hex-digit
// characters all have one size, a real glyph almost never exactly that size.
const MISSING = '\u2FE0';

/** Letters whose ink has exactly the size of the tofu box. */
function tofuLetters(render: (text: string) => Pixels): string[] {
  const tofu = inkSize(render(MISSING));
  return LETTERS.filter((l) => {
    const size = inkSize(render(l));
    return Math.abs(size.w - tofu.w) <= 1 && Math.abs(size.h - tofu.h) <= 1;
  });
}

/** Joined width over apart width: well under 1 when letters are shaped into joined forms. */
function joinRatio(joined: Pixels, apart: Pixels): number {
  return boxWidth(inkBox(joined)) / boxWidth(inkBox(apart));
}

describe('Arabic text with the chart font stack', () => {
  const render = (text: string) => renderText(text, FONT_FAMILY);

  it('has a glyph for every letter (none is drawn as a tofu box)', () => {
    expect(inkSize(render(MISSING)).w).toBeGreaterThan(10);
    expect(tofuLetters(render)).toEqual([]);
  });

  it('is shaped: the joined word is narrower than its letters kept apart', () => {
    expect(boxWidth(inkBox(render(JOINED)))).toBeGreaterThan(30);
    expect(joinRatio(render(JOINED), render(APART))).toBeLessThan(0.87);
  });

  it('falls back to Noto Sans Arabic, pixel for pixel', () => {
    expect(registerChartFonts().some((file) => file.endsWith('NotoSansArabic-Regular.ttf'))).toBe(true);
    expect(differingShare(render(NAME), renderText(NAME, "'Noto Sans Arabic'"))).toBe(0);
  });

  it.skipIf(!existsSync(DEJAVU_SERIF))('differs from a font without Arabic, and the checks above catch that font', async () => {
    // DejaVu Serif has no Arabic; alone in its fontconfig, pango can only draw hex boxes.
    const texts = [NAME, JOINED, APART, MISSING, ...LETTERS];
    const images = await renderTextIsolated('DejaVu Serif', DEJAVU_SERIF, texts);
    const isolated = (text: string) => images[texts.indexOf(text)] as Pixels;

    expect(differingShare(render(NAME), isolated(NAME))).toBeGreaterThan(0.02);
    // Without these, passing the checks above would prove nothing.
    expect(tofuLetters(isolated)).toEqual(LETTERS);
    expect(joinRatio(isolated(JOINED), isolated(APART))).toBeGreaterThan(0.98);
  });
});

describe('an Arabic agent name in agentPerformance', () => {
  /** The y-axis label area beside the agent's bars: left of the bars, between their tops and bottoms. */
  async function labelArea(name: string) {
    const png = await renderChart('agentPerformance', {
      period: week,
      agents: [{ name, medianFirstResponseSec: 300, medianResolutionSec: 3600 }],
    });
    const img = await decodePng(png);
    // Below the legend, whose swatches share the bar colours.
    const plot: Region = { x0: 0, y0: Math.round(img.height * 0.2), x1: img.width, y1: img.height };
    const frt = matchColour(img, AGENT_COLOURS.firstResponse, 2, plot).box;
    const res = matchColour(img, AGENT_COLOURS.resolution, 2, plot).box;
    if (!frt || !res) throw new Error('bars not found');
    const region: Region = { x0: 0, y0: frt.y0, x1: frt.x0 - 4, y1: res.y1 };
    return { img, region };
  }

  it('draws a non-blank, shaped label', async () => {
    const { img, region } = await labelArea(NAME);
    expect(inkShare(img, region)).toBeGreaterThan(0.003);
    expect(distinctColours(img, region)).toBeGreaterThan(8); // anti-aliased glyph edges
    const box = inkBox(img, region);
    // 2× of a name about 50px wide and 13px tall at the tick font size.
    expect(boxWidth(box)).toBeGreaterThan(70);
    expect(box ? box.y1 - box.y0 : 0).toBeGreaterThan(18);
    const label = boxWidth(box);

    // The same letters unjoined make a wider label: the chart's label is shaped too.
    const apart = await labelArea([...NAME].join('\u200C'));
    expect(boxWidth(inkBox(apart.img, apart.region))).toBeGreaterThan(label * 1.08);
  });
});
