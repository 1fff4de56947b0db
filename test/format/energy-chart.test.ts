import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { BY_YEAR_FROM, buildReport, type ReportModel } from '../../src/core/report.js';
import { loadData } from '../../src/data/load.js';
import type { Dataset } from '../../src/data/dataset.js';
import { type Chart, chartOf } from '../../src/format/pictures/charts.js';
import { renderSvg } from '../../src/format/pictures/svg.js';
import { ROOT, runCli } from '../helpers.js';

/** The "electricity by year" chart: the numbers of `estimate --years`, its marks, and its breaks. */

const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;

/** What the test reads of `estimate --years … --json`: the program's own output, not the chart's model. */
interface YearRecord {
  record: string;
  year: number;
  energy: { twh: number; lowerTwh: number | null; upperTwh: number | null };
  basis: { series: string; coverage: string };
  share: { links: { obtained: string }[] };
  changes: { what: string }[];
}

/** Relative tolerance for figures computed twice by the same functions (the JSON keeps 10 significant digits: half a unit of the last is 5e-10 of the value). */
const SAME = 1e-9;

function expectSame(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), what).toBeLessThanOrEqual(SAME * Math.max(1, Math.abs(expected)));
}

function groups(document: Document, ...words: string[]): Element[] {
  return Array.from(document.getElementsByTagName('g')).filter((g) => {
    const classes = (g.getAttribute('class') ?? '').split(/\s+/);
    return !classes.includes('concat_1_marks') && words.every((w) => classes.includes(w));
  });
}

/** The drawn items of a mark: the element children of its groups. */
function items(document: Document, ...words: string[]): Element[] {
  return groups(document, ...words).flatMap((g) =>
    Array.from(g.childNodes).filter((n): n is Element => n.nodeType === 1),
  );
}

function texts(document: Document, ...words: string[]): string[] {
  return groups(document, ...words).flatMap((g) =>
    Array.from(g.getElementsByTagName('text')).map((t) => t.textContent ?? ''),
  );
}

let data: Dataset;
const cases = new Map<string, { model: ReportModel; chart: Chart; drawing: Document; years: YearRecord[] }>();

beforeAll(async () => {
  data = await loadData();
  for (const region of ['sichuan', 'texas']) {
    const model = buildReport(data, region);
    const chart = chartOf(model, 'energy');
    const drawing = new DOMParser().parseFromString(await renderSvg(chart), 'image/svg+xml');
    // The latest year is the default year of an estimate (the year `estimate --region r` is for).
    const latest = model.estimate.year;
    const run = await runCli(['estimate', '--region', region, '--years', `${BY_YEAR_FROM}-${latest}`, '--json']);
    expect(run.code, run.stderr).toBe(0);
    cases.set(region, { model, chart, drawing, years: JSON.parse(run.stdout) as YearRecord[] });
  }
}, 60_000);

describe.each(['sichuan', 'texas'])('the electricity-by-year chart of %s', (region) => {
  const the = () => cases.get(region) as NonNullable<ReturnType<typeof cases.get>>;
  const estimated = () => the().years.filter((r) => r.record === 'estimate');

  it('has the figures of estimate --years, a row for each year from 2016 to the latest', () => {
    const { chart, years, model } = the();
    expect(years.map((r) => r.year)).toEqual(
      Array.from({ length: model.estimate.year - 2016 + 1 }, (_, i) => 2016 + i),
    );
    expect(chart.table.columns.slice(0, 4)).toEqual(['Year', 'TWh', 'Lower TWh', 'Upper TWh']);
    expect(chart.table.rows.map((row) => row[0])).toEqual(years.map((r) => r.year));
    for (const [i, record] of years.entries()) {
      const row = chart.table.rows[i] as (number | null)[];
      expectSame(row[1] as number, record.energy.twh, `${record.year} TWh`);
      expectSame(row[2] as number | null, record.energy.lowerTwh, `${record.year} lower`);
      expectSame(row[3] as number | null, record.energy.upperTwh, `${record.year} upper`);
    }
    // The plotted values are those figures too.
    const plotted = ((chart.spec.vconcat as { data: { values: { year: number; twh: number }[] } }[])[0]?.data.values ??
      []) as { year: number; twh: number }[];
    expect(plotted.map((v) => v.year)).toEqual(years.map((r) => r.year));
    for (const [i, v] of plotted.entries()) expectSame(v.twh, (years[i] as YearRecord).energy.twh, `${v.year} drawn`);
  });

  it('is titled with bitcoin mining, the region and the years, its axes in years and TWh a year', () => {
    const { chart, drawing, model } = the();
    const name = region === 'sichuan' ? 'Sichuan' : 'Texas';
    expect(chart.title).toBe(`Bitcoin mining in ${name}: electricity by year, 2016–${model.estimate.year}`);
    expect(texts(drawing, 'role-title-text')).toEqual([chart.title]);
    expect(texts(drawing, 'role-axis-title')).toEqual(expect.arrayContaining(['Year', 'Electricity (TWh a year)']));
    const yearLabels = texts(drawing, 'role-axis-label').filter((l) => /^\d{4}$/.test(l));
    expect(yearLabels).toContain('2016');
    expect(yearLabels).toContain(String(model.estimate.year));
  });

  it('ends with the credit line of its sources and the version', () => {
    const { chart, drawing } = the();
    const drawn = Array.from(drawing.getElementsByTagName('g'))
      .filter((g) => (g.getAttribute('class') ?? '').split(/\s+/).includes('concat_1_marks'))
      .flatMap((g) => Array.from(g.getElementsByTagName('tspan')).map((t) => t.textContent ?? ''))
      .join(' ');
    expect(drawn).toMatch(/^Sources: /);
    expect(drawn).toContain('Cambridge Centre for Alternative Finance (CC BY-NC-SA 4.0, not verified');
    expect(drawn).toContain(`Made with mining-energy ${VERSION}.`);
    expect(drawn.replace(/\s+/g, ' ')).toBe(chart.credit);
  });

  it('draws the bounds as one band over the years, and a point for each year', () => {
    const { drawing } = the();
    // No year is skipped: one stretch of years, one band and one line.
    expect(items(drawing, 'mark-area', 'role-mark')).toHaveLength(1);
    expect(items(drawing, 'mark-line', 'role-mark')).toHaveLength(1);
    expect(items(drawing, 'mark-symbol', 'role-mark')).toHaveLength(estimated().length);
    const subtitle = texts(drawing, 'role-title-subtitle').join(' ');
    expect(subtitle).toContain('bounds (band)');
  });

  it('marks partial years hollow, computed years square, and colours years by how their shares were obtained', () => {
    const { drawing } = the();
    const points = items(drawing, 'mark-symbol', 'role-mark');
    const label = (year: number) =>
      points.find((p) => (p.getAttribute('aria-label') ?? '').startsWith(`Year: ${year};`));
    for (const record of estimated()) {
      const point = label(record.year) as Element;
      expect(point, String(record.year)).toBeDefined();
      const partial = record.basis.coverage === 'partial-year' || record.basis.coverage === 'snapshot';
      const hollow = point.getAttribute('fill') === 'transparent' || !point.hasAttribute('fill');
      expect(hollow, `${record.year} hollow`).toBe(partial);
      // A circle's path is drawn with arcs; a square's with straight lines only.
      const square = !/[Aa]/.test(point.getAttribute('d') ?? '');
      expect(square, `${record.year} square`).toBe(record.basis.series === 'bottom-up');
      const obtained = record.share.links.map((l) => l.obtained);
      // Okabe–Ito vermilion for a carried share, bluish green for an interpolated one, blue for recorded shares.
      const colour = obtained.includes('carried')
        ? '#D55E00'
        : obtained.includes('interpolated')
          ? '#009E73'
          : '#0072B2';
      expect(point.getAttribute(partial ? 'stroke' : 'fill'), `${record.year} colour`).toBe(colour);
    }
  });

  it('lists in its legend only the kinds of year it draws', () => {
    const { drawing } = the();
    const legend = texts(drawing, 'role-legend-label');
    const obtained = (how: string) => estimated().some((r) => r.share.links.some((l) => l.obtained === how));
    const carried = estimated().filter((r) => r.share.links.some((l) => l.obtained === 'carried'));
    expect(legend.includes('carried from the nearest record (c)')).toBe(carried.length > 0);
    expect(legend.includes('interpolated between records (i)')).toBe(
      estimated().some(
        (r) =>
          r.share.links.some((l) => l.obtained === 'interpolated') &&
          !r.share.links.some((l) => l.obtained === 'carried'),
      ),
    );
    expect(obtained('recorded')).toBe(true);
    expect(legend.includes('computed here (bottom-up model)')).toBe(
      estimated().some((r) => r.basis.series === 'bottom-up'),
    );
  });

  it('marks each change of source with a dashed rule and a label naming the year', () => {
    const { drawing } = the();
    const changed = estimated().filter((r) => r.changes.length > 0);
    expect(changed.length).toBeGreaterThan(0);
    expect(items(drawing, 'mark-rule', 'role-mark')).toHaveLength(changed.length);
    // The rules' labels, not the letters over the points.
    const labels = texts(drawing, 'mark-text', 'role-mark').filter((l) => l.includes(':'));
    expect(labels.map((l) => l.split(':')[0])).toEqual(changed.map((r) => String(r.year)));
    for (const record of changed.filter((r) => r.changes.some((c) => c.what === 'basis'))) {
      expect(labels.find((l) => l.startsWith(`${record.year}:`))).toContain(`basis ${record.basis.series}`);
    }
  });

  it("tells the shares' provenance by a letter over the point as well as by colour", () => {
    const { chart, drawing } = the();
    // From `estimate --years`: a year's shares are carried when any link is, else interpolated when any is.
    const how = (r: YearRecord) => {
      const obtained = r.share.links.map((l) => l.obtained);
      return obtained.includes('carried') ? 'carried' : obtained.includes('interpolated') ? 'interpolated' : 'recorded';
    };
    const letters = texts(drawing, 'mark-text', 'role-mark').filter((l) => !l.includes(':'));
    const count = (kind: string) => estimated().filter((r) => how(r) === kind).length;
    expect(letters.filter((l) => l === 'c')).toHaveLength(count('carried'));
    expect(letters.filter((l) => l === 'i')).toHaveLength(count('interpolated'));
    expect(letters).toHaveLength(count('carried') + count('interpolated'));

    // In the specification: a channel other than colour draws a field that tells the three apart, one to one.
    const plot = (chart.spec.vconcat as Record<string, unknown>[])[0] as {
      data: { values: Record<string, unknown>[] };
      layer: { encoding?: Record<string, { field?: string }> }[];
    };
    const values = plot.data.values;
    const tellsApart = (field: string) => {
      const pairs = new Set(values.map((v) => `${String(v[field])}|${String(v.shares)}`));
      return (
        pairs.size === new Set(values.map((v) => v.shares)).size &&
        pairs.size === new Set(values.map((v) => v[field])).size
      );
    };
    const colourless = plot.layer.flatMap((layer) =>
      Object.entries(layer.encoding ?? {}).flatMap(([channel, def]) =>
        ['color', 'fill', 'stroke', 'tooltip', 'description', 'x', 'y'].includes(channel) || def.field === undefined
          ? []
          : [{ channel, field: def.field }],
      ),
    );
    const provenance = colourless.filter(({ field }) => field !== 'shares' && tellsApart(field));
    expect(provenance.map((p) => p.channel)).toContain('text');
    // The legend names each letter: a colour's label ends with the letter drawn for it.
    for (const v of values.filter((v) => v.sharesLetter !== '')) {
      expect(String(v.shares).endsWith(`(${String(v.sharesLetter)})`)).toBe(true);
    }
  });
});

describe("Sichuan's chart, by hand from the data", () => {
  it('names the regions and series of its changes of source, not their ids', () => {
    const { drawing } = cases.get('sichuan') as NonNullable<ReturnType<typeof cases.get>>;
    // The shipped data: Sichuan's share of China changes source in 2021, China's of the world in 2023 and 2025,
    // when the basis becomes the bottom-up series computed here (a world series, named by its id).
    const labels = texts(drawing, 'mark-text', 'role-mark').filter((l) => l.includes(':'));
    expect(labels).toEqual([
      '2021: share of Sichuan in China',
      '2023: share of China in World',
      '2025: basis bottom-up; share of China in World',
    ]);
  });

  it('has 2025 computed here and annualised, and changes of source in 2021, 2023 and 2025', () => {
    const { chart, model } = cases.get('sichuan') as NonNullable<ReturnType<typeof cases.get>>;
    // The shipped data: CBECI's export ends in November 2024 (2024 annualised); 2025 rests on the bottom-up
    // series computed from the daily inputs, through part of the year; Sichuan's share source changes in 2021
    // (Reuters), China's in 2023 and 2025 (Hashrate Index).
    expect(model.estimate.year).toBe(2025);
    const row = (year: number) => chart.table.rows.find((r) => r[0] === year) ?? [];
    expect(row(2025)[4]).toBe('bottom-up (computed here)');
    expect(row(2025)[5]).toBe('partial-year');
    expect(row(2024)[5]).toBe('partial-year');
    expect(row(2016)[5]).toBe('year');
    expect(chart.table.rows.filter((r) => r[7] !== '').map((r) => r[0])).toEqual([2021, 2023, 2025]);
    expect(chart.description).toContain('Hollow points rest on part of a year');
    expect(chart.description).toContain(': 2024, 2025.');
  });
});

describe('a year that cannot be estimated', () => {
  // Digiconomist's series has no value for 2023: with it as the basis, 2023 cannot be estimated.
  let model: ReportModel;
  let chart: Chart;
  let drawing: Document;
  beforeAll(async () => {
    model = buildReport(data, 'sichuan', { series: 'digiconomist' });
    chart = chartOf(model, 'energy');
    drawing = new DOMParser().parseFromString(await renderSvg(chart), 'image/svg+xml');
  });

  it('is left out of the line, which is broken there, and named in the description', () => {
    const years = chart.table.rows.map((r) => r[0]);
    // The years before Digiconomist's first (2022) have no estimate: the chart starts at its first.
    expect(years[0]).toBe(2022);
    expect(model.byYear.from).toBe(2022);
    const skipped = chart.table.rows.filter((r) => r[1] === null);
    expect(skipped.map((r) => r[0])).toEqual([2023]);
    expect(String(skipped[0]?.[8])).toMatch(/^not estimated: .*digiconomist.* no value for 2023/);
    expect(chart.title).toBe(`Bitcoin mining in Sichuan: electricity by year, 2022–${String(years.at(-1))}`);
    expect(chart.description).toMatch(/Not estimated, so the line is broken there: 2023 \(/);
    // Two lines: 2022 alone, and from 2024 on; neither reaches across 2023.
    const lines = items(drawing, 'mark-line', 'role-mark').map(
      (p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1,
    );
    expect(lines.sort()).toEqual([1, years.length - 2]);
    // 2022's bounds, alone, are a bar; the others a band.
    expect(items(drawing, 'mark-rule', 'role-mark').length).toBeGreaterThanOrEqual(1);
    expect(texts(drawing, 'role-title-subtitle').join(' ')).toContain('no estimate: 2023');
  });
});

describe('chart energy on the command line', () => {
  it('writes the SVG, and the warnings of its years on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['chart', 'energy', '--region', 'sichuan']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<svg/);
    expect(stdout).toContain('Bitcoin mining in Sichuan: electricity by year, 2016–');
    // 2025 rests on the computed series, part of the year: both change the meaning, and are said.
    expect(stderr).toMatch(/^warning \(computed-basis\): /m);
    expect(stderr).toMatch(/^warning \(partial-year\): /m);
    // Carbon is not drawn: no carbon warning.
    expect(stderr).not.toMatch(/carbon/i);
  });

  it('writes its Vega-Lite specification, and says a year left out', async () => {
    const { code, stdout, stderr } = await runCli([
      'chart',
      'energy',
      '--region',
      'sichuan',
      '--series',
      'digiconomist',
      '--format',
      'vega-lite',
    ]);
    expect(code).toBe(0);
    const spec = JSON.parse(stdout) as { $schema: string; title: { text: string }; description: string };
    expect(spec.$schema).toMatch(/vega-lite/);
    expect(spec.title.text).toMatch(/^Bitcoin mining in Sichuan: electricity by year, 2022–/);
    expect(spec.description).toContain('2023');
    expect(stderr).toMatch(/^warning \(region-skipped\): /m);
    const explained = await runCli(['chart', 'energy', '--region', 'sichuan', '--series', 'digiconomist', '--explain']);
    expect(explained.stderr).toMatch(/No estimate for 2023, left out of the chart: /);
  });
});
