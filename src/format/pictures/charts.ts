import { type EnergyYear, energyYearOf, type ReportModel } from '../../core/report.js';
import { packageInfo } from '../../data/package.js';
import type { Source } from '../../data/schemas.js';
import { EVIDENCE } from '../../data/vocabulary.js';
import { formatNumber } from '../terminal/numbers.js';
import { monthIndex } from '../../core/common/period.js';
import { compareText } from '../../text.js';

import { type ChartKind, CHART_KINDS } from './chart-kinds.js';

export { type ChartKind, CHART_KINDS };

/** A table of the figures a chart draws: what a screen reader, a printout in grey or a spreadsheet reads. */
export interface ChartTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** One chart: its words, its Vega-Lite specification (which a user can remix) and the figures behind it. */
export interface Chart {
  kind: ChartKind;
  title: string;
  /** What the chart shows, in a sentence or two: the SVG's description for screen readers, and the caption. */
  description: string;
  spec: Record<string, unknown>;
  table: ChartTable;
  /** The credit line drawn at the chart's foot: its sources, their licences and the tool's version. */
  credit: string;
}

/** Vega-Lite's schema for the specifications made here (the major version the renderer compiles). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Colours from Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies; every
 * distinction a colour makes is made again by a shape, a dash or a label, so that a greyscale printout keeps it.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
/** The region among countries, and everything else, in the comparison chart: dark against light in grey too. */
const HIGHLIGHT = '#D55E00';
const MUTED = '#BBBBBB';
/** A shape for each evidence grade, in EVIDENCE's order. */
const EVIDENCE_SHAPES = ['circle', 'square', 'diamond', 'triangle-up'];

/** The charts' font, which the report's page uses too, so that text reads the same in both. */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

const WIDTH_PX = 560;
const HEIGHT_PX = 260;

/** The most characters of a line of the credit drawn under a chart (at its small font, within the chart's width). */
const CREDIT_LINE_CHARS = 100;
const CREDIT_FONT_SIZE = 9;

/**
 * A licence in a few words, for a credit line: the Creative Commons or government licence it names, marked when
 * the data say it is not verified; for a figure cited from a text, that it is cited; else the licence's first clause.
 */
export function shortLicence(licence: string | undefined): string {
  if (licence === undefined) return 'licence not stated';
  const unverified = /not verified|believed/i.test(licence) ? ', not verified' : '';
  const cc = /CC BY(?:-[A-Z]{2})*(?:-[A-Z]{2})? \d\.\d/.exec(licence);
  // The tool's own computation: its code's licence, and the terms of the data it ran on.
  if (/\(MIT\)/.test(licence)) return `MIT${cc ? `, on data under ${cc[0]}` : ''}`;
  if (cc) return `${cc[0]}${unverified}`;
  if (/Open Government Licence v3\.0/.test(licence)) return 'Open Government Licence v3.0';
  if (/public domain/i.test(licence)) return `public domain (US government)${unverified}`;
  if (/figures cited/i.test(licence)) return 'figures cited';
  const first = licence.split(/[;(]/)[0]?.trim() ?? licence;
  return first.length <= 40 ? first : `${first.slice(0, 39)}…`;
}

/**
 * The credit line of a chart: each source it draws on (by publisher, else id) with its licence in a few words,
 * then the tool and its version; split into lines a chart's width can hold.
 */
export function creditLines(sources: readonly Source[], toolVersion: string): string[] {
  const named = new Map<string, Set<string>>();
  for (const source of sources) {
    // The publisher's own name, without the "as quoted by…" that follows it.
    const who = drawnName((source.publisher ?? source.id).split(/[,(;]/)[0]?.trim() || source.id);
    const licences = named.get(who) ?? new Set<string>();
    licences.add(shortLicence(source.licence));
    named.set(who, licences);
  }
  const parts = [...named].map(([who, licences]) => `${who} (${[...licences].join('; ')})`);
  const words = `Sources: ${parts.length === 0 ? 'none' : parts.join('; ')}. Made with mining-energy ${toolVersion}.`;
  const lines: string[] = [];
  let line = '';
  for (const word of words.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > CREDIT_LINE_CHARS) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The sources of a report with these ids, in the report's order. */
function sourcesWithIds(model: ReportModel, ids: Iterable<string | null>): Source[] {
  const wanted = new Set(ids);
  return model.sources.filter((s) => wanted.has(s.id));
}

/** Keys of a specification that belong to the chart itself, not to the page it sits on. */
const FRAME_KEYS = new Set(['$schema', 'title', 'description', 'background', 'config']);

/**
 * The chart's specification with its credit drawn below it: the chart itself and a block of text, one above the
 * other, under the chart's title.
 */
function withCredit(spec: Record<string, unknown>, lines: readonly string[]): Record<string, unknown> {
  const frameOf = Object.fromEntries(Object.entries(spec).filter(([key]) => FRAME_KEYS.has(key)));
  const chart = Object.fromEntries(Object.entries(spec).filter(([key]) => !FRAME_KEYS.has(key)));
  const credit = {
    width: WIDTH_PX,
    height: lines.length * (CREDIT_FONT_SIZE + 3),
    data: { values: [{ credit: lines }] },
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      fontSize: CREDIT_FONT_SIZE,
      lineHeight: CREDIT_FONT_SIZE + 3,
      color: '#555555',
      aria: false,
    },
    encoding: { text: { field: 'credit' }, x: { value: 0 }, y: { value: 0 } },
  };
  return { ...frameOf, vconcat: [chart, credit], spacing: 14 };
}

/** "2024", or "April 2021" style month as YYYY-MM: the period an estimate is for, for a title. */
function periodOf(model: ReportModel): string {
  return model.estimate.month ?? String(model.estimate.year);
}

/** "2019–2025", or one year. */
function yearSpan(years: readonly number[]): string {
  if (years.length === 0) return '';
  const first = Math.min(...years);
  const last = Math.max(...years);
  return first === last ? String(first) : `${first}–${last}`;
}

/** The settings every chart shares: size, font and a white background for slides and print. */
function frame(title: string, subtitle: string, description: string): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: title, subtitle, anchor: 'start' },
    description,
    width: WIDTH_PX,
    height: HEIGHT_PX,
    background: 'white',
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right', direction: 'vertical', labelLimit: 320 },
      title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#444444' },
    },
  };
}

const monthDate = (month: string) => `${month}-01`;

/** The most characters of a name drawn in a chart: a longer one (the data allows 10,000) is cut with an ellipsis. */
export const MAX_DRAWN_NAME_CHARS = 48;

/** A name as a chart draws it; the chart's table and the page keep it whole. */
export function drawnName(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_DRAWN_NAME_CHARS ? name : `${chars.slice(0, MAX_DRAWN_NAME_CHARS - 1).join('')}…`;
}

/**
 * The names as a chart draws them, each distinct name its own label: names cut to the same first characters are
 * told apart by a number after the ellipsis ("A very long… (2)"), so that two regions or series never merge into
 * one line or one legend entry.
 */
export function drawnNames(names: readonly string[]): Map<string, string> {
  const drawn = new Map<string, string>();
  const used = new Set<string>();
  const clashing: string[] = [];
  for (const name of new Set(names)) {
    const label = drawnName(name);
    if (used.has(label)) clashing.push(name);
    else {
      used.add(label);
      drawn.set(name, label);
    }
  }
  for (const name of clashing) {
    const chars = [...name];
    for (let k = 2; ; k++) {
      const suffix = ` (${k})`;
      const label = `${chars.slice(0, MAX_DRAWN_NAME_CHARS - 1 - suffix.length).join('')}…${suffix}`;
      if (used.has(label)) continue;
      used.add(label);
      drawn.set(name, label);
      break;
    }
  }
  return drawn;
}

/** Line dashes that tell apart series sharing a colour once the palette runs out: solid for the first eight. */
const OVERFLOW_DASHES: readonly (readonly number[])[] = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [1, 3],
  [12, 4],
];

/**
 * A colour given by hue (degrees), saturation and lightness (0 to 1) as #rrggbb: the form every renderer reads
 * (the PNG renderer takes an HSL colour with a fractional hue for black).
 */
export function hslHex(hueDeg: number, saturation: number, lightness: number): string {
  const halfChroma = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hueDeg / 30) % 12;
    const value = lightness - halfChroma * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * A colour for each of `count` series: the palette's, then (when there are more series than it has colours) more
 * of other hues, each distinct, so that no two series share one.
 */
export function seriesColours(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) =>
    i < PALETTE.length ? (PALETTE[i] as string) : hslHex((i * 137.508) % 360, 0.7, [0.32, 0.45, 0.58][i % 3] as number),
  );
}

/** A dash for each of `count` series: solid while the palette lasts, then one pattern for each round of it. */
export function seriesDashes(count: number): (readonly number[])[] {
  return Array.from(
    { length: Math.max(1, count) },
    (_, i) => OVERFLOW_DASHES[Math.floor(i / PALETTE.length) % OVERFLOW_DASHES.length] as readonly number[],
  );
}

/** An encoding of a nominal field through a scale of its own: each value of `domain` drawn as the same place's `range`. */
function nominalScale<T>(field: string, title: string, domain: readonly string[], range: readonly T[]) {
  return { field, type: 'nominal', title, scale: { domain, range } };
}

/**
 * A layer of text drawn twice: first outlined in white, then itself on top, so that it reads over the lines and
 * points beneath it.
 */
function haloed(layer: { mark: Record<string, unknown> } & Record<string, unknown>): Record<string, unknown>[] {
  return [{ ...layer, mark: { ...layer.mark, stroke: 'white', strokeWidth: 3, strokeJoin: 'round' } }, layer];
}

/** The region's share history and its parents', with evidence marked and structural breaks as vertical rules. */
function sharesChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const linkNames = drawnNames(model.shares.map((s) => s.link));
  const links = [...new Set(linkNames.values())];
  const months = model.shares.map((s) => s.month).sort();
  const span = yearSpan(months.map((m) => Number(m.slice(0, 4))));
  const title = `Bitcoin mining in ${name}: recorded shares of hashrate${span === '' ? '' : `, ${span}`}`;
  const description =
    model.shares.length === 0
      ? `No share of ${name} or its parents is recorded.`
      : `Each recorded monthly share of ${links.join(', and of ')}, in percent of the parent's hashrate, from ${months[0] ?? ''} to ${months.at(-1) ?? ''}; the point's shape gives the evidence grade (hollow: approximate), and dashed vertical rules mark events that break the history (${model.breaks.map((b) => `${b.title}, ${b.month}`).join('; ') || 'none recorded'}), across which the lines are not joined.`;
  // A line joins the shares of one link within one stretch between the events that break that link's history.
  const points = model.shares.map((s) => ({ ...s, link: linkNames.get(s.link) as string, date: monthDate(s.month) }));
  const x = {
    field: 'date',
    type: 'temporal',
    timeUnit: 'utcyearmonth',
    // The axis is labelled by year; the month of each point is in its tooltip and label, titled "Month".
    title: 'Year',
    // Room at each end, so that the first and last points are drawn whole.
    scale: { padding: 8 },
    axis: { format: '%Y', labelOverlap: true, tickCount: 'year' },
  };
  const y = { field: 'pct', type: 'quantitative', title: "Share of the parent's hashrate (%)" };
  const color = nominalScale('link', 'Share of', links, seriesColours(links.length));
  // Beyond the palette's colours, a dash of its own too; the same field and title, so one legend shows both.
  const linkDash = nominalScale('link', 'Share of', links, seriesDashes(links.length));
  // The legend lists only the grades drawn; each keeps its own shape whichever others are there.
  const drawnGrades = EVIDENCE.filter((grade) => model.shares.some((s) => s.evidence === grade));
  const shape = nominalScale(
    'evidence',
    'Evidence',
    drawnGrades,
    drawnGrades.map((grade) => EVIDENCE_SHAPES[EVIDENCE.indexOf(grade)]),
  );
  const tooltip = [
    { field: 'link', title: 'Share of' },
    { field: 'month', title: 'Month' },
    { field: 'pct', title: 'Share (%)' },
    { field: 'evidence', title: 'Evidence' },
    { field: 'source', title: 'Source' },
  ];
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'line', strokeWidth: 1.5, aria: false },
      // Joined only within one source and one stretch between breaks: readings of different sources (CBECI's
      // map, a pool's users) are not one series.
      encoding: {
        x,
        y,
        color,
        ...(links.length > PALETTE.length ? { strokeDash: linkDash } : {}),
        detail: [
          { field: 'segment', type: 'ordinal' },
          { field: 'source', type: 'nominal' },
        ],
      },
    },
    {
      transform: [{ filter: 'datum.approximate === false' }],
      mark: { type: 'point', filled: true, size: 70, opacity: 1 },
      encoding: { x, y, color, shape, tooltip },
    },
    {
      transform: [{ filter: 'datum.approximate === true' }],
      mark: { type: 'point', filled: false, size: 70, strokeWidth: 1.5, opacity: 1 },
      encoding: { x, y, color, shape, tooltip },
    },
  ];
  // Drawn last, over the rules of the breaks too.
  const nameLayers: Record<string, unknown>[] = [];
  if (points.length > 0) {
    // Each link's name over its highest point, once for each run of its points (a run ends where a year and
    // more pass without one), so that the links are told apart without their colours (in grey, by colour-blind
    // eyes): reading away from the nearer end of the axis, so that it stays over the plot. Its white outline is
    // drawn under the lines and points, so that it hides the grid but no figure.
    const times = points.map((p) => Date.parse(p.date));
    const middle = (Math.min(...times) + Math.max(...times)) / 2;
    const named = links.flatMap((link) => {
      const own = points.filter((p) => p.link === link).sort((a, b) => compareText(a.month, b.month));
      const runs: (typeof own)[] = [];
      own.forEach((p, i) => {
        const before = own[i - 1];
        if (before === undefined || monthIndex(p.month) - monthIndex(before.month) > 12) runs.push([p]);
        else runs.at(-1)?.push(p);
      });
      return runs.map((run) => {
        const top = run.reduce((a, b) => (b.pct > a.pct ? b : a));
        return { link, date: top.date, pct: top.pct, align: Date.parse(top.date) > middle ? 'right' : 'left' };
      });
    });
    const [outlines, names] = [0, 1].map((drawn) =>
      (['left', 'right'] as const).map(
        (align) =>
          haloed({
            data: { values: named },
            transform: [{ filter: `datum.align === '${align}'` }],
            mark: {
              type: 'text',
              align,
              baseline: 'bottom',
              dx: align === 'left' ? 4 : -4,
              dy: -7,
              fontSize: 10,
              color: '#333333',
              aria: false,
            },
            encoding: { x, y, text: { field: 'link' } },
          })[drawn] as Record<string, unknown>,
      ),
    ) as [Record<string, unknown>[], Record<string, unknown>[]];
    layers.unshift(...outlines);
    nameLayers.push(...names);
  }
  if (model.breaks.length > 0) {
    const breaks = {
      values: model.breaks.map((b) => ({ ...b, date: monthDate(b.month), summary: `${b.title}, ${b.month}` })),
    };
    layers.push(
      {
        data: breaks,
        mark: { type: 'rule', color: '#000000', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: {
          x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' },
          description: { field: 'summary' },
        },
      },
      {
        data: breaks,
        // Above the plot, where no point can be under it.
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'bottom',
          dx: 3,
          dy: -3,
          fontSize: 10,
          color: '#000000',
          aria: false,
        },
        encoding: {
          x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' },
          y: { value: 0 },
          text: { field: 'title' },
        },
      },
    );
  }
  layers.push(...nameLayers);
  const credit = creditLines(
    sourcesWithIds(model, [...model.shares.map((s) => s.source), ...model.breaks.map((b) => b.source)]),
    toolVersion(),
  );
  return {
    kind: 'shares',
    title,
    description,
    credit: credit.join(' '),
    spec: withCredit(
      {
        ...frame(title, 'Shares of the parent; hollow: approximate; dashed rule: a structural break', description),
        data: { values: points },
        layer: layers,
        resolve: { scale: { shape: 'shared' } },
      },
      credit,
    ),
    table: {
      columns: ['Share of', 'Month', 'Share (%)', 'Evidence', 'Approximate', 'Source'],
      rows: model.shares.map((s) => [s.link, s.month, s.pct, s.evidence, s.approximate ? 'yes' : 'no', s.source]),
    },
  };
}

/** A value's published bounds as text, in Vega's expression language: "110–140", or "not published". */
const NETWORK_BOUNDS_TEXT =
  "isValid(datum.lowerTwh) && isValid(datum.upperTwh) ? format(datum.lowerTwh, '.4~r') + '–' + format(datum.upperTwh, '.4~r') : 'not published'";

/** Values that total whole years (one, or several spread evenly), in Vega's expression language. */
const WHOLE_YEARS = "datum.coverage === 'year' || datum.coverage === 'multi-year'";

const PUBLISHED_KIND = 'published model estimate';
const COMPUTED_KIND = 'model estimate computed here';
const PROJECTION_KIND = 'projection';

/** The kinds of value the network chart tells apart, each with its dash and its point's shape. */
const NETWORK_KINDS = [
  { kind: PUBLISHED_KIND, dash: [1, 0], shape: 'circle' },
  { kind: COMPUTED_KIND, dash: [2, 2], shape: 'square' },
  { kind: PROJECTION_KIND, dash: [6, 4], shape: 'diamond' },
];

/** The tool's version, for credit lines. */
function toolVersion(): string {
  return packageInfo().version;
}

/** Every world series by year: best guess as a line, bounds as a band, projections dashed, model estimates dotted. */
function networkChart(model: ReportModel): Chart {
  // A series of a region below the world (China's projection) is named with its region, so that it is not
  // read as a world total.
  const fullLabel = (n: ReportModel['network'][number]) =>
    n.scope.id === model.world.id ? n.series : `${n.series} (${n.scope.name})`;
  const labels = drawnNames(model.network.map(fullLabel));
  const labelOf = (n: ReportModel['network'][number]) => labels.get(fullLabel(n)) as string;
  const series = [...new Set(model.network.map(labelOf))];
  const projections = [...new Set(model.network.filter((n) => n.kind === 'projection').map(labelOf))];
  const computed = [...new Set(model.network.filter((n) => n.computed).map(labelOf))];
  const others = [...new Set(model.network.filter((n) => n.scope.id !== model.world.id).map((n) => n.scope.name))];
  const span = yearSpan(model.network.map((n) => n.year));
  const title = `Electricity used by bitcoin mining worldwide${span === '' ? '' : `, ${span}`}`;
  const description = `The ${series.length} series of annual electricity (TWh) in the data for ${[model.world.name, ...others].join(' and ')}: ${series.join(', ')}. Lines are best guesses and shaded bands their published bounds; ${projections.length === 0 ? 'none is a projection' : `${projections.join(', ')} ${projections.length === 1 ? 'is a projection' : 'are projections'}, drawn dashed: not estimates of what was used`}${computed.length === 0 ? '' : `; ${computed.join(', ')} is computed here by CBECI's bottom-up model from the daily inputs, a model estimate drawn dotted with square points, not a published figure`}. Part-year totals are annualised and several-year totals spread over their years, as an estimate's basis is.`;
  // Every value is a model's estimate (CBECI's, Digiconomist's, this tool's): what tells them apart is who ran
  // the model, and whether it estimates a year past or projects one.
  const kindOf = (n: ReportModel['network'][number]) =>
    n.computed ? COMPUTED_KIND : n.kind === 'estimate' ? PUBLISHED_KIND : PROJECTION_KIND;
  // A series' line is broken where it has no value for a year (Digiconomist's 2023): each run of consecutive
  // years is a line of its own.
  const runs = new Map<string, { year: number; run: number }>();
  const values = [...model.network]
    .sort((a, b) => a.year - b.year)
    .map((n) => {
      const label = labelOf(n);
      const last = runs.get(label);
      const run = last === undefined ? 0 : n.year - last.year > 1 ? last.run + 1 : last.run;
      runs.set(label, { year: n.year, run });
      return { ...n, label, scope: n.scope.name, measured: kindOf(n), run };
    });
  const kinds = NETWORK_KINDS.filter((k) => values.some((v) => v.measured === k.kind));
  const years = model.network.map((n) => n.year);
  const x = {
    field: 'year',
    type: 'quantitative',
    title: 'Year',
    scale: { domain: [Math.min(...years), Math.max(...years)], nice: false, padding: 8 },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const y = { field: 'twh', type: 'quantitative', title: 'Electricity (TWh a year)', format: '.4~r' };
  // Distinct colours however many series (the dash tells the kind: measurement, model estimate, projection).
  const color = {
    ...nominalScale('label', 'Series', series, seriesColours(series.length)),
    legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const dash = nominalScale(
    'measured',
    'Kind',
    kinds.map((k) => k.kind),
    kinds.map((k) => k.dash),
  );
  // A projection of one year is a point, not a line: its point is a different shape too.
  const kindShape = nominalScale(
    'measured',
    'Kind',
    kinds.map((k) => k.kind),
    kinds.map((k) => k.shape),
  );
  const tooltip = [
    { field: 'label', title: 'Series' },
    { field: 'year', title: 'Year' },
    { field: 'twh', title: 'TWh', format: '.4~r' },
    { field: 'bounds', title: 'Bounds (TWh)' },
    { field: 'coverage', title: 'Coverage' },
    { field: 'evidence', title: 'Evidence' },
  ];
  const credit = creditLines(
    sourcesWithIds(
      model,
      model.network.map((n) => n.source),
    ),
    toolVersion(),
  );
  return {
    kind: 'network',
    title,
    description,
    credit: credit.join(' '),
    spec: withCredit(
      {
        ...frame(
          title,
          [
            projections.length === 0
              ? 'Best guess (line), published bounds (band); hollow: part of a year, annualised'
              : 'Best guess (line), bounds (band); hollow: annualised; projections: diamonds, dashed',
            ...(computed.length === 0 ? [] : ['model estimates: squares, dotted']),
          ].join('; '),
          description,
        ),
        data: { values },
        layer: [
          {
            transform: [{ filter: 'datum.lowerTwh !== null && datum.upperTwh !== null' }],
            mark: { type: 'area', opacity: 0.12, aria: false },
            encoding: {
              x,
              y: { field: 'lowerTwh', type: 'quantitative' },
              y2: { field: 'upperTwh' },
              color,
            },
          },
          {
            mark: { type: 'line', strokeWidth: 2, aria: false },
            encoding: { x, y, color, strokeDash: dash, detail: { field: 'run', type: 'ordinal' } },
          },
          {
            // A null bound would read "null" in the tooltip and the screen reader's label: it is said in words.
            transform: [{ calculate: NETWORK_BOUNDS_TEXT, as: 'bounds' }, { filter: WHOLE_YEARS }],
            mark: { type: 'point', size: 45, filled: true, opacity: 1 },
            encoding: { x, y, color, shape: kindShape, tooltip },
          },
          {
            // A part of a year annualised, or a reading taken as a year's rate: hollow, not a measured year.
            transform: [{ calculate: NETWORK_BOUNDS_TEXT, as: 'bounds' }, { filter: `!(${WHOLE_YEARS})` }],
            mark: { type: 'point', size: 45, filled: false, strokeWidth: 1.5, opacity: 1 },
            encoding: { x, y, color, shape: kindShape, tooltip },
          },
        ],
      },
      credit,
    ),
    table: {
      columns: ['Series', 'Of', 'Kind', 'Year', 'TWh', 'Lower TWh', 'Upper TWh', 'Coverage', 'Evidence', 'Source'],
      rows: model.network.map((n) => [
        n.series,
        n.scope.name,
        kindOf(n),
        n.year,
        n.twh,
        n.lowerTwh,
        n.upperTwh,
        n.coverage,
        n.evidence,
        n.source,
      ]),
    },
  };
}

/** A row of the comparison with the baseline: a country, or the region's own estimate. */
type Neighbour = NonNullable<ReportModel['comparison']>['rows'][number];

/** The region's estimate among its neighbours in the baseline, the region's bar marked. */
function neighboursChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const period = periodOf(model);
  const comparison = model.comparison;
  const mining = `Bitcoin mining in ${name}, ${period} (model estimate)`;
  const rows = comparison?.rows ?? [];
  // A list may give a country's figure for its own latest year rather than the list's (Ember's does): each
  // country's figure is named with its own year, and the words for all of them say so when the years differ.
  const years = [...new Set(rows.flatMap((r) => (r.self || r.year === null ? [] : [r.year])))];
  const oneYear = years.length <= 1 ? (years[0] ?? comparison?.year) : undefined;
  const yearOf = (r: Neighbour): string => (r.self ? period : String(r.year ?? comparison?.year ?? ''));
  const whenCountries =
    comparison === null
      ? ''
      : oneYear === undefined
        ? `in ${comparison.year} or each country's latest year`
        : `in ${oneYear}`;
  const countries =
    comparison === null
      ? "Countries' electricity"
      : oneYear === undefined
        ? `A country's total electricity ${comparison.measure}, its latest year`
        : `A country's total electricity ${comparison.measure}, ${oneYear}`;
  const title =
    comparison === null
      ? `Bitcoin mining in ${name}, ${period}, beside countries' electricity use`
      : `Bitcoin mining in ${name}, ${period}, beside whole countries' electricity use ${whenCountries}`;
  const description =
    comparison === null
      ? `No country list to compare ${name} with.`
      : `The electricity of bitcoin mining in ${name}, an estimate of ${formatNumber(model.estimate.energy.twh)} TWh a year for ${period}, ranked among the countries whose whole electricity ${comparison.measure} is nearest to it in ${comparison.name} (${comparison.year}): ${rows.map((r) => `${r.rank}. ${r.self ? `bitcoin mining in ${r.country}` : r.country} ${formatNumber(r.twh)} TWh${r.self ? '' : ` (${yearOf(r)})`}`).join('; ')}. A country's bar is all the electricity of that country, not its bitcoin mining.`;
  const values = rows.map((r) => ({
    label: `${r.rank}. ${r.self ? `Bitcoin mining in ${drawnName(r.country)}` : drawnName(r.country)}`,
    country: r.self ? `Bitcoin mining in ${r.country}` : r.country,
    rank: r.rank,
    twh: r.twh,
    year: yearOf(r),
    shown: r.self ? mining : countries,
    summary: `${r.rank}. ${r.self ? `bitcoin mining in ${r.country}, ${period} (model estimate)` : `${r.country}, the whole country, ${yearOf(r)}`}: ${formatNumber(r.twh)} TWh a year`,
  }));
  const credit = creditLines(
    sourcesWithIds(
      model,
      model.estimate.sources.map((source) => source.id),
    ),
    toolVersion(),
  );
  return {
    kind: 'neighbours',
    title,
    description,
    credit: credit.join(' '),
    spec: withCredit(
      {
        ...frame(
          title,
          comparison === null
            ? ''
            : `${comparison.name}; the highlighted bar is bitcoin mining in ${name}, the others whole countries`,
          description,
        ),
        data: { values },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: null, title: 'Rank', axis: { labelLimit: 320 } },
          // Room at the right for the largest bar's figure.
          x: {
            field: 'twh',
            type: 'quantitative',
            title: 'Electricity (TWh a year)',
            scale: { domain: [0, Math.max(0, ...rows.map((r) => r.twh)) * 1.12], nice: false },
          },
        },
        layer: [
          {
            mark: { type: 'bar', stroke: '#333333', strokeWidth: 0.5 },
            encoding: {
              description: { field: 'summary' },
              color: {
                field: 'shown',
                type: 'nominal',
                title: null,
                scale: { domain: [mining, countries], range: [HIGHLIGHT, MUTED] },
                // The highlighted bar is named by its label ("Bitcoin mining in …") and the subtitle: a legend
                // would only repeat them.
                legend: null,
              },
              tooltip: [
                { field: 'country', title: 'What' },
                { field: 'year', title: 'Year' },
                { field: 'twh', title: 'TWh', format: '.4~r' },
                { field: 'rank', title: 'Rank' },
              ],
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, aria: false },
            encoding: { text: { field: 'twh', type: 'quantitative', format: '.4~r' } },
          },
        ],
      },
      credit,
    ),
    table: {
      columns: ['Rank', 'Country or region', 'Year', 'TWh', 'This estimate'],
      rows: rows.map((r) => [
        r.rank,
        r.self ? `Bitcoin mining in ${r.country}` : r.country,
        r.self ? period : (r.year ?? comparison?.year ?? null),
        r.twh,
        r.self ? 'yes' : 'no',
      ]),
    },
  };
}

/** The region's carbon at its grid's intensity and at the all-hydro and all-coal ends, over the energy bounds. */
function carbonChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const title = `Carbon from bitcoin mining in ${name}, ${periodOf(model)}: at its grid's intensity and at the extremes`;
  const bounded = model.carbon.some((c) => c.lowerMtco2 !== null && c.upperMtco2 !== null);
  /** "1.753 (0.9601–3.761)", or the best guess alone when the energy has no bounds. */
  const figures = (c: ReportModel['carbon'][number]) =>
    c.lowerMtco2 === null || c.upperMtco2 === null
      ? formatNumber(c.mtco2)
      : `${formatNumber(c.mtco2)} (${formatNumber(c.lowerMtco2)}–${formatNumber(c.upperMtco2)})`;
  const description = `Carbon dioxide from ${name}'s estimated electricity, Mt CO2 a year, ${model.carbon
    .map((c) => `${c.label} (${formatNumber(c.gco2PerKwh)} g/kWh): ${figures(c)}`)
    .join(
      '; ',
    )}. ${bounded ? "The range of each is over the energy's bounds." : 'The energy has no bounds (its basis publishes none, and its shares are taken as exact), so no range is drawn.'}`;
  const carbonLabels = drawnNames(model.carbon.map((c) => c.label));
  const values = model.carbon.map((c) => ({
    ...c,
    row: `${carbonLabels.get(c.label) as string}, ${formatNumber(c.gco2PerKwh)} g/kWh`,
    summary: `${c.label}, ${formatNumber(c.gco2PerKwh)} g/kWh: ${figures(c)} Mt CO2 a year`,
    figures: figures(c),
    end: c.upperMtco2 ?? c.mtco2,
  }));
  const y = { field: 'row', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } };
  const credit = creditLines(
    sourcesWithIds(model, [...model.estimate.sources.map((source) => source.id), ...model.carbon.map((c) => c.source)]),
    toolVersion(),
  );
  return {
    kind: 'carbon',
    title,
    description,
    credit: credit.join(' '),
    spec: withCredit(
      {
        ...frame(
          title,
          bounded
            ? 'Best guess (point) over the energy bounds (line)'
            : 'Best guess (the energy has no published bounds)',
          description,
        ),
        height: 120,
        data: { values },
        layer: [
          {
            transform: [{ filter: 'isValid(datum.lowerMtco2) && isValid(datum.upperMtco2)' }],
            mark: { type: 'rule', strokeWidth: 2, color: '#333333', aria: false },
            encoding: {
              y,
              x: { field: 'lowerMtco2', type: 'quantitative', title: 'Carbon (Mt CO2 a year)' },
              x2: { field: 'upperMtco2' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 90, color: HIGHLIGHT, shape: 'diamond' },
            encoding: {
              y,
              x: { field: 'mtco2', type: 'quantitative', title: 'Carbon (Mt CO2 a year)' },
              description: { field: 'summary' },
              tooltip: [
                { field: 'label', title: 'Grid' },
                { field: 'gco2PerKwh', title: 'g CO2/kWh', format: '.4~r' },
                { field: 'mtco2', title: 'Mt CO2', format: '.4~r' },
                { field: 'lowerMtco2', title: 'Lower', format: '.4~r' },
                { field: 'upperMtco2', title: 'Upper', format: '.4~r' },
              ],
            },
          },
          {
            // The figures in words at the end of each range, so that a short range under its point still reads.
            mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#333333', aria: false },
            encoding: { y, x: { field: 'end', type: 'quantitative' }, text: { field: 'figures' } },
          },
        ],
      },
      credit,
    ),
    table: {
      columns: ['Grid', 'g CO2/kWh', 'Mt CO2', 'Lower Mt CO2', 'Upper Mt CO2', 'Source'],
      rows: model.carbon.map((c) => [c.label, c.gco2PerKwh, c.mtco2, c.lowerMtco2, c.upperMtco2, c.source]),
    },
  };
}

/**
 * What a year's shares rest on, as the energy chart's legend says it, in the legend's order: each with its colour
 * and, but for shares recorded in the year, a letter drawn over the point and named in the legend, so that the
 * distinction survives a greyscale printout and colour-blind eyes.
 */
export const YEAR_SHARES: { shares: EnergyYear['shares']; label: string; colour: string; letter: string }[] = [
  { shares: 'recorded', label: 'recorded in the year', colour: PALETTE[0] as string, letter: '' },
  { shares: 'interpolated', label: 'interpolated between records (i)', colour: PALETTE[2] as string, letter: 'i' },
  { shares: 'carried', label: 'carried from the nearest record (c)', colour: PALETTE[5] as string, letter: 'c' },
];

/** What a year's basis is, as the energy chart's legend says it, each with its point's shape. */
const YEAR_BASES = [
  { computed: false, label: 'a published total', shape: 'circle' },
  { computed: true, label: 'computed here (bottom-up model)', shape: 'square' },
];

/**
 * How the energy chart names what changes between years: a region by its name (the chain's and the world's,
 * else the region's id), a series as the network chart names it (with the region it totals, when not the world).
 */
function changeNamesOf(model: ReportModel): { region: (id: string) => string; series: (id: string) => string } {
  const names = new Map<string, string>([
    [model.world.id, model.world.name],
    ...model.chain.map((r) => [r.id, r.name] as const),
    [model.estimate.region.id, model.estimate.region.name],
  ]);
  const scopes = new Map(model.network.map((n) => [n.series, n.scope]));
  return {
    region: (id) => drawnName(names.get(id) ?? id),
    series: (id) => {
      const scope = scopes.get(id);
      return drawnName(scope === undefined || scope.id === model.world.id ? id : `${id} (${scope.name})`);
    },
  };
}

/**
 * A change of source between years, in a few words for the chart: "basis bottom-up", "share of Sichuan in
 * China", each marked when the data say the sources are not comparable.
 */
function changeLabel(year: EnergyYear, names: ReturnType<typeof changeNamesOf>): string {
  const words = year.changes.map((c) => {
    const comparable = c.comparable ? '' : ' (not comparable)';
    if (c.what === 'basis') return `basis ${c.to.map(names.series).join(', ')}${comparable}`;
    const of = c.of === null ? '' : ` in ${names.region(c.of)}`;
    return `share of ${c.region === null ? 'a region' : names.region(c.region)}${of}${comparable}`;
  });
  return [...new Set(words)].join('; ');
}

/**
 * The region's electricity by year: the best guess as a line, the bounds as a band, each year's point telling its
 * basis (shape), coverage (hollow: part of a year) and shares (colour), changes of source as vertical rules; the
 * line and the band are broken at a year that cannot be estimated.
 */
function energyChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const records = model.byYear.records;
  const years = records.flatMap((r) => (r.record === 'estimate' ? [energyYearOf(r)] : []));
  const skipped = records.flatMap((r) => (r.record === 'skipped' ? [{ year: r.year ?? 0, reason: r.reason }] : []));
  const span = yearSpan(years.map((y) => y.year));
  const title = `Bitcoin mining in ${name}: electricity by year${span === '' ? '' : `, ${span}`}`;
  const names = changeNamesOf(model);
  // A year that cannot be estimated breaks the line: each run of consecutive years is a line of its own.
  let run = 0;
  const values = years.map((y, i) => {
    const before = years[i - 1];
    if (before !== undefined && y.year - before.year > 1) run++;
    const shares = YEAR_SHARES.find((s) => s.shares === y.shares) as (typeof YEAR_SHARES)[number];
    const basis = YEAR_BASES.find((b) => b.computed === y.computed) as (typeof YEAR_BASES)[number];
    return {
      year: y.year,
      twh: y.twh,
      lowerTwh: y.lowerTwh,
      upperTwh: y.upperTwh,
      series: y.series,
      coverage: y.coverage,
      partial: y.partial,
      shares: shares.label,
      sharesLetter: shares.letter,
      basis: basis.label,
      bounds:
        y.lowerTwh === null || y.upperTwh === null ? 'none' : `${formatNumber(y.lowerTwh)}–${formatNumber(y.upperTwh)}`,
      change: changeLabel(y, names),
      changeText: changeLabel(y, names) || 'none',
      run,
    };
  });
  // A year alone between years without an estimate has no band to draw: its bounds are a bar.
  const alone = (v: (typeof values)[number]) => values.filter((w) => w.run === v.run).length === 1;
  const points = values.map((v) => ({ ...v, alone: alone(v) }));
  const drawnShares = YEAR_SHARES.filter((s) => years.some((y) => y.shares === s.shares));
  const drawnBases = YEAR_BASES.filter((b) => years.some((y) => y.computed === b.computed));
  const changes = values.filter((v) => v.change !== '');
  const partial = years.filter((y) => y.partial).map((y) => y.year);
  const bounded = years.some((y) => y.lowerTwh !== null && y.upperTwh !== null);
  const list = (ys: readonly number[]) => ys.join(', ');
  const description = [
    `The estimated electricity of bitcoin mining in ${name}, TWh a year, for each year from ${years[0]?.year ?? model.byYear.from} to ${years.at(-1)?.year ?? model.byYear.to}: ${years.map((y) => `${y.year} ${formatNumber(y.twh)}`).join('; ')}.`,
    bounded ? 'The band is the bounds of each year (5th to 95th percentile).' : 'No year has bounds.',
    partial.length === 0
      ? ''
      : `Hollow points rest on part of a year or one day's reading, annualised: ${list(partial)}.`,
    drawnBases.some((b) => b.computed)
      ? `Square points rest on a total computed here by the bottom-up model, a model estimate, not a published figure: ${list(years.filter((y) => y.computed).map((y) => y.year))}.`
      : '',
    ...YEAR_SHARES.filter((s) => s.shares !== 'recorded').map((s) => {
      const those = years.filter((y) => y.shares === s.shares).map((y) => y.year);
      return those.length === 0
        ? ''
        : `Shares ${s.label.replace(/ \(\w\)$/, '')} in ${list(those)}, their points marked ${s.letter}.`;
    }),
    changes.length === 0
      ? ''
      : `Dashed rules mark a change of source from the year before: ${changes.map((c) => `${c.year} (${c.change})`).join('; ')}.`,
    skipped.length === 0
      ? ''
      : `Not estimated, so the line is broken there: ${skipped.map((k) => `${k.year} (${k.reason.replace(/\.$/, '')})`).join('; ')}.`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  const allYears = [...years.map((y) => y.year), ...skipped.map((k) => k.year)];
  const x = {
    field: 'year',
    type: 'quantitative',
    title: 'Year',
    scale: { domain: [Math.min(...allYears), Math.max(...allYears)], nice: false, padding: 12 },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const y = { field: 'twh', type: 'quantitative', title: 'Electricity (TWh a year)', format: '.4~r' };
  const color = nominalScale(
    'shares',
    'Shares',
    drawnShares.map((s) => s.label),
    drawnShares.map((s) => s.colour),
  );
  const shape = nominalScale(
    'basis',
    'Basis',
    drawnBases.map((b) => b.label),
    drawnBases.map((b) => b.shape),
  );
  const tooltip = [
    { field: 'year', title: 'Year' },
    { field: 'twh', title: 'TWh', format: '.4~r' },
    { field: 'bounds', title: 'Bounds (TWh)' },
    { field: 'series', title: 'Basis' },
    { field: 'coverage', title: 'Coverage' },
    { field: 'shares', title: 'Shares' },
    { field: 'changeText', title: 'Change of source' },
  ];
  const layers: Record<string, unknown>[] = [
    {
      transform: [{ filter: 'isValid(datum.lowerTwh) && isValid(datum.upperTwh)' }],
      mark: { type: 'area', opacity: 0.18, color: PALETTE[0], aria: false },
      encoding: {
        x,
        y: { field: 'lowerTwh', type: 'quantitative', title: 'Electricity (TWh a year)' },
        y2: { field: 'upperTwh' },
        detail: { field: 'run', type: 'ordinal' },
      },
    },
    {
      transform: [{ filter: 'datum.alone && isValid(datum.lowerTwh) && isValid(datum.upperTwh)' }],
      mark: { type: 'rule', strokeWidth: 8, opacity: 0.18, color: PALETTE[0], aria: false },
      encoding: { x, y: { field: 'lowerTwh', type: 'quantitative' }, y2: { field: 'upperTwh' } },
    },
    {
      mark: { type: 'line', strokeWidth: 2, color: PALETTE[0], aria: false },
      encoding: { x, y, detail: { field: 'run', type: 'ordinal' } },
    },
    {
      transform: [{ filter: 'datum.partial === false' }],
      mark: { type: 'point', filled: true, size: 60, opacity: 1 },
      encoding: { x, y, color, shape, tooltip },
    },
    {
      // A part of a year annualised, or a day's reading taken as a year's rate: hollow, not a whole year.
      transform: [{ filter: 'datum.partial === true' }],
      mark: { type: 'point', filled: false, size: 60, strokeWidth: 2, opacity: 1 },
      encoding: { x, y, color, shape, tooltip },
    },
    {
      // The shares' provenance again, as the legend's letter over the point: colour alone is lost in grey.
      transform: [{ filter: "datum.sharesLetter !== ''" }],
      mark: {
        type: 'text',
        align: 'center',
        baseline: 'bottom',
        dy: -7,
        fontSize: 10,
        fontWeight: 'bold',
        color: '#333333',
        aria: false,
      },
      encoding: { x, y, text: { field: 'sharesLetter' } },
    },
  ];
  if (changes.length > 0) {
    // Half a year before the year that changes: between it and the year before. Labels alternate in height, so
    // that changes in consecutive years do not overlap.
    const middle = (Math.min(...allYears) + Math.max(...allYears)) / 2;
    const rules = {
      values: changes.map((c, i) => ({
        at: c.year - 0.5,
        year: c.year,
        label: `${c.year}: ${c.change}`,
        top: 2 + i * 11,
        align: c.year - 0.5 > middle ? 'right' : 'left',
      })),
    };
    layers.push(
      {
        data: rules,
        mark: { type: 'rule', color: '#000000', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x: { field: 'at', type: 'quantitative' }, description: { field: 'label' } },
      },
      // A label reads away from the nearer end of the axis, so that it stays over the plot; each on a line of
      // its own, from the top down, so that labels of nearby years do not overlap.
      ...(['left', 'right'] as const).map((align) => ({
        data: rules,
        transform: [{ filter: `datum.align === '${align}'` }],
        mark: {
          type: 'text',
          align,
          baseline: 'top',
          dx: align === 'left' ? 3 : -3,
          fontSize: 9,
          color: '#000000',
          aria: false,
        },
        encoding: {
          x: { field: 'at', type: 'quantitative' },
          y: { field: 'top', type: 'quantitative', scale: null, axis: null },
          text: { field: 'label' },
        },
      })),
    );
  }
  const subtitle = [
    bounded ? 'Best guess (line), bounds (band)' : 'Best guess (line)',
    ...(partial.length === 0 ? [] : ['hollow: part of a year, annualised']),
    ...(changes.length === 0 ? [] : ['dashed rule: a change of source']),
    ...(skipped.length === 0 ? [] : [`no estimate: ${list(skipped.map((k) => k.year))}`]),
  ].join('; ');
  const sourceIds = records.flatMap((r) => (r.record === 'estimate' ? r.sources.map((source) => source.id) : []));
  const credit = creditLines(sourcesWithIds(model, sourceIds), toolVersion());
  return {
    kind: 'energy',
    title,
    description,
    credit: credit.join(' '),
    spec: withCredit(
      {
        ...frame(title, subtitle, description),
        data: { values: points },
        layer: layers,
      },
      credit,
    ),
    table: {
      columns: ['Year', 'TWh', 'Lower TWh', 'Upper TWh', 'Basis', 'Coverage', 'Shares', 'Change of source', 'Note'],
      rows: records.map((r) => {
        if (r.record === 'skipped')
          return [r.year, null, null, null, null, null, null, null, `not estimated: ${r.reason}`];
        const e = energyYearOf(r);
        return [
          e.year,
          e.twh,
          e.lowerTwh,
          e.upperTwh,
          `${e.series}${e.computed ? ' (computed here)' : ''}`,
          e.coverage,
          e.shares,
          changeLabel(e, names),
          '',
        ];
      }),
    },
  };
}

const BUILDERS: Record<ChartKind, (model: ReportModel) => Chart> = {
  energy: energyChart,
  shares: sharesChart,
  network: networkChart,
  neighbours: neighboursChart,
  carbon: carbonChart,
};

/** One chart of a report model. */
export function chartOf(model: ReportModel, kind: ChartKind): Chart {
  return BUILDERS[kind](model);
}
