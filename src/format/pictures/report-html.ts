import { describeObtained } from '../../core/shares/share-model.js';
import type { Estimate } from '../../core/estimate.js';
import type { Warning } from '../../core/common/warnings.js';
import { describeMonth } from '../../core/common/period.js';
import type { ReportModel } from '../../core/report.js';
import { type Chart, CHART_FONT, type ChartTable } from './charts.js';
import { escapeHtml, escapeHtmlLines, jsonForScript, linkableUrl } from './html.js';
import { formatNumber, standing } from '../terminal/numbers.js';

/** What made the page: shown at its foot, so that a reader can make it again. */
export interface ReportMeta {
  /** The command line, as typed (quoted for a POSIX shell). */
  command: string;
  toolVersion: string;
  /** The data used: the shipped data, or a directory, with the digest of what was read. */
  data: string;
  /** The day the page was made, YYYY-MM-DD (UTC). */
  made: string;
}

/** A chart as the page holds it: its words, figures and specification, and its drawing. */
export interface RenderedChart {
  chart: Chart;
  svg: string;
}

function bounds(lower: number | null, upper: number | null, unit: string): string {
  return lower === null || upper === null ? '' : ` (bounds ${formatNumber(lower)}–${formatNumber(upper)} ${unit})`;
}

/** The estimate in sentences: energy, power, carbon, rank, and what it rests on. */
/** A neighbour's TWh, with the year of its figure when that is not the list's. */
function neighbourFigure(n: { twh: number; year: number }, listYear: number): string {
  return `${formatNumber(n.twh)} TWh${n.year === listYear ? '' : ` in ${n.year}`}`;
}

function headline(e: Estimate, names: ReadonlyMap<string, string>, baselineName: string | null): string {
  const nameOf = (id: string) => escapeHtml(names.get(id) ?? id);
  const period = e.month === null ? String(e.year) : `${describeMonth(e.month)}, as a yearly rate`;
  const sentences = [
    `${e.basis.kind === 'projection' ? `From a projection (${escapeHtml(e.basis.series)}), not a measurement: a projected` : 'An estimated'} <strong>${formatNumber(e.energy.twh)} TWh</strong> of electricity a year${bounds(e.energy.lowerTwh, e.energy.upperTwh, 'TWh')}, an average power of <strong>${formatNumber(e.power.gw)} GW</strong>${bounds(e.power.lowerGw, e.power.upperGw, 'GW')}.`,
  ];
  if (e.carbon) {
    sentences.push(
      `At ${formatNumber(e.carbon.gco2PerKwh)} g CO2/kWh (${escapeHtml(e.carbon.basis)}, ${e.carbon.year}), that is <strong>${formatNumber(e.carbon.mtco2)} Mt CO2</strong> a year${bounds(e.carbon.lowerMtco2, e.carbon.upperMtco2, 'Mt')}.`,
    );
  }
  if (e.comparison) {
    const c = e.comparison;
    const between = [
      c.above ? `${escapeHtml(c.above.country)} (${neighbourFigure(c.above, c.year)}) above` : '',
      c.below ? `${escapeHtml(c.below.country)} (${neighbourFigure(c.below, c.year)}) below` : '',
    ].filter(Boolean);
    sentences.push(
      `It would rank ${standing(c.rank, c.count)} in ${escapeHtml(baselineName ?? `${c.baseline} (${c.measure}, ${c.year})`)}${between.length > 0 ? `, with ${between.join(' and ')}` : ''}.`,
    );
  }
  const links = e.share.links
    .map(
      (l) =>
        `${nameOf(l.region)} ${formatNumber(l.pct)}% of ${nameOf(l.of)} (${describeObtained(l, describeMonth)}${l.spreadPct > 0 ? `, ±${formatNumber(l.spreadPct)} point${formatNumber(l.spreadPct) === '1' ? '' : 's'}` : ''}${l.breaks.length > 0 ? `, across ${l.breaks.map(escapeHtml).join(', ')}` : ''})`,
    )
    .join(' × ');
  const basis = `${escapeHtml(e.basis.series)}, ${e.basis.kind}, ${escapeHtml(e.basis.coverage)}${e.basis.through === null ? '' : ` to ${e.basis.through}`}`;
  // The basis's own region (the world, say) takes no share of anything: its estimate is the basis itself.
  const share =
    e.share.links.length === 0
      ? ''
      : `a share of ${formatNumber(e.share.pct)}% of ${nameOf(e.share.of)}'s hashrate (${links}) times `;
  const restsOn = `It is ${share}${nameOf(e.basis.scope)}'s ${formatNumber(e.basis.twh)} TWh for ${e.basis.year} (${basis}). The weakest evidence behind it is <strong>${e.evidence}</strong>.`;
  return `<h1>${escapeHtml(e.region.name)}: electricity for bitcoin mining, ${period}</h1>
<p class="lead">${sentences.join(' ')}</p>
<p>${restsOn}</p>`;
}

/** Command-line wording: an option (`--year`) or a command in backticks. */
const COMMAND_WORDING = /(?:^|[\s(])--[a-z]|`/;

/**
 * An estimate's warnings as a page states them: without the one on the default year (the page states its year in
 * its title, and its reader typed no command), and without the sentences or clauses that say what to type (a
 * reader of the page runs no command); what a warning says of the figures stays.
 */
export function pageWarnings(warnings: readonly Warning[]): Warning[] {
  return warnings.flatMap((warning) => {
    if (warning.code === 'default-year') return [];
    const sentences = warning.message.split(/(?<=\.) (?=[A-Z0-9])/).flatMap((sentence) => {
      if (!COMMAND_WORDING.test(sentence)) return [sentence];
      // The clauses before the first that speaks of the command line, when there are some.
      const clauses = sentence.split(/(?<=[;:]) /);
      const kept: string[] = [];
      for (const clause of clauses) {
        if (COMMAND_WORDING.test(clause)) break;
        kept.push(clause);
      }
      return kept.length === 0 ? [] : [`${kept.join(' ').replace(/[;:]$/, '')}.`];
    });
    return sentences.length === 0 ? [] : [{ ...warning, message: sentences.join(' ') }];
  });
}

/** The page's warnings, all of them, those that change what the figures mean first and then the notes. */
function warningsList(e: Estimate): string {
  const warnings = pageWarnings(e.warnings);
  if (warnings.length === 0) return '<p>No warnings: the inputs line up.</p>';
  const list = (level: Warning['level'], heading: string) => {
    const items = warnings.filter((w) => w.level === level);
    if (items.length === 0) return '';
    return `<h3>${heading}</h3>
<ul class="warnings ${level}">${items.map((w) => `<li>${escapeHtml(w.message)} <span class="code">(${escapeHtml(w.code)})</span></li>`).join('')}</ul>`;
  };
  return `<h2 id="warnings">Warnings</h2>
${list('changes-meaning', 'What changes the meaning of the figures')}${list('note', 'Notes')}`;
}

/** Columns of whole numbers that are names, not quantities: written as they are ("2016", not "2,016"). */
const PLAIN_COLUMNS = new Set(['Year', 'Rank']);

/** A table cell's text: numbers as people read them (a year as it is), nothing for a missing value. */
function cell(value: string | number | null, column = ''): string {
  if (value === null) return '';
  if (typeof value === 'number') return PLAIN_COLUMNS.has(column) ? String(value) : formatNumber(value);
  return escapeHtml(value);
}

function dataTable(table: ChartTable, caption: string): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((v, i) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${cell(v, table.columns[i])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}

/** Each chart's section heading: short, since the chart's own title follows it. */
const HEADINGS: Record<Chart['kind'], string> = {
  energy: 'Electricity by year',
  shares: 'Share history',
  network: 'Network electricity by year',
  neighbours: 'Among countries',
  carbon: 'Carbon',
};

function figure({ chart, svg }: RenderedChart, number: number): string {
  const id = `chart-${chart.kind}`;
  return `<section class="chart" id="section-${chart.kind}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${number}. ${HEADINGS[chart.kind]}</h2>
<figure>
<div class="drawing" tabindex="0" aria-label="${escapeHtml(chart.title)} (scrolls sideways on a narrow screen)">${svg}</div>
<figcaption>${escapeHtml(chart.description)}</figcaption>
</figure>
<details><summary>The figures behind this chart</summary>
${dataTable(chart.table, chart.title)}
</details>
<details><summary>Vega-Lite specification (to remix the chart)</summary>
<pre><code>${escapeHtmlLines(JSON.stringify(chart.spec, null, 2))}</code></pre>
</details>
<script type="application/json" id="spec-${chart.kind}" class="vega-lite-spec">${jsonForScript(chart.spec)}</script>
</section>`;
}

function sourcesTable(model: ReportModel): string {
  const rows = model.sources.map((s) => {
    const url = linkableUrl(s.url);
    // An address that is not http(s) is shown, not linked.
    const title =
      url !== null
        ? `<a href="${escapeHtml(url)}">${escapeHtml(s.title)}</a>`
        : s.url === undefined
          ? escapeHtml(s.title)
          : `${escapeHtml(s.title)} <span class="muted">(address, not linked: ${escapeHtml(s.url)})</span>`;
    const seen = s.reportedBy === undefined ? s.evidence : `${s.evidence}, reported by ${escapeHtml(s.reportedBy)}`;
    return `<tr><td><code>${escapeHtml(s.id)}</code></td><td>${title}${s.publisher === undefined ? '' : `<br><span class="muted">${escapeHtml(s.publisher)}</span>`}</td><td>${escapeHtml(s.licence ?? 'not stated')}</td><td>${seen}</td></tr>`;
  });
  return `<section id="sources" aria-labelledby="sources-heading">
<h2 id="sources-heading">Sources</h2>
<div class="scroll"><table><caption>Every source a figure on this page cites</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Source</th><th scope="col">Licence</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
</section>`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--rule:#d0d0d0;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 ${CHART_FONT};color:var(--ink);background:#fff;overflow-wrap:anywhere}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-top:1px solid var(--rule);padding-top:1rem}
.lead{font-size:1.1rem}
.warnings li{margin:.25rem 0}
.warnings .code{color:#666;font-size:.85em}
figure{margin:0}
.drawing{overflow-x:auto}
.drawing svg{display:block;width:100%;min-width:34rem;height:auto}
figcaption,.muted,footer{color:var(--muted);font-size:.9rem}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--accent)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0;min-width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.2rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{overflow-x:auto;background:#f6f6f6;padding:.5rem;font-size:.75rem;max-height:24rem}
a{color:var(--accent)}
footer{border-top:1px solid var(--rule);margin-top:2rem;padding-top:1rem}
footer code{word-break:break-all}
@media print{body{max-width:none;font-size:11pt}.drawing{overflow:visible}.drawing svg{min-width:0}details:not([open]){display:none}.chart{break-inside:avoid}a{color:inherit}a[href]::after{content:" (" attr(href) ")";font-size:.8em;word-break:break-all}}
`;

/**
 * The report as one HTML page with nothing to fetch: its styles, charts (inline SVG) and specifications are in
 * the file, and its content security policy forbids loading anything else, so it reads the same offline.
 */
export function renderReportHtml(model: ReportModel, charts: readonly RenderedChart[], meta: ReportMeta): string {
  const e = model.estimate;
  const title = `${e.region.name}: electricity for bitcoin mining, ${e.month ?? e.year}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="mining-energy ${escapeHtml(meta.toolVersion)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
${headline(e, new Map([...model.chain, model.world].map((r) => [r.id, r.name])), model.comparison?.name ?? null)}
${warningsList(e)}
</header>
${charts.map((c, i) => figure(c, i + 1)).join('\n')}
${sourcesTable(model)}
</main>
<footer>
<p>Made by <code>${escapeHtml(meta.command)}</code> with mining-energy ${escapeHtml(meta.toolVersion)} on ${escapeHtml(meta.made)}, from ${escapeHtml(meta.data)}.</p>
<p>Every figure above comes from the sources listed, or is computed from them as the tool documents; evidence grades say how each was seen (primary, copy, secondhand, computed).</p>
</footer>
</body>
</html>
`;
}
