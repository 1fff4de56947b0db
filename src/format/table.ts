import Table from 'cli-table3';
import type { Catalogue } from '../core/catalogue.js';
import type { Estimate } from '../core/estimate.js';
import { compareText } from '../text.js';
import { describeMonthEstimate } from '../core/period.js';
import type { Colors } from './color.js';
import { formatNumber, ordinal, span } from './numbers.js';

type Cell = string | { content: string; hAlign: 'left' | 'right' | 'center' };

/** A table with cli-table3's own colours off; colour, where any, is ours. */
export function table(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  alignRight: readonly number[] = [],
): string {
  const t = new Table({
    ...(head.length > 0 ? { head: [...head] } : {}),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: head.map((_, i) => (alignRight.includes(i) ? 'right' : 'left')),
  });
  for (const row of rows) t.push([...row] as never);
  return `${t.toString()}\n`;
}

const range = (lower: number | null, upper: number | null) =>
  lower === null || upper === null ? '' : `${formatNumber(lower)}–${formatNumber(upper)}`;

function describeShare(e: Estimate, names: Map<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  if (e.share.links.length === 0) return `100% (the basis covers ${name(e.share.of)})`;
  const links = e.share.links.map((l) => {
    const months =
      l.months.length === 1 ? l.months[0] : `${l.months[0]} to ${l.months.at(-1)}, mean of ${l.months.length}`;
    const marks = [
      months,
      ...(l.evidence === 'primary' ? [] : [l.evidence]),
      ...(l.dataset ? [`dataset ${l.dataset}`] : []),
      ...l.breaks.map((b) => `before ${b}`),
    ];
    return `${formatNumber(l.pct)}% of ${name(l.of)} (${marks.join(', ')})`;
  });
  return links.length > 1
    ? `${formatNumber(e.share.pct)}% of ${name(e.share.of)} = ${links.join(' × ')}`
    : (links[0] as string);
}

function sourcesBlock(estimates: readonly Estimate[], colors: Colors): string {
  const seen = new Map<string, Estimate['sources'][number]>();
  for (const e of estimates) for (const s of e.sources) seen.set(s.id, s);
  const lines = [...seen.values()]
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => `  ${colors.bold(s.id)}: ${s.title}${s.url ? ` <${s.url}>` : ''}\n`);
  return `Sources\n${lines.join('')}`;
}

function estimateDetail(e: Estimate, names: Map<string, string>, colors: Colors): string {
  const bounds = range(e.energy.lowerTwh, e.energy.upperTwh);
  const interval = (p: { p5?: number; p50?: number; p95?: number }, unit: string) =>
    p.p5 === undefined || p.p50 === undefined || p.p95 === undefined
      ? ''
      : `; 90% interval ${formatNumber(p.p5)}–${formatNumber(p.p95)} ${unit}, median ${formatNumber(p.p50)}`;
  const rows: [string, string][] = [
    [
      'Energy',
      `${colors.bold(`${formatNumber(e.energy.twh)} TWh/yr`)}${bounds ? ` (bounds ${bounds} TWh)` : ''}${interval(e.energy, 'TWh')}`,
    ],
    [
      'Average power',
      `${formatNumber(e.power.gw)} GW${e.power.lowerGw !== null ? ` (${range(e.power.lowerGw, e.power.upperGw)} GW)` : ''}`,
    ],
  ];
  if (e.carbon) {
    const c = e.carbon;
    const carbonBounds = range(c.lowerMtco2, c.upperMtco2);
    rows.push([
      'Carbon',
      `${formatNumber(c.mtco2)} Mt CO2${carbonBounds ? ` (${carbonBounds})` : ''} at ${formatNumber(c.gco2PerKwh)} g/kWh (${names.get(c.region) ?? c.region}, ${c.year}, ${c.basis}${c.mixedBases ? ' and others' : ''}, ${c.evidence})${interval(c, 'Mt')}`,
    ]);
    if (c.weights) {
      rows.push([
        'Intensity mix',
        `share-weighted over ${c.weights.length} parts: ${c.weights.map((w) => `${names.get(w.region) ?? w.region} ${formatNumber(w.sharePct)}% × ${formatNumber(w.gco2PerKwh)}`).join(', ')}`,
      ]);
    }
    if (c.bracket) {
      rows.push([
        'Carbon bracket',
        `${formatNumber(c.bracket.lowMtco2)}–${formatNumber(c.bracket.highMtco2)} Mt CO2 (all-hydro ${c.bracket.lowGco2PerKwh} to all-coal ${c.bracket.highGco2PerKwh} g/kWh)`,
      ]);
    }
    if (c.reported)
      rows.push(['Carbon (source)', `${formatNumber(c.reported.mtco2)} Mt CO2 reported by ${c.reported.source}`]);
  }
  rows.push(['Share', describeShare(e, names)]);
  const b = e.basis;
  rows.push([
    'Basis',
    `${formatNumber(b.twh)} TWh${b.lowerTwh !== null ? ` (${range(b.lowerTwh, b.upperTwh)})` : ''}: ${names.get(b.scope) ?? b.scope} ${b.year}, series ${b.series} (${b.kind}, ${b.evidence}${describeCoverage(b)})`,
  ]);
  if (b.alternatives.length > 0) {
    rows.push([
      'Other totals',
      b.alternatives
        .map(
          (a) =>
            `${a.series} ${formatNumber(a.twh)} TWh (${[a.kind === 'projection' ? 'projection' : '', a.coverage === 'year' ? '' : a.coverage, a.evidence].filter(Boolean).join(', ')})`,
        )
        .join('; '),
    ]);
  }
  if (e.caveats.length > 0) rows.push(['Caveats', e.caveats.join(', ')]);
  if (e.comparison) {
    const c = e.comparison;
    const around = [
      c.above ? `below ${c.above.country} (${formatNumber(c.above.twh)})` : 'above every country',
      c.below ? `above ${c.below.country} (${formatNumber(c.below.twh)})` : 'below every country',
    ];
    rows.push([
      'Among countries',
      `${ordinal(c.rank)} among ${c.count} countries on ${c.baseline} (${c.measure}, ${c.year}): ${around.join(', ')}`,
    ]);
    if (c.pctOfCountry !== null && c.country !== null) {
      rows.push([
        `Share of ${c.country}`,
        `${formatNumber(c.pctOfCountry)}% of its electricity ${c.measure} in ${c.year}`,
      ]);
    }
  }
  if (e.uncertainty) {
    const u = e.uncertainty;
    rows.push([
      'Uncertainty',
      `${u.samples} samples, seed ${u.seed}; basis ±${formatNumber(u.basisSpread * 100)}% without bounds, approximate shares ±${formatNumber(u.shareSpreadPct)} points, shares across a break ±${formatNumber(u.breakSpread * 100)}%, intensity ±${formatNumber(u.intensitySpread * 100)}%`,
    ]);
  }
  if (e.month !== null) rows.unshift(['Period', describeMonthEstimate(e.month)]);
  const title = `${colors.bold(e.region.name)} (${e.region.kind}${e.region.parent ? ` in ${names.get(e.region.parent) ?? e.region.parent}` : ''}), ${e.month === null ? e.year : `${e.month} shares on the ${e.year} total`}`;
  return `${title}\n${table([], rows)}`;
}

/** How the basis covers its year, when it is not a plain year's total. */
function describeCoverage(b: Estimate['basis']): string {
  switch (b.coverage) {
    case 'year':
      return '';
    case 'partial-year':
      return `; ${b.days} days to ${b.through}, annualised`;
    case 'snapshot':
      return `; an annualised reading${b.asOf ? ` of ${b.asOf}` : ''}`;
    case 'multi-year':
      return `; yearly mean of a ${b.fromYear}–${b.toYear} total`;
    default:
      return b.coverage satisfies never;
  }
}

/** Notes on the shares used that are not already in warnings (those on approximate, secondhand or dataset figures are). */
function notesBlock(e: Estimate): string {
  const warned = (l: Estimate['share']['links'][number]) =>
    l.approximate || l.evidence === 'secondhand' || l.dataset !== null;
  const notes = [...new Set(e.share.links.filter((l) => !warned(l)).flatMap((l) => l.notes))];
  return notes.length === 0 ? '' : `Notes on the shares used\n${notes.map((n) => `  - ${n}\n`).join('')}`;
}

/** The human report for `estimate`: one detailed table for one region, a summary table for several. */
export function renderEstimateTable(
  estimates: readonly Estimate[],
  names: Map<string, string>,
  colors: Colors,
): string {
  if (estimates.length === 1) {
    const e = estimates[0] as Estimate;
    return `${estimateDetail(e, names, colors)}${notesBlock(e)}${sourcesBlock(estimates, colors)}`;
  }
  const rows = estimates.map((e) => [
    e.region.id,
    e.region.kind,
    e.month ?? String(e.year),
    formatNumber(e.energy.twh),
    range(e.energy.lowerTwh, e.energy.upperTwh),
    formatNumber(e.power.gw),
    e.carbon ? formatNumber(e.carbon.mtco2) : '',
    `${formatNumber(e.share.pct)}% of ${e.share.of}`,
    e.basis.series,
    e.comparison ? `${e.comparison.rank}/${e.comparison.count}` : '',
    e.caveats.join(', '),
  ]);
  const head = [
    'Region',
    'Kind',
    'Period',
    'TWh/yr',
    'Bounds TWh',
    'GW',
    'Mt CO2',
    'Share',
    'Basis',
    'Rank',
    'Caveats',
  ];
  const baseline = estimates[0]?.comparison?.baseline;
  return `${table(head, rows, [3, 5, 6, 9])}${baseline ? `Rank among countries on ${baseline}.\n` : ''}${sourcesBlock(estimates, colors)}`;
}

export { formatNumber, ordinal };

/** The `datasets` report: the series, share datasets, structural breaks and baselines, each with its grade. */
export function renderCatalogueTable(c: Catalogue): string {
  const series = table(
    ['Id', 'Scope', 'Kind', 'Years', 'Bounds', 'Evidence', 'Source'],
    c.series.map((s) => [s.id, s.scope, s.kind, s.coverage, s.bounds ? 'yes' : 'no', s.evidence, s.source]),
  );
  const datasets =
    c.shareDatasets.length === 0
      ? ''
      : `\nShare datasets (used only when asked for: estimate --share-dataset, shares --dataset)\n${table(
          ['Id', 'Months', 'Regions', 'Evidence', 'Source'],
          c.shareDatasets.map((d) => [
            d.id,
            span(d.months),
            String(d.regions.length),
            d.evidence,
            d.sources.join(', '),
          ]),
        )}`;
  const events =
    c.events.length === 0
      ? ''
      : `\nStructural breaks (a share from one side of one, applied to the other, is flagged)\n${table(
          ['Id', 'Month', 'Regions', 'Evidence', 'Title'],
          c.events.map((e) => [
            e.id,
            `${e.approximate ? '≈' : ''}${e.month}`,
            e.regions.join(', '),
            e.evidence,
            e.title,
          ]),
        )}`;
  const baselines = table(
    ['Id', 'Measure', 'Year', 'Countries', 'Evidence', 'Source', 'Name'],
    c.baselines.map((b) => [b.id, b.measure, String(b.year), String(b.countries), b.evidence, b.source, b.name]),
  );
  return `Network-energy series (measured ones in order of preference; a projection only with --series)\n${series}${datasets}${events}\nCountry electricity baselines (the first is the default)\n${baselines}`;
}
