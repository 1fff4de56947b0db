import { expect } from 'vitest';
import { DataError, UsageError } from '../../src/errors.js';
import { FORBIDDEN_CONTROLS } from './settings.js';

/** The paths of the numbers in a value that are not finite (NaN, ±Infinity), each object visited once. */
export function nonFinite(value: unknown, path = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) return value.flatMap((item, i) => nonFinite(item, `${path}[${i}]`, seen));
  return Object.entries(value).flatMap(([key, item]) => nonFinite(item, `${path}.${key}`, seen));
}

/**
 * What a fuzzed call may do: return figures that are all finite, or refuse with a DataError or UsageError whose
 * message holds no control character. `shown` names the input in a failure.
 */
export function returnsOrRefuses(run: () => unknown, shown: string): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error instanceof DataError || error instanceof UsageError, `${shown}\n${String(error)}`).toBe(true);
    expect((error as Error).message, shown).not.toMatch(FORBIDDEN_CONTROLS);
    return;
  }
  expect(nonFinite(result), shown).toEqual([]);
}
