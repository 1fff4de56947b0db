import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
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

/** A line of a stack trace (`    at fn (file:line:column)`): never on stderr without --debug. Wrapped text that starts with "at" is not one. */
export const STACK_FRAME = /\n\s+at [^\n]*:\d+:\d+\)?$/m;

/**
 * An environment wide enough that no human output wraps: for tests of what a message says rather than how it is
 * laid out (the layout at 80 columns has tests of its own).
 */
export const WIDE = { COLUMNS: '1000' };

/**
 * The environment every run starts from, as a shell piping the tool's output would give it: colour off, and no
 * FORCE_COLOR or DEBUG from the environment the tests were started in. A run's own `env` is laid over it.
 */
const BASE_ENV: Record<string, string | undefined> = { NO_COLOR: '1', FORCE_COLOR: undefined, DEBUG: undefined };

/**
 * Runs the CLI in this process, as the built binary would run with stdout and stderr piped and `cwd` (ROOT by
 * default) as its working directory: the same argv (`node bin/mining-energy.js …args`), the environment with
 * `env` laid over {@link BASE_ENV} for the run alone, no terminal (so widths come from COLUMNS or 80), and what
 * it writes captured. Runs are one at a time (each awaits the one before). test/cli/in-process.test.ts compares
 * this, byte for byte, with the binary on a sample of commands; tests that need a real process use
 * {@link runBinary}.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string } = {},
): Promise<RunResult> {
  // Two runs at once would each set the environment and capture the streams over the other's: refused, so that a
  // test cannot leave a run's settings behind for the tests after it.
  if (runningInProcess) throw new Error('runCli runs one at a time: await the run before, or use runBinary.');
  runningInProcess = true;
  try {
    return await runOnce(args, env, options);
  } finally {
    runningInProcess = false;
  }
}

/** Whether a run of {@link runCli} is under way in this process. */
let runningInProcess = false;

async function runOnce(
  args: readonly string[],
  env: Record<string, string | undefined>,
  options: { cwd?: string },
): Promise<RunResult> {
  // Imported here, not at the top: most files that import these helpers never run the CLI.
  const { run } = await import('../src/cli/main.js');
  const argv = [process.execPath, BIN, ...args];
  const cwd = resolve(options.cwd ?? ROOT);
  const restoreEnv = setEnv({ ...BASE_ENV, ...env });
  const restoreStreams = [captureStream(process.stdout), captureStream(process.stderr)];
  const savedArgv = process.argv;
  const savedCwd = process.cwd();
  let code: number | null = null;
  try {
    process.argv = argv;
    // Changed only when it differs: a worker thread cannot change it at all.
    if (cwd !== savedCwd) process.chdir(cwd);
    code = await run(argv);
  } finally {
    if (cwd !== savedCwd) process.chdir(savedCwd);
    process.argv = savedArgv;
    restoreEnv();
  }
  const [stdout, stderr] = restoreStreams.map((restore) => restore());
  return { code, stdout: stdout as string, stderr: stderr as string };
}

/** Sets (or, for undefined, removes) environment variables; returns what puts them back as they were. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.keys(values).map((key) => [key, process.env[key]] as const);
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * Captures what is written to stdout or stderr, which for the run is a pipe (not a terminal, no width); returns
 * what puts the stream back and gives the text written, decoded as UTF-8 from all the bytes at once, as a pipe's
 * reader would.
 */
function captureStream(stream: NodeJS.WriteStream): () => string {
  const chunks: Buffer[] = [];
  const own = ['write', 'isTTY', 'columns'].map((key) => [key, Object.getOwnPropertyDescriptor(stream, key)] as const);
  const write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
  Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  Object.defineProperty(stream, 'columns', { value: undefined, configurable: true, writable: true });
  return () => {
    for (const [key, descriptor] of own) {
      if (descriptor === undefined) delete (stream as unknown as Record<string, unknown>)[key];
      else Object.defineProperty(stream, key, descriptor);
    }
    return Buffer.concat(chunks).toString('utf8');
  };
}

/**
 * Runs the built binary (dist/, made by `npm run build`) in a child process, colour off unless `env` says
 * otherwise. Only for what a real process alone shows (see docs/testing.md); everything else uses
 * {@link runCli}.
 */
export function runBinary(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  options: { cwd?: string } = {},
): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...BASE_ENV, ...env },
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

/**
 * Runs the CLI and checks a failure: the exit code, nothing on stdout, the message on stderr, no stack trace. The
 * run is {@link WIDE}, so that the message is matched unwrapped (errors wrap at 80 columns otherwise).
 */
export async function expectFailure(args: readonly string[], code: 1 | 2, message: RegExp): Promise<void> {
  const result = await runCli(args, WIDE);
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(STACK_FRAME);
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
