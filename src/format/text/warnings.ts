import { escapeControls } from '../../text.js';
import type { Estimate } from '../../core/estimate.js';
import type { Colors } from '../terminal/color.js';
import { wrapLine } from '../terminal/width.js';

/** The hanging indent of a warning's continuation lines. */
const WARNING_INDENT = '  ';

/**
 * Warnings for stderr, each its own paragraph, prefixed with the region when there are several estimates, and
 * with the period when they are of several periods (`--years`).
 */
export function renderEstimateWarnings(estimates: readonly Estimate[], colors: Colors, widthColumns: number): string {
  const many = estimates.length > 1;
  const periodOf = (e: Estimate) => e.month ?? String(e.year);
  const periods = new Set(estimates.map(periodOf)).size > 1;
  const prefix = (e: Estimate) => (many ? `${e.region.name}${periods ? ` ${periodOf(e)}` : ''}: ` : '');
  return estimates
    .flatMap((e) => e.warnings.map((w) => renderWarning(`${prefix(e)}${w}`, colors, widthColumns)))
    .join('');
}

/** "warning: …", wrapped to the width with a hanging indent. */
export function renderWarning(message: string, colors: Colors, widthColumns: number): string {
  return `${wrapLine(`${colors.yellow('warning:')} ${escapeControls(message)}`, widthColumns, WARNING_INDENT).join('\n')}\n`;
}

/**
 * "error: …" for stderr, wrapped to the width as a warning is, with the same hanging indent; a message of several
 * lines (a list of problems) wraps each line under its own indent.
 */
export function renderError(message: string, colors: Colors, widthColumns: number): string {
  const [first = '', ...rest] = escapeControls(message).split('\n');
  const lines = [
    ...wrapLine(`${colors.red('error:')} ${first}`, widthColumns, WARNING_INDENT),
    ...rest.flatMap((line) => {
      const leading = /^ */.exec(line)?.[0] ?? '';
      return wrapLine(line, widthColumns, `${leading}${WARNING_INDENT}`);
    }),
  ];
  return `${lines.join('\n')}\n`;
}
