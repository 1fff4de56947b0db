/**
 * Decimal notation: digits with an optional fraction and exponent, e.g. 600, 0.05, .5, 5., 40e6, -1.5E-3, +2.
 * Not hex, binary or octal (0x64, 0b11, 0o7), Infinity, digit separators (1_000, 1,000), spaces, or the empty
 * and partial forms ("", ".", "+", "5e") that Number reads as 0 or NaN.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text read as a decimal number, or why it is not one. */
export type DecimalReading =
  | { ok: true; value: number }
  | { ok: false; why: 'notation' | 'too large' | 'too small' };

/**
 * Reads a number written in decimal notation: the one reader of every number a user writes (options, input
 * series cells, imported tables). Refused: anything not in decimal notation; a number too large to hold (1e309,
 * which Number makes Infinity); and a non-zero number too small to hold (1e-400, which Number makes 0 without a
 * word). A written zero (0, 0.0e-400, -0) is 0.
 */
export function readDecimal(text: string): DecimalReading {
  if (!DECIMAL.test(text)) return { ok: false, why: 'notation' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, why: 'too large' };
  if (value === 0 && /[1-9]/.test(text.replace(/e.*$/i, ''))) return { ok: false, why: 'too small' };
  return { ok: true, value };
}

/** The number a text writes in decimal notation (see {@link readDecimal}), or undefined. */
export function parseDecimal(text: string): number | undefined {
  const reading = readDecimal(text);
  return reading.ok ? reading.value : undefined;
}
