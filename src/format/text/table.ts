import { describeObtained, SHARE_DRIFT_PER_YEAR, WEAK_SHARE_DRIFT_PER_YEAR } from '../../core/shares/share-model.js';
import type { Catalogue } from '../../core/catalogue.js';
import type { Estimate } from '../../core/estimate.js';
import type { Change, EstimateRecord, Remainder, Skipped } from '../../core/estimate-set.js';
import { compareText, possessive } from '../../text.js';
import { describeMonthEstimate } from '../../core/common/period.js';
import type { Colors } from '../terminal/color.js';
import { formatNumber, ordinal, shortStanding, span, standing } from '../terminal/numbers.js';
import { displayWidth, maxLineWidth, wrapLine, wrapText } from '../terminal/width.js';

/**
 * A table at most `widthColumns` wide, drawn with box characters; colour, where any, is in the cells. When
 * the cells' natural widths do not fit, the widest columns are narrowed to a common cap and their cells wrap
 * at spaces (a word longer than its column is broken).
 */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly number[],
  widthColumns: number,
): string {
  const columns = largest(rows, (row) => row.length, head.length);
  const column = (i: number) => rows.map((row) => row[i] ?? '');
  const body = Array.from({ length: columns }, (_, i) => largest(column(i), maxLineWidth, 1));
  const natural = body.map((w, i) => Math.max(w, maxLineWidth(head[i] ?? '')));
  const words = body.map((_, i) => largest(column(i), longestWord, Math.max(1, longestWord(head[i] ?? ''))));
  // Too wide: the headings wrap at their spaces first, then the widest columns narrow.
  const widths =
    natural.reduce((sum, w) => sum + w, 0) + tableOverhead(columns) <= widthColumns
      ? natural
      : fitColumns(
          body.map((w, i) => Math.max(w, longestWord(head[i] ?? ''))),
          words,
          widthColumns,
        );
  const fit = (row: readonly string[]) =>
    Array.from({ length: columns }, (_, i) => wrapText(row[i] ?? '', widths[i] ?? 1, 0).split('\n'));
  return drawBox(head.length > 0 ? fit(head) : null, rows.map(fit), alignRight);
}

/**
 * Box-drawing around cells already wrapped to their columns (each cell a list of lines): one space of padding,
 * each column as wide as its widest line, no rules between rows.
 */
function drawBox(head: string[][] | null, rows: readonly string[][][], alignRight: readonly number[]): string {
  const all = head ? [head, ...rows] : rows;
  const columns = all[0]?.length ?? 0;
  const widths = Array.from({ length: columns }, (_, i) =>
    largest(all, (row) => largest(row[i] ?? [], displayWidth, 0), 1),
  );
  const rule = (left: string, middle: string, right: string) =>
    `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}\n`;
  const line = (row: string[][]) => {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    let out = '';
    for (let l = 0; l < height; l++) {
      const cells = widths.map((w, i) => {
        const text = row[i]?.[l] ?? '';
        const pad = ' '.repeat(w - displayWidth(text));
        return alignRight.includes(i) ? `${pad}${text}` : `${text}${pad}`;
      });
      out += `│ ${cells.join(' │ ')} │\n`;
    }
    return out;
  };
  return `${rule('┌', '┬', '┐')}${all.map(line).join('')}${rule('└', '┴', '┘')}`;
}

/**
 * A table when its columns fit the width without breaking a word; else one paragraph per row: the first cell,
 * then the others as "Heading: value" (empty ones left out), wrapped with a hanging indent.
 */
export function tableOrRecords(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  alignRight: readonly number[],
  widthColumns: number,
): string {
  const words = head.map((h, i) => largest(rows, (row) => longestWord(row[i] ?? ''), longestWord(h)));
  if (words.reduce((sum, w) => sum + w, 0) + tableOverhead(head.length) <= widthColumns) {
    return table(head, rows, alignRight, widthColumns);
  }
  return rows
    .map((row) => {
      const fields = head
        .slice(1)
        .flatMap((h, i) => (row[i + 1] ? [`${h}: ${row[i + 1]}`] : []))
        .join('; ');
      return `${wrapText(row[0] ?? '', widthColumns)}\n${wrapText(`  ${fields}`, widthColumns)}\n`;
    })
    .join('');
}

/**
 * The largest of `measure` over the items, and `floor`: a loop rather than `Math.max(...items)`, whose arguments
 * overflow the stack for a table of some hundred thousand rows.
 */
function largest<T>(items: readonly T[], measure: (item: T) => number, floor: number): number {
  let max = floor;
  for (const item of items) max = Math.max(max, measure(item));
  return max;
}

/** Columns a bordered table adds to its cells' widths: a border and a space each side of every cell. */
const tableOverhead = (columns: number) => 3 * columns + 1;

/** The widest word of a text, in columns: the narrowest it wraps to without breaking a word. */
const longestWord = (text: string) => Math.max(0, ...text.split(/[ \n]+/).map(displayWidth));

/**
 * Content widths for a table at most `widthColumns` wide: the natural ones when they fit, else the widest
 * narrowed to the largest common cap that fits, none narrower than its longest word; only when the words
 * themselves do not fit are they broken.
 */
export function fitColumns(
  natural: readonly number[],
  longestWords: readonly number[],
  widthColumns: number,
): number[] {
  const available = Math.max(natural.length, widthColumns - tableOverhead(natural.length));
  const capped = (cap: number, floors: readonly number[]) =>
    natural.map((w, i) => Math.min(w, Math.max(cap, floors[i] ?? 1)));
  const total = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w, 0);
  // When even the words do not fit, the longest are broken: every floor is cut to a common cap that fits.
  let wordCap = Math.max(1, ...longestWords);
  while (
    wordCap > 1 &&
    total(
      capped(
        1,
        longestWords.map((w) => Math.min(w, wordCap)),
      ),
    ) > available
  )
    wordCap--;
  const floors = longestWords.map((w) => Math.min(w, wordCap));
  let cap = Math.max(1, ...natural);
  while (cap > 1 && total(capped(cap, floors)) > available) cap--;
  return capped(cap, floors);
}

const range = (lower: number | null, upper: number | null) =>
  lower === null || upper === null ? '' : `${formatNumber(lower)}–${formatNumber(upper)}`;

function describeShare(e: Estimate, names: Map<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  if (e.share.links.length === 0) return `100% (the basis covers ${name(e.share.of)})`;
  const links = e.share.links.map((l) => {
    const marks = [
      describeObtained(l),
      ...(l.spreadPct > 0
        ? [`±${formatNumber(l.spreadPct)} point${formatNumber(l.spreadPct) === '1' ? '' : 's'}`]
        : []),
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

/**
 * Sources a computed source rests on (the bottom-up series: its daily inputs and the hardware list's sources), by the
 * computed source's id: a person's list names them by id under it, rather than describing each.
 */
export type FoldedSources = ReadonlyMap<string, readonly string[]>;

/**
 * The sources cited, one to a paragraph, wrapped with a hanging indent. A source that `folded` lists as resting on
 * others is followed by their ids in one paragraph; those are then not described one by one (the JSON, `sources`
 * and the report describe every one).
 */
function sourcesBlock(
  estimates: readonly Estimate[],
  colors: Colors,
  widthColumns: number,
  folded: FoldedSources = new Map(),
): string {
  const seen = new Map<string, Estimate['sources'][number]>();
  for (const e of estimates) for (const s of e.sources) seen.set(s.id, s);
  const under = new Map<string, string[]>();
  for (const [id, members] of folded) {
    if (!seen.has(id)) continue;
    const cited = members.filter((member) => member !== id && seen.has(member)).sort(compareText);
    if (cited.length === 0) continue;
    under.set(id, cited);
    for (const member of cited) seen.delete(member);
  }
  const lines = [...seen.values()]
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => {
      const members = under.get(s.id);
      const restsOn = members
        ? `\n${wrapLine(`    rests on ${members.length} sources: ${members.join(', ')} (mining-energy sources describes each)`, widthColumns, '    ').join('\n')}`
        : '';
      return `${sourceLine(s, colors, widthColumns)}${restsOn}\n`;
    });
  return `Sources\n${lines.join('')}`;
}

/** "  id: title <url>", wrapped to the width with continuation lines indented under the title. */
export function sourceLine(
  source: { id: string; title: string; url?: string | null | undefined },
  colors: Colors,
  widthColumns: number,
): string {
  return wrapLine(
    `  ${colors.bold(source.id)}: ${source.title}${source.url ? ` <${source.url}>` : ''}`,
    widthColumns,
    '    ',
  ).join('\n');
}

function estimateDetail(e: Estimate, names: Map<string, string>, colors: Colors, widthColumns: number): string {
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
    const figure = (n: { twh: number; year: number }) =>
      n.year === c.year ? formatNumber(n.twh) : `${formatNumber(n.twh)} in ${n.year}`;
    const around = [
      ...(c.above ? [`below ${c.above.country} (${figure(c.above)})`] : []),
      ...(c.below ? [`above ${c.below.country} (${figure(c.below)})`] : []),
    ];
    rows.push([
      'Among countries',
      `${standing(c.rank, c.count)} on ${c.baseline} (${c.measure}, ${c.year}): ${around.join(', ')}`,
    ]);
    if (c.pctOfCountry !== null && c.country !== null) {
      rows.push([
        `Share of ${c.country}`,
        `${formatNumber(c.pctOfCountry)}% of its electricity ${c.measure} in ${c.countryYear ?? c.year}`,
      ]);
    }
  }
  if (e.uncertainty) {
    const u = e.uncertainty;
    rows.push([
      'Uncertainty',
      `${u.samples} samples, seed ${u.seed}; basis ±${formatNumber(u.basisSpread * 100)}% without bounds, approximate shares ±${formatNumber(u.shareSpreadPct)} points, shares ±${formatNumber(SHARE_DRIFT_PER_YEAR * 100)}% a year from their records (${formatNumber(WEAK_SHARE_DRIFT_PER_YEAR * 100)}% secondhand or approximate), across a break ±${formatNumber(u.breakSpread * 100)}%, intensity ±${formatNumber(u.intensitySpread * 100)}%`,
    ]);
  }
  if (e.month !== null) rows.unshift(['Period', describeMonthEstimate(e.month)]);
  const title = `${colors.bold(e.region.name)} (${e.region.kind}${e.region.parent ? ` in ${names.get(e.region.parent) ?? e.region.parent}` : ''}), ${e.month === null ? e.year : `${e.month} shares on the ${e.year} total`}`;
  return `${wrapText(title, widthColumns)}\n${table([], rows, [], widthColumns)}`;
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
function notesBlock(e: Estimate, widthColumns: number): string {
  const warned = (l: Estimate['share']['links'][number]) =>
    l.approximate || l.evidence === 'secondhand' || l.dataset !== null;
  const notes = [...new Set(e.share.links.filter((l) => !warned(l)).flatMap((l) => l.notes))];
  return notes.length === 0
    ? ''
    : `Notes on the shares used\n${notes.map((n) => `${wrapText(`  - ${n}`, widthColumns)}\n`).join('')}`;
}

/** The narrowest width at which the several-region table keeps a row per region (its compact columns). */
export const COMPACT_MIN_WIDTH_COLUMNS = 60;

/** A row of the summary: an estimate, or the unattributed rest of a breakdown. */
type SummaryRow = Estimate | Remainder;

/** A region left out, drawn as a row saying so (its TWh a dash), so that it does not vanish from the table. */
function notEstimatedFields(r: Skipped, withCaveats: boolean): [string, string][] {
  const names = ['GW', 'Mt CO2', 'Share', 'Basis', 'Rank', ...(withCaveats ? ['Caveats'] : [])];
  return [
    ['Region', r.region.name],
    ['Kind', r.region.kind],
    ['Period', r.month ?? (r.year === null ? '' : String(r.year))],
    ['TWh/yr', '–'],
    ['Bounds TWh', 'not estimated'],
    ...names.map((name): [string, string] => [name, '']),
  ];
}

/**
 * The line under a table with regions (or years) left out: that the warnings say why, or, when the warnings are
 * not shown (--quiet), each one's reason.
 */
function notEstimatedNote(
  skipped: readonly Skipped[],
  label: (r: Skipped) => string,
  reasons: boolean,
  drawn: boolean,
  widthColumns: number,
): string {
  if (skipped.length === 0) return '';
  const head = drawn ? '– not estimated' : 'Not estimated';
  if (!reasons) return `${wrapText(`${head}: the warnings say why.`, widthColumns, 2)}\n`;
  const lines = [`${head}:`, ...skipped.map((r) => wrapText(`  ${label(r)}: ${r.reason}`, widthColumns, 2))];
  return `${lines.join('\n')}\n`;
}

/** One row per region with every column, when that fits the width; else fewer; else a block per region. */
function estimatesSummary(
  all: readonly (SummaryRow | Skipped)[],
  names: Map<string, string>,
  colors: Colors,
  widthColumns: number,
): string {
  const regionNames = names;
  const rows = all.filter((r): r is SummaryRow => r.record !== 'skipped');
  // When every share is of one scope (the world, usually), the column says so once, in its heading.
  const scopes = new Set(rows.map((e) => e.share.of));
  const sharedOf = scopes.size === 1 ? [...scopes][0] : undefined;
  const withCaveats = rows.some((e) => e.record === 'estimate' && e.caveats.length > 0);
  const fields = (r: SummaryRow | Skipped): [string, string][] =>
    r.record === 'skipped' ? notEstimatedFields(r, withCaveats) : summaryFields(r);
  const summaryFields = (e: SummaryRow): [string, string][] => [
    ['Region', e.region.name],
    ['Kind', e.region.kind],
    ['Period', e.month ?? String(e.year)],
    ['TWh/yr', formatNumber(e.energy.twh)],
    ['Bounds TWh', range(e.energy.lowerTwh, e.energy.upperTwh)],
    ['GW', e.record === 'estimate' ? formatNumber(e.power.gw) : ''],
    ['Mt CO2', e.record === 'estimate' && e.carbon ? formatNumber(e.carbon.mtco2) : ''],
    [
      'Share',
      e.share.pct === null
        ? ''
        : `${formatNumber(e.share.pct)}${sharedOf ? '' : `% of ${names.get(e.share.of) ?? e.share.of}`}`,
    ],
    ['Basis', e.record === 'estimate' ? e.basis.series : ''],
    ['Rank', e.record === 'estimate' && e.comparison ? shortStanding(e.comparison.rank, e.comparison.count) : ''],
    ...(withCaveats ? [['Caveats', e.record === 'estimate' ? e.caveats.join(', ') : ''] as [string, string]] : []),
  ];
  const rightAligned = new Set(['TWh/yr', 'GW', 'Mt CO2', 'Rank', ...(sharedOf ? ['Share'] : [])]);
  const tableOf = (keep: (name: string) => boolean, width: number) => {
    const names = fields(rows[0] as SummaryRow)
      .map(([name]) => name)
      .filter(keep);
    const head = names.map((name) =>
      name === 'Share' && sharedOf ? `% of ${regionNames.get(sharedOf) ?? sharedOf}` : name,
    );
    const cells = all.map((e) =>
      fields(e)
        .filter(([name]) => keep(name))
        .map(([, value]) => value),
    );
    return table(
      head,
      cells,
      names.flatMap((name, i) => (rightAligned.has(name) ? [i] : [])),
      width,
    );
  };
  const full = tableOf(() => true, Number.POSITIVE_INFINITY);
  if (maxLineWidth(full) <= widthColumns) return full;
  if (widthColumns >= COMPACT_MIN_WIDTH_COLUMNS) {
    const periods = new Set(rows.map((e) => e.month ?? String(e.year)));
    const compact = new Set(['Region', 'TWh/yr', 'Bounds TWh', 'Mt CO2', 'Share', 'Rank']);
    if (periods.size > 1) compact.add('Period');
    const note = `${periods.size === 1 ? `All for ${[...periods][0]}. ` : ''}Kind, power, basis and caveats: with --json, or one region at a time.`;
    return `${tableOf((name) => compact.has(name), widthColumns)}${wrapText(note, widthColumns)}\n`;
  }
  return all
    .map((e) => {
      const [[, name] = ['', ''], ...rest] = fields(e).filter(([, value]) => value !== '');
      return `${colors.bold(name)}\n${table([], rest, [], widthColumns)}`;
    })
    .join('');
}

/** The lines under a summary with remainders: what each `…/unattributed` row is, and the whole it completes. */
function remaindersNote(rows: readonly SummaryRow[], names: Map<string, string>, widthColumns: number): string {
  return rows
    .flatMap((r) => {
      if (r.record !== 'remainder' || r.region.parent === null) return [];
      const parent = r.region.parent;
      const whole = rows.find((e) => e.region.id === parent);
      const name = names.get(parent) ?? parent;
      const total = whole ? ` (${formatNumber(whole.energy.twh)} TWh)` : '';
      return [
        `${wrapText(
          `${r.region.name}: the part of ${possessive(name)} total that its breakdown gives to none of its parts listed; with it, they add up to ${name}${total}.`,
          widthColumns,
        )}\n`,
      ];
    })
    .join('');
}

/**
 * The human report for `estimate`: one detailed table for one region, a summary for several (with the remainders
 * of `--all`). A region left out is a row saying so in the summary, or named under the detailed table; the line
 * under either says why when the warnings do not (`reasons`, for --quiet).
 */
export function renderEstimateTable(
  records: readonly EstimateRecord[],
  names: Map<string, string>,
  colors: Colors,
  widthColumns: number,
  folded?: FoldedSources,
  options: { caveats: boolean; reasons?: boolean } = { caveats: true },
): string {
  const shown = options.caveats ? records : records.map((r) => (r.record === 'estimate' ? { ...r, caveats: [] } : r));
  const estimates = shown.filter((r): r is Estimate => r.record === 'estimate');
  const rows = shown.filter((r): r is SummaryRow => r.record !== 'skipped');
  const skipped = shown.filter((r): r is Skipped => r.record === 'skipped');
  const reasons = options.reasons === true;
  const label = (r: Skipped) => r.region.name;
  if (rows.length === 1 && estimates.length === 1) {
    const e = estimates[0] as Estimate;
    // The detail is as when the region alone is asked for: the regions left out are named by the warnings, or
    // under it when those are not shown.
    const notEstimated = reasons ? notEstimatedNote(skipped, label, true, false, widthColumns) : '';
    return `${estimateDetail(e, names, colors, widthColumns)}${notEstimated}${notesBlock(e, widthColumns)}${sourcesBlock(estimates, colors, widthColumns, folded)}`;
  }
  const baseline = estimates[0]?.comparison?.baseline;
  return `${estimatesSummary(shown, names, colors, widthColumns)}${notEstimatedNote(skipped, label, reasons, true, widthColumns)}${remaindersNote(rows, names, widthColumns)}${baseline ? `Rank among countries on ${baseline}.\n` : ''}${sourcesBlock(estimates, colors, widthColumns, folded)}`;
}

/** The marks of the years table's Changes column. */
const CHANGE_MARKS = { basis: 'B', share: 'S' } as const satisfies Record<Change['what'], string>;

/** A change in words: `S united-states of world: cbeci-mining-map → hashrateindex-2025`. */
function describeChange(change: Change): string {
  const list = (ids: readonly string[]) => (ids.length === 0 ? 'none' : ids.join(', '));
  const what = change.what === 'basis' ? 'basis' : `share of ${change.region} in ${change.of}`;
  return `${CHANGE_MARKS[change.what]} ${what}: ${list(change.from)} → ${list(change.to)}${change.comparable ? '' : ' (not comparable)'}`;
}

/**
 * `estimate --years`: one row a year, with a mark where the year rests on another basis series (B) or share
 * source (S) than the year before, a legend naming each change, and the sources of every year.
 */
export function renderYearsTable(
  records: readonly EstimateRecord[],
  names: Map<string, string>,
  colors: Colors,
  widthColumns: number,
  folded?: FoldedSources,
  options: { reasons?: boolean } = {},
): string {
  const estimates = records.filter((r): r is Estimate => r.record === 'estimate');
  const region = records[0]?.region;
  const ofs = new Set(estimates.map((e) => e.share.of));
  const sharedOf = ofs.size === 1 ? [...ofs][0] : undefined;
  const head = [
    'Year',
    'TWh/yr',
    'Bounds TWh',
    'Mt CO2',
    sharedOf ? `% of ${names.get(sharedOf) ?? sharedOf}` : 'Share',
    'Basis',
    'Changes',
  ];
  const rows = records.flatMap((r) => {
    if (r.record === 'remainder') return [];
    if (r.record === 'skipped') return [[String(r.month ?? r.year), '–', '', '', '', 'not estimated', '']];
    const marks = [...new Set((r.changes ?? []).map((c) => CHANGE_MARKS[c.what]))].join(' ');
    const incomparable = (r.changes ?? []).some((c) => !c.comparable) ? '!' : '';
    return [
      [
        String(r.month ?? r.year),
        formatNumber(r.energy.twh),
        range(r.energy.lowerTwh, r.energy.upperTwh),
        r.carbon ? formatNumber(r.carbon.mtco2) : '',
        sharedOf
          ? formatNumber(r.share.pct)
          : `${formatNumber(r.share.pct)}% of ${names.get(r.share.of) ?? r.share.of}`,
        r.basis.series,
        `${marks}${incomparable}`,
      ],
    ];
  });
  const title = region ? `${colors.bold(names.get(region.id) ?? region.name)}\n` : '';
  const changes = estimates.flatMap((e) => (e.changes ?? []).map((c) => `${e.month ?? e.year}: ${describeChange(c)}`));
  const legend =
    changes.length === 0
      ? 'Changes: none; every year rests on the same basis series and share sources.'
      : `Changes from the year before: B the basis series, S the source of a share${estimates.some((e) => (e.changes ?? []).some((c) => !c.comparable)) ? '; ! sources the data mark as not comparable' : ''}.`;
  const lines = [legend, ...changes.map((c) => `  ${c}`)];
  const text = lines.map((line) => wrapText(line, widthColumns, 2)).join('\n');
  const skipped = records.filter((r): r is Skipped => r.record === 'skipped');
  const label = (r: Skipped) => String(r.month ?? r.year);
  const notEstimated = notEstimatedNote(skipped, label, options.reasons === true, true, widthColumns);
  return `${title}${table(head, rows, [1, 3, 4], widthColumns)}${text}\n${notEstimated}${sourcesBlock(estimates, colors, widthColumns, folded)}`;
}

export { formatNumber, ordinal };

/** A series' source; for the computed one, the model's and then every source it rests on. */
function seriesSource(s: Catalogue['series'][number]): string {
  if (!s.computed) return s.source;
  return `${s.source} (computed here), from ${s.sources.filter((id) => id !== s.source).join(', ')}`;
}

/** The `datasets` report: the series, share datasets, structural breaks and baselines, each with its grade. */
export function renderCatalogueTable(c: Catalogue, widthColumns: number): string {
  const heading = (text: string) => `${wrapText(text, widthColumns)}\n`;
  const series = tableOrRecords(
    ['Id', 'Scope', 'Kind', 'Years', 'Bounds', 'Evidence', 'Source'],
    c.series.map((s) => [s.id, s.scope, s.kind, s.coverage, s.bounds ? 'yes' : 'no', s.evidence, seriesSource(s)]),
    [],
    widthColumns,
  );
  const datasets =
    c.shareDatasets.length === 0
      ? ''
      : `\n${heading('Share datasets (used only when asked for: estimate --share-dataset, shares --dataset)')}${tableOrRecords(
          ['Id', 'Months', 'Regions', 'Evidence', 'Source'],
          c.shareDatasets.map((d) => [
            d.id,
            span(d.months),
            String(d.regions.length),
            d.evidence,
            d.sources.join(', '),
          ]),
          [],
          widthColumns,
        )}`;
  const events =
    c.events.length === 0
      ? ''
      : `\n${heading('Structural breaks (a share from one side of one, applied to the other, is flagged)')}${tableOrRecords(
          ['Id', 'Month', 'Regions', 'Evidence', 'Title'],
          c.events.map((e) => [
            e.id,
            `${e.approximate ? '≈' : ''}${e.month}`,
            e.regions.join(', '),
            e.evidence,
            e.title,
          ]),
          [],
          widthColumns,
        )}`;
  const baselines = tableOrRecords(
    ['Id', 'Measure', 'Year', 'Countries', 'Evidence', 'Source', 'Name'],
    c.baselines.map((b) => [
      b.default ? `${b.id} (default)` : b.id,
      b.measure,
      String(b.year),
      String(b.countries),
      b.evidence,
      b.source,
      b.name,
    ]),
    [],
    widthColumns,
  );
  return `${heading('Network-energy series (used in this order for a year: published totals, the bottom-up series computed here, annualised readings of one day; a projection only with --series)')}${series}${datasets}${events}\n${heading("Country electricity baselines (the latest year's is the default; --baseline chooses another)")}${baselines}`;
}
