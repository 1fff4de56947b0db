/**
 * What the `report` and `chart` commands need and no other command does, loaded by them alone: the chart
 * specifications, Vega's renderer and the page.
 */
export { dataDigest } from '../../data/digest.js';
export { type Chart, chartOf } from './charts.js';
export { renderReportHtml, type RenderedChart, type ReportMeta } from './report-html.js';
export { pngFonts, renderPng } from './png.js';
export { renderSvg } from './svg.js';
