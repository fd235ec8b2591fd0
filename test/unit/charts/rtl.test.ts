import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENT_COLOURS,
  chartBackend,
  chartFontFiles,
  FONT_FAMILY,
  renderChart,
  useChartBackend,
} from '../../../src/charts/index.js';
import { INSTALLED_BACKENDS, reportSkippedNodeCanvas } from './backends.js';
import { week } from './fixtures.js';
import { decodePng, distinctColours, inkShare, matchColour, type Pixels, type Region } from './png.js';
import { boxWidth, cannotHideSystemFonts, differingShare, inkBox, inkSize, renderText, renderTextWithOnly } from './text-ink.js';

// ل ي ل ى: every letter joins its neighbours, so shaping changes all four glyphs.
const JOINED = 'ليلى';
// The same letters with ZERO WIDTH NON-JOINER between them: isolated forms, visibly wider.
const APART = [...JOINED].join('\u200C');
const NAME = 'ليلى أحمد';
const WARNING = '⚠';
/** Arabic letters of NAME, each drawn alone. */
const LETTERS = [...new Set(NAME.replace(/\s/g, ''))];
// Unassigned code point: no font has it, so Skia draws the first font's tofu box (.notdef).
// Every missing character gets that same box, a real glyph almost never exactly its size.
const MISSING = '\u2FE0';

const sameSize = (a: Pixels, b: Pixels) => {
  const [x, y] = [inkSize(a), inkSize(b)];
  return Math.abs(x.w - y.w) <= 1 && Math.abs(x.h - y.h) <= 1;
};

/** Joined width over apart width: well under 1 when letters are shaped into joined forms. */
function joinRatio(joined: Pixels, apart: Pixels): number {
  return boxWidth(inkBox(joined)) / boxWidth(inkBox(apart));
}

describe('Arabic and symbols with the chart font stack (@napi-rs/canvas, this process)', () => {
  const render = (text: string) => renderText(text, FONT_FAMILY);

  it('shapes Arabic: the joined word is narrower than its letters apart or drawn one by one', () => {
    const joined = boxWidth(inkBox(render(JOINED)));
    expect(joined).toBeGreaterThan(30);
    // Isolated forms carry their own tails and bearings; joined medial forms are short links.
    expect(joinRatio(render(JOINED), render(APART))).toBeLessThan(0.87);
    const oneByOne = [...JOINED].reduce((sum, letter) => sum + boxWidth(inkBox(render(letter))), 0);
    expect(joined).toBeLessThan(oneByOne * 0.8);
  });

  it('draws Arabic with Noto Sans Arabic from npm, pixel for pixel', () => {
    expect(chartFontFiles().some((f) => f.family === 'Noto Sans Arabic' && f.path.includes('node_modules'))).toBe(true);
    expect(differingShare(render(NAME), renderText(NAME, "'Noto Sans Arabic'"))).toBe(0);
  });

  it('draws ⚠ with DejaVu Sans, not as a tofu box', () => {
    expect(inkSize(render(MISSING)).w).toBeGreaterThan(10);
    expect(sameSize(render(WARNING), render(MISSING))).toBe(false);
    expect(differingShare(render(WARNING), renderText(WARNING, "'DejaVu Sans'"))).toBe(0);
  });
});

const hideProblem = cannotHideSystemFonts();
if (hideProblem) console.warn(`bare-machine font tests skipped: ${hideProblem}`);

describe.skipIf(hideProblem !== null)('with no system fonts, only the npm fonts (a bare machine)', () => {
  const texts = [NAME, JOINED, APART, MISSING, WARNING, ...LETTERS];
  const fonts = chartFontFiles();
  async function drawWith(only: typeof fonts) {
    const { systemFamilies, images } = await renderTextWithOnly(only, FONT_FAMILY, texts);
    // Otherwise a pass could come from a system font.
    expect(systemFamilies).toEqual([]);
    return (text: string) => images[texts.indexOf(text)] as Pixels;
  }

  it('has every Arabic letter and ⚠, and joins the letters', async () => {
    const img = await drawWith(fonts);
    expect(inkSize(img(MISSING)).w).toBeGreaterThan(10);
    expect(LETTERS.filter((l) => sameSize(img(l), img(MISSING)))).toEqual([]);
    expect(sameSize(img(WARNING), img(MISSING))).toBe(false);
    expect(joinRatio(img(JOINED), img(APART))).toBeLessThan(0.87);
  });

  // Without these, passing the checks above would prove nothing.
  it('draws ⚠ as tofu when DejaVu Sans is not registered', async () => {
    const img = await drawWith(fonts.filter((f) => f.family !== 'DejaVu Sans'));
    expect(sameSize(img(WARNING), img(MISSING))).toBe(true);
  });

  it('draws every Arabic letter as tofu, unjoined, when Noto Sans Arabic is not registered', async () => {
    // DejaVu Sans has Arabic too, so leave both out.
    const img = await drawWith(fonts.filter((f) => f.family === 'Noto Sans'));
    expect(LETTERS.filter((l) => sameSize(img(l), img(MISSING)))).toEqual(LETTERS);
    expect(joinRatio(img(JOINED), img(APART))).toBeGreaterThan(0.98);
  });
});

reportSkippedNodeCanvas();

describe.each(INSTALLED_BACKENDS)('an Arabic agent name in agentPerformance (%s)', (backend) => {
  beforeAll(async () => {
    useChartBackend(backend);
    expect((await chartBackend()).name).toBe(backend);
  });
  afterAll(() => useChartBackend('auto'));

  /** The y-axis label area beside the agent's bars: left of the bars, between their tops and bottoms. */
  async function labelArea(name: string) {
    const png = await renderChart('agentPerformance', {
      period: week,
      agents: [{ name, medianFirstResponseSec: 300, medianResolutionSec: 3600 }],
    });
    const img = await decodePng(png);
    // Below the legend (it ends near 0.26 of the height), whose swatches share the bar colours.
    const plot: Region = { x0: 0, y0: Math.round(img.height * 0.3), x1: img.width, y1: img.height };
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
