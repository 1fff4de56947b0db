import type { ChalkInstance } from 'chalk';

/** What decides whether colour is on; passed in so that this stays testable. */
export interface ColorContext {
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** false when --no-color was given. */
  colorFlag: boolean;
}

/**
 * The one place that decides colour: on only for a TTY, never with NO_COLOR (non-empty), TERM=dumb or
 * --no-color; FORCE_COLOR (non-empty, not "0") turns it on off a TTY. chalk itself ignores NO_COLOR.
 */
export function colorEnabled({ isTTY, env, colorFlag }: ColorContext): boolean {
  if (!colorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export type Colors = ChalkInstance;

/**
 * Colours that are off: every style is the identity, as chalk's are at level 0, without loading chalk.
 * It has no `then`, so that awaiting it does not take it for a promise.
 */
const PLAIN: Colors = new Proxy((...text: unknown[]) => text.join(' '), {
  get: (_target, key) => (key === 'then' ? undefined : PLAIN),
}) as unknown as Colors;

/** chalk at level 1 when colour is on; chalk is loaded only then (scripts piping JSON never need it). */
export async function createColors(enabled: boolean): Promise<Colors> {
  if (!enabled) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}
