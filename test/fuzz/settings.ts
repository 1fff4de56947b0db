import type { Parameters } from 'fast-check';

/**
 * The settings every fuzz property runs with. `npm test` uses a fixed seed and few runs, so the suite stays quick
 * and repeatable; `npm run fuzz` sets FUZZ_RUNS (and FUZZ_SEED, else a fixed one) for a longer search. To replay a
 * failure, set FUZZ_SEED to the seed fast-check printed and FUZZ_PATH to its path.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

/** The parameters of one property: `quickRuns` under `npm test`, FUZZ_RUNS when it is set. */
export function fuzzParameters<T>(quickRuns: number): Parameters<T> {
  const runs = process.env.FUZZ_RUNS === undefined ? quickRuns : Number(process.env.FUZZ_RUNS);
  return {
    seed: FUZZ_SEED,
    numRuns: runs,
    ...(process.env.FUZZ_PATH === undefined ? {} : { path: process.env.FUZZ_PATH }),
  };
}

/** A property's time budget: generous under `npm run fuzz`, where runs are many. */
export function fuzzTimeoutMs(quickMs: number): number {
  return process.env.FUZZ_RUNS === undefined ? quickMs : 60 * 60 * 1000;
}

/** Control characters a message may not hold: every C0 and C1 control and DEL, except the line feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const FORBIDDEN_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

/** Strings a hostile file or option may hold: terminal escapes, NULs, line breaks of every kind, a BOM. */
export const HOSTILE_TEXT = [
  '',
  ' ',
  '\u001b[2J',
  '\u001b]0;pwned\u0007',
  '\u0000',
  '\r',
  '\r\n',
  '\u2028',
  '\u009b31m',
  '\ufeff',
  '\ud800',
  'x'.repeat(10_000),
  '𝕊ichuan',
  '=cmd|"/c calc"!A1',
  '__proto__',
  'constructor',
] as const;
