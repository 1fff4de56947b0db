import type { ReportModel } from '../../core/report.js';
import { EVIDENCE } from '../../data/vocabulary.js';
import { formatNumber } from '../terminal/numbers.js';

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

/** The region's share history and its parents', with evidence marked and structural breaks as vertical rules. */
function sharesChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const links = [...new Set(model.shares.map((s) => drawnName(s.link)))];
  const title = `${name}: recorded hashrate shares`;
  const months = model.shares.map((s) => s.month).sort();
  const description =
    model.shares.length === 0
      ? `No share of ${name} or its parents is recorded.`
      : `Each recorded monthly share of ${links.join(', and of ')}, in percent of the parent's hashrate, from ${months[0] ?? ''} to ${months.at(-1) ?? ''}; the point's shape gives the evidence grade (hollow: approximate), and dashed vertical rules mark events that break the history (${model.breaks.map((b) => `${b.title}, ${b.month}`).join('; ') || 'none recorded'}), across which the lines are not joined.`;
  // A line joins the shares of one link within one stretch between the events that break that link's history.
  const points = model.shares.map((s) => ({ ...s, link: drawnName(s.link), date: monthDate(s.month) }));
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
  const color = {
    field: 'link',
    type: 'nominal',
    title: 'Share of',
    scale: { domain: links, range: PALETTE.slice(0, Math.max(1, links.length)) },
  };
  const shape = {
    field: 'evidence',
    type: 'nominal',
    title: 'Evidence',
    scale: { domain: [...EVIDENCE], range: EVIDENCE_SHAPES },
  };
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
  return {
    kind: 'shares',
    title,
    description,
    spec: {
      ...frame(title, 'Shares of the parent; hollow: approximate; dashed rule: a structural break', description),
      data: { values: points },
      layer: layers,
      resolve: { scale: { shape: 'shared' } },
    },
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

/** Every world series by year: best guess as a line, bounds as a band, projections dashed, model estimates dotted. */
function networkChart(model: ReportModel): Chart {
  // A series of a region below the world (China's projection) is named with its region, so that it is not
  // read as a world total.
  const labelOf = (n: ReportModel['network'][number]) =>
    drawnName(n.scope.id === model.world.id ? n.series : `${n.series} (${n.scope.name})`);
  const series = [...new Set(model.network.map(labelOf))];
  const projections = [...new Set(model.network.filter((n) => n.kind === 'projection').map(labelOf))];
  const computed = [...new Set(model.network.filter((n) => n.computed).map(labelOf))];
  const others = [...new Set(model.network.filter((n) => n.scope.id !== model.world.id).map((n) => n.scope.name))];
  const title = 'Bitcoin network electricity by year';
  const description = `The ${series.length} series of annual electricity (TWh) in the data for ${[model.world.name, ...others].join(' and ')}: ${series.join(', ')}. Lines are best guesses and shaded bands their published bounds; ${projections.length === 0 ? 'none is a projection' : `${projections.join(', ')} ${projections.length === 1 ? 'is a projection' : 'are projections'}, drawn dashed: not measurements`}${computed.length === 0 ? '' : `; ${computed.join(', ')} is computed here by CBECI's bottom-up model from the daily inputs, a model estimate drawn dotted with square points, not a published figure`}. Part-year totals are annualised and several-year totals spread over their years, as an estimate's basis is.`;
  const values = model.network.map((n) => ({
    ...n,
    label: labelOf(n),
    scope: n.scope.name,
    measured: n.computed ? 'model estimate' : n.kind === 'estimate' ? 'measurement' : 'projection',
  }));
  const years = model.network.map((n) => n.year);
  const x = {
    field: 'year',
    type: 'quantitative',
    title: 'Year',
    scale: { domain: [Math.min(...years), Math.max(...years)], nice: false, padding: 8 },
    axis: { format: 'd', tickMinStep: 1 },
  };
  const y = { field: 'twh', type: 'quantitative', title: 'Electricity (TWh a year)', format: '.4~r' };
  const color = {
    field: 'label',
    type: 'nominal',
    title: 'Series',
    scale: { domain: series, range: PALETTE.slice(0, Math.max(1, series.length)) },
    legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const dash = {
    field: 'measured',
    type: 'nominal',
    title: 'Kind',
    scale: {
      domain: ['measurement', 'model estimate', 'projection'],
      range: [
        [1, 0],
        [2, 2],
        [6, 4],
      ],
    },
  };
  // A projection of one year is a point, not a line: its point is a different shape too.
  const kindShape = {
    field: 'measured',
    type: 'nominal',
    title: 'Kind',
    scale: { domain: ['measurement', 'model estimate', 'projection'], range: ['circle', 'square', 'diamond'] },
  };
  const tooltip = [
    { field: 'label', title: 'Series' },
    { field: 'year', title: 'Year' },
    { field: 'twh', title: 'TWh', format: '.4~r' },
    { field: 'bounds', title: 'Bounds (TWh)' },
    { field: 'coverage', title: 'Coverage' },
    { field: 'evidence', title: 'Evidence' },
  ];
  return {
    kind: 'network',
    title,
    description,
    spec: {
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
          encoding: { x, y, color, strokeDash: dash },
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
    table: {
      columns: ['Series', 'Of', 'Kind', 'Year', 'TWh', 'Lower TWh', 'Upper TWh', 'Coverage', 'Evidence', 'Source'],
      rows: model.network.map((n) => [
        n.series,
        n.scope.name,
        n.computed ? 'model estimate' : n.kind,
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

/** The region's estimate among its neighbours in the baseline, the region's bar marked. */
function neighboursChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const comparison = model.comparison;
  const title = `${name} among countries' electricity consumption`;
  const rows = comparison?.rows ?? [];
  const description =
    comparison === null
      ? `No country list to compare ${name} with.`
      : `${name}'s estimate, ${formatNumber(model.estimate.energy.twh)} TWh a year, ranked among the countries nearest to it in ${comparison.name} (${comparison.measure}, ${comparison.year}): ${rows.map((r) => `${r.rank}. ${r.country} ${formatNumber(r.twh)} TWh`).join('; ')}.`;
  const values = rows.map((r) => ({
    label: `${r.rank}. ${drawnName(r.country)}`,
    country: r.country,
    rank: r.rank,
    twh: r.twh,
    shown: r.self ? 'this estimate' : 'country',
    summary: `${r.rank}. ${r.country}${r.self ? ' (this estimate)' : ''}: ${formatNumber(r.twh)} TWh a year`,
  }));
  return {
    kind: 'neighbours',
    title,
    description,
    spec: {
      ...frame(title, comparison === null ? '' : `${comparison.name}; the region's estimate highlighted`, description),
      data: { values },
      encoding: {
        y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
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
              scale: { domain: ['this estimate', 'country'], range: [HIGHLIGHT, MUTED] },
              // The highlighted bar is named by its label: a legend would only repeat it.
              legend: null,
            },
            tooltip: [
              { field: 'country', title: 'Country or region' },
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
    table: {
      columns: ['Rank', 'Country or region', 'TWh', 'This estimate'],
      rows: rows.map((r) => [r.rank, r.country, r.twh, r.self ? 'yes' : 'no']),
    },
  };
}

/** The region's carbon at its grid's intensity and at the all-hydro and all-coal ends, over the energy bounds. */
function carbonChart(model: ReportModel): Chart {
  const name = drawnName(model.estimate.region.name);
  const title = `${name}: carbon at its grid's intensity and at the extremes`;
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
  const values = model.carbon.map((c) => ({
    ...c,
    row: `${drawnName(c.label)}, ${formatNumber(c.gco2PerKwh)} g/kWh`,
    summary: `${c.label}, ${formatNumber(c.gco2PerKwh)} g/kWh: ${figures(c)} Mt CO2 a year`,
    figures: figures(c),
    end: c.upperMtco2 ?? c.mtco2,
  }));
  const y = { field: 'row', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } };
  return {
    kind: 'carbon',
    title,
    description,
    spec: {
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
    table: {
      columns: ['Grid', 'g CO2/kWh', 'Mt CO2', 'Lower Mt CO2', 'Upper Mt CO2', 'Source'],
      rows: model.carbon.map((c) => [c.label, c.gco2PerKwh, c.mtco2, c.lowerMtco2, c.upperMtco2, c.source]),
    },
  };
}

const BUILDERS: Record<ChartKind, (model: ReportModel) => Chart> = {
  shares: sharesChart,
  network: networkChart,
  neighbours: neighboursChart,
  carbon: carbonChart,
};

/** One chart of a report model. */
export function chartOf(model: ReportModel, kind: ChartKind): Chart {
  return BUILDERS[kind](model);
}
