import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { loadData } from '../../src/data/load.js';
import type { Dataset } from '../../src/data/dataset.js';
import { buildReport, type ReportModel } from '../../src/core/report.js';
import {
  CHART_KINDS,
  chartOf,
  type ChartKind,
  drawnName,
  drawnNames,
  PALETTE,
  hslHex,
  seriesColours,
  seriesDashes,
  VEGA_LITE_SCHEMA,
} from '../../src/format/pictures/charts.js';
import { collectingLogger, renderSvg } from '../../src/format/pictures/svg.js';
import { escapeHtml, jsonForScript } from '../../src/format/pictures/html.js';
import { pageWarnings, renderReportHtml } from '../../src/format/pictures/report-html.js';
import { warn } from '../../src/core/common/warnings.js';

/** Parses an SVG as XML, failing on any parser error or warning (a page that is not well-formed). */
function parseSvg(svg: string): Document {
  const problems: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  expect(problems).toEqual([]);
  return document;
}

function elements(document: Document, tag: string): Element[] {
  return Array.from(document.getElementsByTagName(tag));
}

/** The class of the credit line's text, below the chart (the second view of the specification's vconcat). */
const CREDIT_CLASS = 'concat_1_marks';

/**
 * The `<g>` groups whose class holds every word given (Vega's `mark-symbol role-mark layer_1_marks`); the credit
 * line's group only when asked for by its class.
 */
function groups(document: Document, ...words: string[]): Element[] {
  return elements(document, 'g').filter((g) => {
    const classes = (g.getAttribute('class') ?? '').split(/\s+/);
    if (classes.includes(CREDIT_CLASS) && !words.includes(CREDIT_CLASS)) return false;
    return words.every((w) => classes.includes(w));
  });
}

/** The chart itself in a specification: the first view, above its credit line. */
function plotOf(
  spec: Record<string, unknown>,
): { data: { values: Record<string, unknown>[] } } & Record<string, unknown> {
  return (spec.vconcat as Record<string, unknown>[])[0] as never;
}

/** The drawn items of a mark: the element children of its groups (paths for symbols and bars, text for text). */
function items(document: Document, ...words: string[]): Element[] {
  return groups(document, ...words).flatMap((g) =>
    Array.from(g.childNodes).filter((n): n is Element => n.nodeType === 1),
  );
}

function textsIn(document: Document, ...words: string[]): string[] {
  return groups(document, ...words).flatMap((g) =>
    elements(g as unknown as Document, 'text').map((t) => t.textContent ?? ''),
  );
}

/** Every word a reader or a screen reader meets: text content and the labels of the marks. */
function everyText(document: Document): string[] {
  const all = elements(document, '*');
  return [
    ...all.filter((e) => e.childNodes.length > 0).map((e) => e.textContent ?? ''),
    ...all.flatMap((e) => ['aria-label', 'aria-roledescription'].map((a) => e.getAttribute(a) ?? '')),
  ];
}

const HIGHLIGHT = '#D55E00';
const REGIONS = ['sichuan', 'texas'];
const AXIS_UNITS: Record<ChartKind, string> = {
  energy: 'TWh a year',
  shares: '(%)',
  network: 'TWh',
  neighbours: 'TWh',
  carbon: 'Mt CO2',
};

let data: Dataset;
const models = new Map<string, ReportModel>();
const drawings = new Map<string, Document>();

beforeAll(async () => {
  data = await loadData();
  for (const region of REGIONS) {
    const model = buildReport(data, region);
    models.set(region, model);
    for (const kind of CHART_KINDS) drawings.set(`${region} ${kind}`, parseSvg(await renderSvg(chartOf(model, kind))));
  }
}, 60_000);

describe.each(REGIONS)('charts of %s', (region) => {
  const model = () => models.get(region) as ReportModel;
  const drawing = (kind: ChartKind) => drawings.get(`${region} ${kind}`) as Document;

  it.each([...CHART_KINDS])('%s: an <svg> with the chart title and description first, labelled by them', (kind) => {
    const svg = drawing(kind).documentElement as Element;
    expect(svg.tagName).toBe('svg');
    const chart = chartOf(model(), kind);
    const [first, second] = Array.from(svg.childNodes).filter((n): n is Element => n.nodeType === 1);
    expect(first?.tagName).toBe('title');
    expect(first?.textContent).toBe(chart.title);
    expect(second?.tagName).toBe('desc');
    expect(second?.textContent).toBe(chart.description);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe(`chart-${kind}-title chart-${kind}-desc`);
    expect(chart.spec.$schema).toBe(VEGA_LITE_SCHEMA);
  });

  it.each([...CHART_KINDS])('%s: no NaN, undefined, null or Infinity in any text or label', (kind) => {
    const bad = everyText(drawing(kind)).filter((t) => /\b(?:NaN|undefined|null|Infinity)\b/.test(t));
    expect(bad).toEqual([]);
  });

  it.each([...CHART_KINDS])('%s: an axis title gives the unit', (kind) => {
    const titles = textsIn(drawing(kind), 'role-axis-title');
    expect(titles.some((t) => t.includes(AXIS_UNITS[kind]))).toBe(true);
  });

  it('shares: one point for each recorded share, and a dashed rule for each break', () => {
    const points = items(drawing('shares'), 'mark-symbol', 'role-mark');
    expect(model().shares.length).toBeGreaterThan(10);
    expect(points).toHaveLength(model().shares.length);
    const hollow = model().shares.filter((s) => s.approximate).length;
    expect(points.filter((p) => p.getAttribute('fill') === 'transparent' || !p.hasAttribute('fill'))).toHaveLength(
      hollow,
    );
    expect(items(drawing('shares'), 'mark-rule', 'role-mark')).toHaveLength(model().breaks.length);
    const texts = items(drawing('shares'), 'mark-text', 'role-mark').map((t) => t.textContent ?? '');
    expect(texts.filter((t) => model().breaks.some((b) => b.title === t))).toHaveLength(model().breaks.length);
  });

  it('shares: names each link over the plot, so that the links are told apart without their colours', () => {
    const texts = items(drawing('shares'), 'mark-text', 'role-mark').map((t) => t.textContent ?? '');
    const links = [...new Set(model().shares.map((s) => s.link))];
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(texts, link).toContain(link);
    // Every other text is a break's title: no link is named by its colour alone, nothing else is written.
    const others = texts.filter((t) => !links.includes(t));
    expect(others.every((t) => model().breaks.some((b) => b.title === t))).toBe(true);
  });

  it('shares: the time axis labels each year once', () => {
    const axis = groups(drawing('shares'), 'role-axis').find((g) =>
      textsIn(g as unknown as Document, 'role-axis-title').includes('Year'),
    );
    expect(axis).toBeDefined();
    const labels = textsIn(axis as unknown as Document, 'role-axis-label');
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.every((l) => /^\d{4}$/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each([...CHART_KINDS])('%s: marks read aloud with titled, rounded figures, not field names', (kind) => {
    const spec = plotOf(chartOf(model(), kind).spec);
    const fields = new Set(spec.data.values.flatMap((v) => Object.keys(v)));
    const labels = items(drawing(kind), 'role-mark')
      .map((item) => item.getAttribute('aria-label'))
      .filter((label): label is string => label !== null);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const keys = label.split('; ').map((part) => part.split(': ')[0] ?? '');
      expect(
        keys.filter((key) => fields.has(key)),
        label,
      ).toEqual([]);
      const long = (label.match(/\d+\.\d+/g) ?? []).filter((n) => n.replace('.', '').replace(/^0+/, '').length > 6);
      expect(long, label).toEqual([]);
    }
  });

  it('shares: a history is joined only within one source, and not across a break of its link', () => {
    // One line for each link, source and stretch between the events that break that link.
    const breaksOf = (s: ReportModel['shares'][number]) =>
      data.events.filter((e) => (e.regions.includes(s.region) || e.regions.includes(s.of)) && e.month <= s.month)
        .length;
    const stretches = new Set(model().shares.map((s) => `${s.link} ${s.source} ${breaksOf(s)}`));
    expect(model().breaks.length).toBeGreaterThan(0);
    expect(items(drawing('shares'), 'mark-line', 'role-mark')).toHaveLength(stretches.size);
    expect(stretches.size).toBeGreaterThan(new Set(model().shares.map((s) => s.link)).size);
  });

  it('carbon: each row writes its figures', () => {
    const texts = textsIn(drawing('carbon'), 'mark-text', 'role-mark');
    expect(texts).toHaveLength(3);
    const coal = model().carbon.find((c) => c.grid === 'all-coal');
    // Drawn to 4 significant digits without trailing zeros (1.700 is drawn 1.7).
    expect(texts[2]).toMatch(new RegExp(`^${String(Number(coal?.mtco2.toPrecision(4))).replace('.', '\\.')}`));
  });

  it('network: one point for each series-year', () => {
    expect(items(drawing('network'), 'mark-symbol', 'role-mark')).toHaveLength(model().network.length);
  });

  it('neighbours: a bar for each row, the region alone in the highlight colour', () => {
    const rows = model().comparison?.rows ?? [];
    expect(rows.length).toBe(13);
    const bars = items(drawing('neighbours'), 'mark-rect', 'role-mark');
    expect(bars).toHaveLength(rows.length);
    const highlighted = bars.filter((b) => b.getAttribute('fill')?.toUpperCase() === HIGHLIGHT);
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]?.getAttribute('aria-label')).toContain(model().estimate.region.name);
    expect(items(drawing('neighbours'), 'mark-text', 'role-mark')).toHaveLength(rows.length);
  });

  it('carbon: three rows, each a point and a range', () => {
    expect(model().carbon).toHaveLength(3);
    expect(items(drawing('carbon'), 'mark-symbol', 'role-mark')).toHaveLength(3);
    expect(items(drawing('carbon'), 'mark-rule', 'role-mark')).toHaveLength(3);
  });
});

describe('jsonForScript', () => {
  const values: unknown[] = [
    '</script><script>alert(1)</script>',
    { a: '<!-- x -->', b: ['&amp;', '\u2028\u2029', '>'], c: 1.5e-7, d: null, e: true },
    ['"><img src=x onerror=alert(1)>', 'line\nbreak', '\u0000', '😀', '\\u003c'],
  ];
  it.each(values)('round-trips %j through JSON.parse exactly, with no < > & or line separator', (value) => {
    for (const indent of [undefined, 2]) {
      const text = jsonForScript(value, indent);
      expect(JSON.parse(text)).toEqual(value);
      expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    }
  });
});

describe('a report on hostile names', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';
  let dir: string;
  let html: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-hostile-'));
    writeFileSync(
      join(dir, 'regions.json'),
      JSON.stringify([
        { id: 'xss-one', name: SCRIPT, kind: 'province', parent: 'china' },
        { id: 'xss-two', name: IMG, kind: 'province', parent: 'xss-one' },
      ]),
    );
    writeFileSync(
      join(dir, 'sources.json'),
      JSON.stringify([
        { id: 'xss-source', title: `${SCRIPT} ${IMG}`, evidence: 'primary', url: 'javascript:alert(1)' },
      ]),
    );
    writeFileSync(
      join(dir, 'hashrate-shares.json'),
      JSON.stringify([
        { region: 'xss-one', month: '2021-04', sharePct: 10, source: 'xss-source', evidence: 'primary' },
        { region: 'xss-two', month: '2021-04', sharePct: 50, source: 'xss-source', evidence: 'primary' },
      ]),
    );
    const hostile = await loadData({ dataDir: dir });
    const model = buildReport(hostile, 'xss-two', { year: 2021 });
    const charts = await Promise.all(
      CHART_KINDS.map(async (kind) => {
        const chart = chartOf(model, kind);
        return { chart, svg: await renderSvg(chart) };
      }),
    );
    html = renderReportHtml(model, charts, {
      command: `mining-energy report --region '${SCRIPT}'`,
      toolVersion: '0.0.0',
      data: `the data in ${dir}`,
      made: '2026-01-01',
    });
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the names only escaped', () => {
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(SCRIPT));
    expect(html).toContain(escapeHtml(IMG));
    expect(html).not.toContain('href="javascript:');
  });

  it('has no <script> but the specification blocks, and no block holds </script', () => {
    const opened = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    expect(opened).toHaveLength(CHART_KINDS.length);
    for (const tag of opened)
      expect(tag).toMatch(/^<script type="application\/json" id="spec-[a-z]+" class="vega-lite-spec">$/);
    const blocks = [...html.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(blocks).toHaveLength(CHART_KINDS.length);
    for (const block of blocks) {
      expect(block).not.toMatch(/<\/script/i);
      expect(block).not.toContain('<');
    }
  });

  it('specification blocks parse back to the chart specifications', () => {
    const blocks = [...html.matchAll(/<script type="application\/json" id="spec-([a-z]+)"[^>]*>([\s\S]*?)<\/script>/g)];
    const spec = plotOf(JSON.parse(blocks.find((m) => m[1] === 'shares')?.[2] ?? '') as Record<string, unknown>);
    expect(spec.data.values.map((v) => v.link)).toContain(drawnName(`${IMG} in ${SCRIPT}`));
  });
});

describe('renderSvg refuses what Vega-Lite warns about', () => {
  const badChart = {
    kind: 'carbon' as const,
    title: 'A bar with a shape',
    description: 'A shape is not drawn on a bar.',
    credit: '',
    table: { columns: [], rows: [] },
    spec: {
      data: { values: [{ a: 1, b: 'x' }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } },
    },
  };

  it('throws an Error naming the chart and the warning, and prints nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(renderSvg(badChart)).rejects.toThrow(
        /^The carbon chart's specification is not drawn as meant: WARN shape dropped as it is incompatible with "bar"/,
      );
      expect([...warn.mock.calls, ...log.mock.calls, ...error.mock.calls]).toEqual([]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('collectingLogger keeps warnings and errors, and only errors at the error level', () => {
    const { logger, messages } = collectingLogger();
    logger.warn('one', 2).error('three').info('not kept').debug('not kept');
    expect(messages).toEqual(['WARN one 2', 'ERROR three']);
    expect(logger.level()).toBe(2);
    logger.level(1);
    logger.warn('dropped').error('kept');
    expect(messages).toEqual(['WARN one 2', 'ERROR three', 'ERROR kept']);
  });

  it.each(['sichuan', 'texas', 'world', 'china', 'united-states'])(
    'draws every chart of %s, for the default year, 2021 and April 2021, without a warning',
    async (region) => {
      for (const options of [{}, { year: 2021 }, { month: '2021-04' }]) {
        const model = buildReport(data, region, options);
        for (const kind of CHART_KINDS) await expect(renderSvg(chartOf(model, kind))).resolves.toMatch(/^<svg/);
      }
    },
    60_000,
  );
});

describe('the network chart of a region under China', () => {
  it("draws China's projection, named with its region, as a diamond; measurements as circles", async () => {
    const model = buildReport(data, 'sichuan');
    const drawing = parseSvg(await renderSvg(chartOf(model, 'network')));
    const points = items(drawing, 'mark-symbol', 'role-mark');
    const projection = points.filter((p) => (p.getAttribute('aria-label') ?? '').includes('jiang-2021 (China)'));
    expect(projection).toHaveLength(1);
    const shapeOf = (p: Element) => (p.getAttribute('d') ?? '').replace(/[\d.-]+/g, '#');
    const circle = points.find((p) => (p.getAttribute('aria-label') ?? '').includes('cbeci;'));
    expect(circle).toBeDefined();
    expect(shapeOf(projection[0] as Element)).not.toBe(shapeOf(circle as Element));
  });
});

describe('network chart labels', () => {
  it('say a missing bound in words', () => {
    const labels = items(drawings.get('texas network') as Document, 'mark-symbol', 'role-mark').map(
      (p) => p.getAttribute('aria-label') ?? '',
    );
    expect(labels.some((l) => l.includes('Bounds (TWh): not published'))).toBe(true);
    expect(labels.some((l) => /Bounds \(TWh\): [\d.]+–[\d.]+/.test(l))).toBe(true);
  });
});

describe('the report headline', () => {
  const meta = { command: 'mining-energy report', toolVersion: '0.0.0', data: 'the shipped data', made: '2026-01-01' };

  it("says what the world's estimate rests on without an empty list of shares", () => {
    const html = renderReportHtml(buildReport(data, 'world'), [], meta);
    expect(html).toContain("<p>It is World's ");
    expect(html).not.toContain('()');
  });

  it("gives a region's chain of shares", () => {
    const html = renderReportHtml(buildReport(data, 'sichuan', { year: 2021 }), [], meta);
    expect(html).toMatch(
      /<p>It is a share of [\d.]+% of World's hashrate \(Sichuan [\d.]+% of China \([^)]+\) × China /,
    );
    // How each share was obtained, its uncertainty and the break it crosses: Sichuan's April 2021 figure applied
    // to all of 2021, across the ban of June (± 100% of 10%); China's 2021 months recorded and exact, their mean
    // (53.3 + 51.58 + 49.06 + 46.04 + 43.98 + 34.25 + 0 + 0 + 22.29 + 18.09 + 18.12 + 19.14) / 12 = 29.65%.
    expect(html).toContain(
      'Sichuan 10% of China (April 2021, ±10 points, across china-ban-2021) × China 29.65% of World (January 2021 to December 2021, mean of 12)',
    );
  });
});

describe('drawnName', () => {
  it('keeps a name up to the limit whole and cuts a longer one with an ellipsis, by characters', () => {
    expect(drawnName('Sichuan')).toBe('Sichuan');
    const long = '新'.repeat(200);
    expect([...drawnName(long)]).toHaveLength(48);
    expect(drawnName(long).endsWith('…')).toBe(true);
    expect(drawnName('😀'.repeat(48))).toBe('😀'.repeat(48));
  });
});

describe('pageWarnings', () => {
  it.each([
    [
      'No year was given: 2025 is the latest year with a total, and only the bottom-up series computed here covers it.',
      [],
    ],
    [
      'A projection for China also covers 2024 (series jiang-2021); it is not a measurement and is used only when asked for with --series jiang-2021.',
      ['A projection for China also covers 2024 (series jiang-2021).'],
    ],
    [
      "The carbon intensity is Sichuan's for 2021, 4 years from 2025.",
      ["The carbon intensity is Sichuan's for 2021, 4 years from 2025."],
    ],
    ['Share from 2021. Run `mining-energy data update` for newer figures.', ['Share from 2021.']],
  ])('%j on a page: %j', (warning, expected) => {
    const code = warning.startsWith('No year was given') ? 'default-year' : 'stale-share';
    expect(pageWarnings([warn(code, warning)]).map((w) => w.message)).toEqual(expected);
  });
});

describe('charts keep different names and series apart', () => {
  const stem = 'The Autonomous Region of a Very Long Name Indeed, ';
  it('tells names cut to the same 48 characters apart, each label at most 48 characters', () => {
    // 50 characters in common: both would be drawn as the first 47 and an ellipsis.
    const labels = drawnNames([`${stem}North`, `${stem}South`, `${stem}North`, 'Sichuan']);
    expect(labels.size).toBe(3);
    expect(labels.get(`${stem}North`)).toBe(`${[...stem].slice(0, 47).join('')}…`);
    // The second: 47 − 4 (" (2)") = 43 characters, the ellipsis, then its number.
    expect(labels.get(`${stem}South`)).toBe(`${[...stem].slice(0, 43).join('')}… (2)`);
    expect(labels.get('Sichuan')).toBe('Sichuan');
    for (const label of labels.values()) expect([...label].length).toBeLessThanOrEqual(48);
  });

  it('gives a shares chart two links, not one, when their names share their first 48 characters', () => {
    const model = models.get('sichuan') as ReportModel;
    const [first, second] = [...new Set(model.shares.map((s) => s.link))];
    const renamed = {
      ...model,
      shares: model.shares.map((s) => ({
        ...s,
        link: s.link === first ? `${stem}North` : s.link === second ? `${stem}South` : s.link,
      })),
    };
    const spec = plotOf(chartOf(renamed, 'shares').spec) as { data: { values: { link: string }[] } };
    const drawn = new Set(spec.data.values.map((v) => v.link));
    expect(drawn.size).toBe(new Set(model.shares.map((s) => s.link)).size);
  });

  it.each([
    [0, 1, 0.5, '#ff0000'],
    [120, 1, 0.25, '#008000'],
    [240, 1, 0.5, '#0000ff'],
    [60, 1, 0.5, '#ffff00'],
    [0, 0, 0.5, '#808080'],
    // By hand: half the chroma is 0.7 × min(0.58, 0.42) = 0.294; red 0.58 + 0.294 = 0.874 (222.9 of 255), green
    // 0.58 − 0.294/3 = 0.482 (122.9), blue 0.58 − 0.294 = 0.286 (72.9), each rounded.
    [20, 0.7, 0.58, '#df7b49'],
  ])('hsl(%d, %d, %d) is %s', (hue, saturation, lightness, hex) => {
    expect(hslHex(hue, saturation, lightness)).toBe(hex);
  });

  it('gives every series its own colour, and a dash of its own beyond the palette', async () => {
    expect(new Set(seriesColours(40)).size).toBe(40);
    expect(seriesColours(3)).toEqual(PALETTE.slice(0, 3));
    // As #rrggbb, which every renderer reads: the PNG renderer drew "hsl(20.1, 70%, 58%)" black.
    for (const colour of seriesColours(40)) expect(colour).toMatch(/^#[0-9A-Fa-f]{6}$/);
    const dashes = seriesDashes(17).map((d) => d.join(','));
    expect(dashes.slice(0, 8).every((d) => d === '1,0')).toBe(true);
    expect(dashes[8]).not.toBe('1,0');
    expect(dashes[16]).not.toBe(dashes[8]);
    const model = models.get('sichuan') as ReportModel;
    const many = { ...model, shares: model.shares.map((s, i) => ({ ...s, link: `link ${i % 10}` })) };
    const spec = JSON.stringify(chartOf(many, 'shares').spec);
    expect(spec).toContain('"strokeDash"');
    const plot = plotOf(JSON.parse(spec) as Record<string, unknown>);
    const range = (plot as unknown as { layer: { encoding: { color?: { scale: { range: string[] } } } }[] }).layer
      .map((l) => l.encoding.color?.scale.range)
      .find((r) => r !== undefined) as string[];
    expect(new Set(range).size).toBe(10);
    // Drawn without a warning from Vega-Lite (renderSvg refuses one), the dashes in the colours' legend.
    expect(await renderSvg(chartOf(many, 'shares'))).toContain('stroke-dasharray');
  });
});

describe("neighbours: each country's figure named with its own year", () => {
  // ember-2024 (the default list) gives each country its latest year: Malta 3.22 TWh for 2025, Suriname 2.14 TWh
  // for 2023 (data/electricity-baselines.json).
  const sichuan = () => models.get('sichuan') as ReportModel;
  const rowOf = (chart: ReturnType<typeof chartOf>, country: string) =>
    chart.table.rows.find((row) => row[1] === country) as (string | number | null)[];

  it('a country of another year than the list shows its year in the table, tooltip, label and description', () => {
    const chart = chartOf(sichuan(), 'neighbours');
    expect(chart.table.columns).toEqual(['Rank', 'Country or region', 'Year', 'TWh', 'This estimate']);
    expect(rowOf(chart, 'Malta').slice(2, 4)).toEqual([2025, 3.22]);
    expect(rowOf(chart, 'Suriname').slice(2, 4)).toEqual([2023, 2.14]);
    // The region's own bar is the estimate's year.
    expect(rowOf(chart, 'Bitcoin mining in Sichuan')[2]).toBe(String(sichuan().estimate.year));
    const values = plotOf(chart.spec).data.values;
    const malta = values.find((v) => v.country === 'Malta');
    expect(malta?.year).toBe('2025');
    expect(malta?.summary).toContain('Malta, the whole country, 2025: 3.22 TWh a year');
    expect(JSON.stringify(chart.spec)).toContain('"field":"year","title":"Year"');
    expect(chart.description).toContain('Malta 3.22 TWh (2025)');
    expect(chart.description).toContain('Suriname 2.14 TWh (2023)');
    // No row claims the list's year for all of them.
    expect(values.map((v) => v.shown)).not.toContain("A country's total electricity demand, 2024");
    expect(chart.title).toMatch(/ in 2024 or each country's latest year$/);
  });

  it('the words give the one year when every country has the same', () => {
    const model = sichuan();
    const comparison = model.comparison as NonNullable<ReportModel['comparison']>;
    const sameYear: ReportModel = {
      ...model,
      comparison: { ...comparison, rows: comparison.rows.map((r) => (r.self ? r : { ...r, year: 2022 })) },
    };
    const chart = chartOf(sameYear, 'neighbours');
    expect(chart.title).toMatch(/whole countries' electricity use in 2022$/);
    expect(chart.title).not.toContain('latest');
    expect(rowOf(chart, 'Malta')[2]).toBe(2022);
  });
});
