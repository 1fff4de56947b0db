import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadData } from '../src/data/load.js';
import type { Dataset } from '../src/data/dataset.js';
import { CBECI_OVERHEADS } from '../src/core/network/bottom-up.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/mining-energy.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const SHIPPED_DATA = fileURLToPath(new URL('../data/', import.meta.url));

/** The shipped network-energy series in file order, the order of preference: measured totals, then the projection. */
export const SHIPPED_SERIES = [
  'cbeci',
  'cdmir-2024',
  'iea-2023',
  'cbeci-2026',
  'digiconomist',
  'unu-2023',
  'cbeci-v1',
  'jiang-2021',
];

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * An environment wide enough that no human output wraps: for tests of what a message says rather than how it is
 * laid out (the layout at 80 columns has tests of its own).
 */
export const WIDE = { COLUMNS: '1000' };

/** Runs the built binary (dist/, made by `npm run build`) with colour off unless the caller's env says otherwise. */
export function runCli(args: readonly string[], env: Record<string, string | undefined> = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, DEBUG: undefined, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The inputs of one bottom-up model run on a dataset's hardware list (CBECI's overheads, mid-2024). */
export function bottomUpInputs(data: Dataset) {
  return {
    hashrateEhs: 600,
    thresholdJPerTh: 55,
    priceUsdPerKwh: 0.05,
    date: '2024-06-01',
    weighting: 'age' as const,
    overheads: CBECI_OVERHEADS,
    hardware: data.hardware,
  };
}

/** The shipped data, fully validated (not trusted from the build's copy). */
export function shippedData() {
  return loadData({ dataDir: SHIPPED_DATA, defaultData: false });
}

/** Runs the binary and checks a failure: the exit code, nothing on stdout, the message on stderr, no stack trace. */
export function expectFailure(args: readonly string[], code: 1 | 2, message: RegExp): void {
  const result = runCli(args);
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** The error a call throws, checked to be a `type` (the test fails when it throws nothing, or something else). */
export function thrown<E extends Error>(type: abstract new (...args: never[]) => E, call: () => unknown): E {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, and nothing was thrown`);
}

/** The error a promise rejects with, checked to be a `type` (the test fails when it resolves, or on another error). */
export async function rejected<E extends Error>(
  type: abstract new (...args: never[]) => E,
  promise: Promise<unknown>,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, and the promise resolved`);
}
