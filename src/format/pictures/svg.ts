import type { Chart } from './charts.js';
import { escapeHtml } from './html.js';
import { measureTextItem } from './text-width.js';

/** Vega's logger interface (vega-util's LoggerInterface), as Vega-Lite's compiler and Vega's view call it. */
export interface ChartLogger {
  level(level?: number): number | ChartLogger;
  error(...args: unknown[]): ChartLogger;
  warn(...args: unknown[]): ChartLogger;
  info(...args: unknown[]): ChartLogger;
  debug(...args: unknown[]): ChartLogger;
}

/** Vega's logging levels (None 0, Error 1, Warn 2, Info 3, Debug 4). */
const ERROR_LEVEL = 1;
const WARN_LEVEL = 2;

/**
 * A logger that keeps the warnings and errors Vega-Lite and Vega would print to the console (warnings too unless
 * its level is set to errors only): a chart whose specification draws them is wrong (a field it lacks, a channel
 * it ignores), and is refused rather than drawn.
 */
export function collectingLogger(): { logger: ChartLogger; messages: string[] } {
  const messages: string[] = [];
  let level = WARN_LEVEL;
  const keep =
    (kind: string, at: number) =>
    (...args: unknown[]) => {
      if (level >= at) messages.push(`${kind} ${args.map(String).join(' ')}`);
      return logger;
    };
  const logger: ChartLogger = {
    level(to?: number) {
      if (to === undefined) return level;
      level = to;
      return logger;
    },
    error: keep('ERROR', ERROR_LEVEL),
    warn: keep('WARN', WARN_LEVEL),
    info: () => logger,
    debug: () => logger,
  };
  return { logger, messages };
}

/** @throws Error listing what the renderer complained of, naming the chart. */
function refuseWarnings(chart: Pick<Chart, 'kind'>, messages: readonly string[]): void {
  if (messages.length > 0) {
    throw new Error(`The ${chart.kind} chart's specification is not drawn as meant: ${messages.join('; ')}`);
  }
}

/** Vega's text measurer (vega-scenegraph's textMetrics), which its typings leave out. */
interface TextMetrics {
  width: (item: Parameters<typeof measureTextItem>[0], line: unknown) => number;
}

/**
 * Renders a chart's Vega-Lite specification to SVG with Vega's headless view (no browser, no canvas). Without a
 * canvas Vega would lay text out by its estimate of 0.8 em a character, far wider than any font draws it, and
 * size the chart to that: the text is measured here with the font's own widths instead (text-width.ts), so that
 * the chart is as wide as what it draws. Vega and Vega-Lite are loaded here, on first use, so that no other
 * command pays for them.
 * @throws Error when Vega-Lite warns about the specification, or Vega fails to draw it.
 */
export async function renderSvg(chart: Chart): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Vega has one measurer for the process: every chart drawn in it afterwards, by this module or not, uses ours.
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = measureTextItem;
  const { logger, messages } = collectingLogger();
  const compiled = vegaLite.compile(chart.spec as unknown as Parameters<typeof vegaLite.compile>[0], {
    logger,
  }).spec;
  refuseWarnings(chart, messages);
  // At run time only errors count: a layer whose filter leaves no data (no approximate share, say) warns of an
  // infinite extent, and is right to draw nothing.
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: ERROR_LEVEL });
  try {
    const svg = await view.toSVG();
    refuseWarnings(chart, messages);
    return accessibleSvg(svg, chart);
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
