import { escapeControls } from './text.js';

/**
 * A data file is missing, unreadable, not JSON, or does not validate. Exit code 1.
 * The message and problems are plain text: control characters quoted from the data are written out as \u{…}
 * (in a problem, which is one line, the line break too).
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  /** One line per problem, each naming file → record → field → what is wrong. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = []) {
    const plain = problems.map((problem) => escapeControls(problem).replaceAll('\n', '\\u{a}'));
    // With problems, the headline is one line too: a line break in it (a file's name) is written out, so that the
    // message keeps its shape of a headline and one line per problem.
    const headline = plain.length > 0 ? escapeControls(message).replaceAll('\n', '\\u{a}') : message;
    super(escapeControls(plain.length > 0 ? `${headline}\n${plain.map((p) => `  - ${p}`).join('\n')}` : message));
    this.problems = plain;
  }
}

/**
 * The user asked for something that cannot be answered as asked (unknown region, no data for a year). Exit code 2.
 * The message is plain text: control characters quoted from the input are written out as \u{…}.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(message: string) {
    super(escapeControls(message));
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
