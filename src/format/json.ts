import { roundSignificant } from '../core/units.js';

/** JSON.stringify's replacer for every machine-readable output: numbers to 10 significant digits. */
export const roundNumbers = (_key: string, value: unknown): unknown =>
  typeof value === 'number' ? roundSignificant(value) : value;

/**
 * A number to 10 significant digits, as {@link roundNumbers} gives it. An integer of at most 10 digits is already
 * that, and is returned without toPrecision (a string made and read back): about a quarter of a long output's
 * rounding time.
 */
function roundedNumber(value: number): number {
  if (Number.isInteger(value) && Math.abs(value) < 1e10) return value;
  return roundSignificant(value);
}

/** The wrappers JSON.stringify writes as the primitive they hold, and a replacer is given unrounded. */
function isBoxedPrimitive(value: object): boolean {
  return value instanceof Number || value instanceof String || value instanceof Boolean;
}

/**
 * A copy of a value with every number rounded as {@link roundNumbers} rounds it, for JSON.stringify without a
 * replacer: the same text as with it (a value's toJSON is called first, with its key, as JSON.stringify calls it),
 * but JSON.stringify with a replacer function calls back into JavaScript for every key and value, which took about
 * a third of the time of a long `--json` output.
 */
export function roundedForJson(value: unknown, key = ''): unknown {
  let json = value;
  if (typeof json === 'object' && json !== null && typeof (json as { toJSON?: unknown }).toJSON === 'function') {
    json = (json as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (typeof json === 'number') return roundedNumber(json);
  if (typeof json !== 'object' || json === null || isBoxedPrimitive(json)) return json;
  if (Array.isArray(json)) return json.map((item: unknown, index) => roundedForJson(item, String(index)));
  const copy: Record<string, unknown> = {};
  for (const field of Object.keys(json)) copy[field] = roundedForJson((json as Record<string, unknown>)[field], field);
  return copy;
}

/** Stable JSON for scripts: two-space indent, numbers to 10 significant digits, trailing newline. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(roundedForJson(value), null, 2)}\n`;
}

/** One compact JSON object per line. */
export function renderNdjson(values: readonly unknown[]): string {
  return values.map((value) => `${JSON.stringify(roundedForJson(value))}\n`).join('');
}
