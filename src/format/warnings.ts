import type { Estimate } from '../core/estimate.js';
import type { Colors } from './color.js';

/** Warnings for stderr, each on its own line, prefixed with the region when there are several estimates. */
export function renderEstimateWarnings(estimates: readonly Estimate[], colors: Colors): string {
  const many = estimates.length > 1;
  return estimates
    .flatMap((e) => e.warnings.map((w) => `${colors.yellow('warning:')} ${many ? `${e.region.id}: ` : ''}${w}\n`))
    .join('');
}

export function renderWarning(message: string, colors: Colors): string {
  return `${colors.yellow('warning:')} ${message}\n`;
}
