import type { Chart } from './charts.js';
import { escapeHtml } from './html.js';

/**
 * Renders a chart's Vega-Lite specification to SVG with Vega's headless view (no browser, no canvas): the text
 * is laid out with Vega's estimate of the font's widths. Vega and Vega-Lite are loaded here, on first use, so
 * that no other command pays for them.
 */
export async function renderSvg(chart: Chart): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(chart.spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return accessibleSvg(await view.toSVG(), chart);
  } finally {
    view.finalize();
  }
}

/**
 * Gives the SVG a title and a description as its first children, which screen readers and browsers (as a
 * tooltip) read, and marks it as one image labelled by them.
 */
export function accessibleSvg(svg: string, chart: Pick<Chart, 'kind' | 'title' | 'description'>): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('the chart renderer returned no <svg> element');
  const id = `chart-${chart.kind}`;
  const root = open[0]
    .replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/>$/, ` role="img" aria-labelledby="${id}-title ${id}-desc">`);
  const words = `<title id="${id}-title">${escapeHtml(chart.title)}</title><desc id="${id}-desc">${escapeHtml(chart.description)}</desc>`;
  return `${root}${words}${svg.slice(open[0].length)}`;
}
