import { roundSignificant } from '../../core/common/units.js';

/** JSON.stringify's replacer for every machine-readable output: numbers to 10 significant digits. */
export const roundNumbers = (_key: string, value: unknown): unknown =>
  typeof value === 'number' ? roundSignificant(value) : value;

/** Stable JSON for scripts: two-space indent, numbers to 10 significant digits, trailing newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, roundNumbers, 2)}\n`;
}

/** One compact JSON object per line. */
export function renderNdjson(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(value, roundNumbers)}\n`).join('');
}
