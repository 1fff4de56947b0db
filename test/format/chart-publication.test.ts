import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { buildReport, type ReportModel } from '../../src/core/report.js';
import { loadData } from '../../src/data/load.js';
import { EVIDENCE } from '../../src/data/vocabulary.js';
import { CHART_KINDS, chartOf, type ChartKind, creditLines, shortLicence } from '../../src/format/pictures/charts.js';
import { renderSvg } from '../../src/format/pictures/svg.js';
import { ROOT, runCli } from '../helpers.js';

/** Charts that can go in an article: what they show in their title, units, a credit line, no misreading. */

const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;

function classed(document: Document, word: string): Element[] {
  return Array.from(document.getElementsByTagName('g')).filter((g) =>
    (g.getAttribute('class') ?? '').split(/\s+/).includes(word),
  );
}

/** The texts drawn in groups of a class; a text of several lines (tspans) as its lines joined by spaces. */
function textsOf(document: Document, word: string): string[] {
  return classed(document, word).flatMap((g) =>
    Array.from(g.getElementsByTagName('text')).map((t) => {
      const lines = Array.from(t.getElementsByTagName('tspan')).map((line) => line.textContent ?? '');
      return lines.length > 0 ? lines.join(' ') : (t.textContent ?? '');
    }),
  );
}

const models = new Map<string, ReportModel>();
const drawings = new Map<string, Document>();
const REGIONS = ['sichuan', 'russia'];

beforeAll(async () => {
  const data = await loadData();
  for (const region of REGIONS) {
    const model = buildReport(data, region);
    models.set(region, model);
    for (const kind of CHART_KINDS) {
      const svg = await renderSvg(chartOf(model, kind));
      drawings.set(`${region} ${kind}`, new DOMParser().parseFromString(svg, 'image/svg+xml'));
    }
  }
}, 60_000);

/** The year or years a chart's title must name, worked out from the model's own records. */
function yearsOf(model: ReportModel, kind: ChartKind): string {
  const span = (years: number[]) => {
    const first = Math.min(...years);
    const last = Math.max(...years);
    return first === last ? `${first}` : `${first}–${last}`;
  };
  switch (kind) {
    case 'energy':
      return span(model.byYear.records.flatMap((r) => (r.record === 'estimate' ? [r.year] : [])));
    case 'shares':
      return span(model.shares.map((s) => Number(s.month.slice(0, 4))));
    case 'network':
      return span(model.network.map((n) => n.year));
    case 'neighbours':
    case 'carbon':
      return String(model.estimate.year);
    default:
      return kind satisfies never;
  }
}

describe.each(REGIONS)('charts of %s for publication', (region) => {
  const model = () => models.get(region) as ReportModel;
  const drawing = (kind: ChartKind) => drawings.get(`${region} ${kind}`) as Document;

  it.each([...CHART_KINDS])('%s: the title says bitcoin mining, where and when, in the drawing too', (kind) => {
    const chart = chartOf(model(), kind);
    expect(chart.title).toMatch(/bitcoin mining/i);
    expect(chart.title).toContain(kind === 'network' ? 'worldwide' : model().estimate.region.name);
    expect(chart.title).toContain(yearsOf(model(), kind));
    expect(textsOf(drawing(kind), 'role-title-text')).toEqual([chart.title]);
  });

  it.each([...CHART_KINDS])('%s: the quantity axis carries its unit', (kind) => {
    const units: Record<ChartKind, string> = {
      energy: 'TWh a year',
      shares: '(%)',
      network: 'TWh a year',
      neighbours: 'TWh a year',
      carbon: 'Mt CO2 a year',
    };
    expect(textsOf(drawing(kind), 'role-axis-title').some((t) => t.includes(units[kind]))).toBe(true);
  });

  it.each([...CHART_KINDS])('%s: ends with a credit line of sources, licences and the version', (kind) => {
    const chart = chartOf(model(), kind);
    const drawn = textsOf(drawing(kind), 'concat_1_marks').join(' ');
    expect(drawn).toMatch(/^Sources: /);
    expect(drawn).toContain(`Made with mining-energy ${VERSION}.`);
    expect(drawn.replace(/\s+/g, ' ')).toBe(chart.credit);
    // Every chart here rests on CBECI's figures, under CC BY-NC-SA (not verified).
    expect(chart.credit).toContain('Cambridge Centre for Alternative Finance (CC BY-NC-SA 4.0, not verified');
    const credit = (chart.spec.vconcat as { data?: { values: { credit: string[] }[] } }[])[1];
    expect(credit?.data?.values[0]?.credit.join(' ')).toBe(chart.credit);
  });

  it("neighbours: the region's bar is labelled as bitcoin mining in the region, apart from whole countries", () => {
    const name = model().estimate.region.name;
    const labels = textsOf(drawing('neighbours'), 'role-axis-label');
    const self = model().comparison?.rows.find((r) => r.self);
    expect(labels).toContain(`${self?.rank}. Bitcoin mining in ${name}`);
    expect(labels.filter((l) => l.includes('Bitcoin mining'))).toHaveLength(1);
    expect(chartOf(model(), 'neighbours').spec.title).toMatchObject({
      subtitle: expect.stringContaining(`the highlighted bar is bitcoin mining in ${name}, the others whole countries`),
    });
  });

  it('shares: the evidence legend lists only the grades drawn', () => {
    const drawn = new Set(model().shares.map((s) => s.evidence));
    const labels = textsOf(drawing('shares'), 'role-legend-label');
    for (const grade of EVIDENCE) expect(labels.includes(grade), grade).toBe(drawn.has(grade));
  });

  it('network: calls its values model estimates, never measurements, and lists only the kinds drawn', () => {
    const labels = textsOf(drawing('network'), 'role-legend-label');
    expect(labels).toContain('published model estimate');
    expect(labels).toContain('model estimate computed here');
    expect(labels.includes('projection')).toBe(model().network.some((n) => n.kind === 'projection'));
    const everything = JSON.stringify(chartOf(model(), 'network'));
    expect(everything).not.toMatch(/measurement/i);
  });

  it('network: draws no line across a year a series has no value for (Digiconomist has none for 2023)', () => {
    const digiconomist = model()
      .network.filter((n) => n.series === 'digiconomist')
      .map((n) => n.year);
    expect(digiconomist).toContain(2022);
    expect(digiconomist).toContain(2024);
    expect(digiconomist).not.toContain(2023);
    // One line for each run of consecutive years of each series, counted here from the model's years.
    const bySeries = new Map<string, number[]>();
    for (const n of model().network)
      bySeries.set(`${n.series} ${n.scope.id}`, [...(bySeries.get(`${n.series} ${n.scope.id}`) ?? []), n.year]);
    let runs = 0;
    for (const years of bySeries.values()) {
      const sorted = [...years].sort((a, b) => a - b);
      runs += 1 + sorted.filter((year, i) => i > 0 && year - (sorted[i - 1] as number) > 1).length;
    }
    const lines = classed(drawing('network'), 'mark-line').flatMap((g) =>
      Array.from(g.childNodes).filter((n) => n.nodeType === 1),
    );
    expect(lines).toHaveLength(runs);
  });
});

describe('credit lines', () => {
  it.each([
    ['not verified; believed to be CC BY-NC-SA 4.0 (check the terms)', 'CC BY-NC-SA 4.0, not verified'],
    ['CC BY 4.0 (credit Ember)', 'CC BY 4.0'],
    ['CC BY-NC 4.0 (attribution, non-commercial), according to the LICENSE', 'CC BY-NC 4.0'],
    ['US government work, generally public domain (not verified)', 'public domain (US government), not verified'],
    ['Open Government Licence v3.0', 'Open Government Licence v3.0'],
    [
      "the computation is this package's (MIT); its figures rest on data (CC BY-NC 4.0)",
      'MIT, on data under CC BY-NC 4.0',
    ],
    ['news article; figures cited, text not reproduced', 'figures cited'],
    [undefined, 'licence not stated'],
  ])('%j is credited as %j', (licence, short) => {
    expect(shortLicence(licence)).toBe(short);
  });

  it('names each publisher once with its licences, then the tool, in lines of at most 100 characters', () => {
    const sources = [
      {
        id: 'a',
        title: 'A',
        evidence: 'copy' as const,
        publisher: 'Publisher One, as copied by X',
        licence: 'CC BY 4.0',
      },
      { id: 'b', title: 'B', evidence: 'copy' as const, publisher: 'Publisher One', licence: 'CC BY 4.0' },
      { id: 'c', title: 'C', evidence: 'copy' as const, licence: 'news; figures cited' },
    ];
    const lines = creditLines(sources, '9.9.9');
    expect(lines.join(' ')).toBe(
      'Sources: Publisher One (CC BY 4.0); c (figures cited). Made with mining-energy 9.9.9.',
    );
    const long = creditLines(
      Array.from({ length: 12 }, (_, i) => ({
        id: `s${i}`,
        title: 'T',
        evidence: 'copy' as const,
        publisher: `Publisher number ${i}`,
        licence: 'CC BY 4.0',
      })),
      '1.0.0',
    );
    expect(long.length).toBeGreaterThan(1);
    for (const line of long) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('chart on the command line', () => {
  it("prints the estimate's warnings on stderr, after the line saying what it wrote", async () => {
    const { code, stdout, stderr } = await runCli(['chart', 'carbon', '--region', 'sichuan', '--year', '2021']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<svg/);
    // Its changes-meaning warnings, a line each, then the count of the notes (the carbon chart's carbon ones too).
    expect(stderr).toMatch(/^warning \(pre-break-share\): a share is from before a break \(a ban, a move\)$/m);
    expect(stderr).toMatch(/^\d+ notes? \(.*\): --explain shows all in full$/m);
    const explained = await runCli(['chart', 'carbon', '--region', 'sichuan', '--year', '2021', '--explain']);
    expect(explained.stderr).toContain("Sichuan's share of China");
  });
});
