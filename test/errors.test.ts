import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../src/errors.js';

describe('error messages are plain text', () => {
  it('writes out control characters quoted from data in a DataError, its problems included', () => {
    const error = new DataError('The data in \u001b]0;x\u0007 has a problem:', [
      'regions.json → record 1 → name → "a\r\nb"',
    ]);
    expect(error.message).toBe(
      'The data in \\u{1b}]0;x\\u{7} has a problem:\n  - regions.json → record 1 → name → "a\\u{d}\\u{a}b"',
    );
    expect(error.problems).toEqual(['regions.json → record 1 → name → "a\\u{d}\\u{a}b"']);
  });

  it('keeps the line breaks a DataError puts between its problems, and escapes those inside one', () => {
    const error = new DataError('Two problems:', ['first', 'second\nline']);
    expect(error.message.split('\n')).toEqual(['Two problems:', '  - first', '  - second\\u{a}line']);
  });

  it('writes out control characters in a UsageError, a bidirectional override included', () => {
    expect(new UsageError('Unknown region "\u202eabc\u009b2J".').message).toBe(
      'Unknown region "\\u{202e}abc\\u{9b}2J".',
    );
  });
});
