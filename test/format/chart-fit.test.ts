import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { loadData } from '../../src/data/load.js';
import { CHART_KINDS, chartOf } from '../../src/format/pictures/charts.js';
import { renderSvg } from '../../src/format/pictures/svg.js';
import { pngFonts } from '../../src/format/pictures/png.js';
import { isBoldWeight, measureTextItem, textWidthPx } from '../../src/format/pictures/text-width.js';
import { runCli } from '../helpers.js';

/**
 * A chart is as wide as what it draws: the content reaches to within a few pixels of the right edge, in the SVG
 * (drawn here at its own size), in the PNG `chart --out x.png` writes, and in the report's pictures.
 */

/** The most pixels (at the SVG's own size) between the rightmost thing drawn and the right edge: Vega's padding
 * of 5 px and a stroke's rounding. */
const MAX_MARGIN_PX = 8;

/** A pixel is drawn on when it is not the white background. */
const BACKGROUND_MIN = 250;

/** The columns the content takes: the leftmost and rightmost holding a pixel that is not the white background. */
function inkColumns(rgba: Uint8Array, width: number, height: number): { left: number; right: number } {
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const ink =
        (rgba[i] as number) < BACKGROUND_MIN ||
        (rgba[i + 1] as number) < BACKGROUND_MIN ||
        (rgba[i + 2] as number) < BACKGROUND_MIN;
      if (!ink) continue;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  }
  return { left, right };
}

/** The SVG drawn at its own size, as `chart --format png` draws it, in the fonts the suite gives it. */
function drawSvg(svg: string): { rgba: Uint8Array; width: number; height: number } {
  const image = new Resvg(svg, { font: pngFonts([process.env.MINING_ENERGY_FONT_DIR as string]) }).render();
  return { rgba: image.pixels, width: image.width, height: image.height };
}

/** Expects the content to end within MAX_MARGIN_PX × scale of the right edge, and not to be cut by it. */
function expectFits(picture: { rgba: Uint8Array; width: number; height: number }, scale: number, what: string) {
  const { left, right } = inkColumns(picture.rgba, picture.width, picture.height);
  const margin = picture.width - 1 - right;
  expect(right, `${what}: nothing drawn`).toBeGreaterThan(0);
  // Not cut: a column of background is left at the right edge (Vega pads by 5 px).
  expect(margin, `${what}: right margin ${margin} px of ${picture.width}`).toBeGreaterThanOrEqual(2 * scale);
  expect(margin, `${what}: right margin ${margin} px of ${picture.width}`).toBeLessThanOrEqual(MAX_MARGIN_PX * scale);
  expect(left, `${what}: left margin`).toBeLessThanOrEqual(MAX_MARGIN_PX * scale);
}

describe('text widths', () => {
  // DejaVu Sans draws every digit 1303/2048 em wide (0.636 em), and the bold face 1425/2048 em (0.696 em).
  it.each([
    ['2025', 10, false, 4 * 6.36],
    ['2025', 10, true, 4 * 6.96],
    ['', 12, false, 0],
  ])('"%s" at %d px (bold %s) is %d px wide', (text, size, bold, px) => {
    expect(textWidthPx(text, size, bold)).toBeCloseTo(px, 1);
  });

  it('takes a character the table lacks as a whole em wide, never narrower', () => {
    expect(textWidthPx('中文', 10)).toBeCloseTo(20, 6);
  });

  it('is well under the old estimate of 0.8 em a character for the words of a title', () => {
    const title = "Bitcoin mining in Sichuan, 2025, beside whole countries' electricity use in 2024";
    const old = 0.8 * title.length * 15;
    const measured = textWidthPx(title, 15, true);
    expect(measured).toBeLessThan(0.85 * old);
    expect(measured).toBeGreaterThan(0.5 * old);
  });

  it("reads a Vega text item's size (11 px when unset), weight and trimmed line", () => {
    expect(measureTextItem({}, ' 2025 ')).toBeCloseTo(4 * 0.636 * 11, 1);
    expect(measureTextItem({ fontSize: 10, fontWeight: 'bold' }, '2025')).toBeCloseTo(4 * 6.96, 1);
    expect(measureTextItem({ fontSize: 0 }, '2025')).toBe(0);
    expect(measureTextItem({ fontSize: 10 }, null)).toBe(0);
    // A line wider than its limit is as wide as the limit, which is what Vega cuts it to at most.
    expect(measureTextItem({ fontSize: 10, limit: 20 }, '2025')).toBe(20);
    expect(measureTextItem({ fontSize: 10, limit: 30 }, '2025')).toBeCloseTo(4 * 6.36, 1);
    expect(isBoldWeight(700)).toBe(true);
    expect(isBoldWeight('600')).toBe(true);
    expect(isBoldWeight('normal')).toBe(false);
    expect(isBoldWeight(400)).toBe(false);
  });
});

describe('a label longer than its limit', () => {
  it('is cut with an ellipsis, and the chart is as wide as the cut label', async () => {
    const label = 'A region whose name goes on and on '.repeat(4).trim();
    const svg = await renderSvg({
      kind: 'carbon',
      title: 'A long label',
      description: 'A bar with a long label.',
      credit: '',
      table: { columns: [], rows: [] },
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        background: 'white',
        width: 200,
        height: 40,
        data: { values: [{ label, value: 1 }] },
        mark: 'bar',
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, axis: { labelLimit: 120 } },
          x: { field: 'value', type: 'quantitative', title: null },
        },
      },
    });
    const drawn = /<text[^>]*>(A region[^<]*)<\/text>/.exec(svg)?.[1] ?? '';
    expect(drawn.endsWith('…')).toBe(true);
    expect(drawn.length).toBeLessThan(label.length);
    // The label (at most 120 px), the tick and padding, and the plot of 200 px, with Vega's padding of 5 px.
    const [, width] = /<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg) ?? [];
    expect(Number(width)).toBeLessThanOrEqual(5 + 120 + 10 + 200 + 5 + 2);
    expectFits(drawSvg(svg), 1, 'long label');
  });
});

const REGIONS = ['sichuan', 'russia', 'world'];
const svgs = new Map<string, string>();

beforeAll(async () => {
  const data = await loadData();
  for (const region of REGIONS) {
    const model = buildReport(data, region);
    for (const kind of CHART_KINDS) svgs.set(`${region} ${kind}`, await renderSvg(chartOf(model, kind)));
  }
}, 60_000);

describe('a chart is as wide as what it draws', () => {
  it.each(REGIONS.flatMap((region) => CHART_KINDS.map((kind) => [region, kind] as const)))(
    'SVG: %s %s',
    (region, kind) => {
      const svg = svgs.get(`${region} ${kind}`) as string;
      const picture = drawSvg(svg);
      const [, width] = /<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg) ?? [];
      expect(picture.width).toBe(Math.ceil(Number(width)));
      expectFits(picture, 1, `${region} ${kind}`);
    },
  );

  it.each(CHART_KINDS)('PNG written by `chart %s --out x.png`', async (kind) => {
    const out = join(mkdtempSync(join(tmpdir(), 'mining-energy-fit-')), `${kind}.png`);
    const run = await runCli(['chart', kind, '--region', 'sichuan', '-q', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expectFits({ rgba: png.data, width: png.width, height: png.height }, 2, `sichuan ${kind} PNG`);
  });

  it("the report's pictures", async () => {
    const run = await runCli(['report', '--region', 'sichuan', '-q']);
    expect(run.code, run.stderr).toBe(0);
    const pictures = run.stdout.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
    const charts = pictures.filter((svg) => /aria-labelledby="chart-/.test(svg));
    expect(charts).toHaveLength(CHART_KINDS.length);
    for (const svg of charts) expectFits(drawSvg(svg), 1, /id="(chart-[a-z]+)-title"/.exec(svg)?.[1] ?? 'chart');
  }, 30_000);
});
