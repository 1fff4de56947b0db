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
 * A parameter a message names: the library's name for it (a property path of the options as the library's types
 * spell it, `uncertainty.samples`, `moves[0].pct`), which the command line writes as its flag instead.
 */
export interface NamedParameter {
  readonly parameter: string;
  /** Written after the name, by the library and the command line alike (a date, a region). */
  readonly value?: string;
  /** Written after the command line's flag instead of `value` (`sichuan:texas` for a move, `<J/TH>`). */
  readonly flagValue?: string;
}

/** A piece of a message: text, or a parameter named the way the reader calls it. */
export type MessagePart = string | NamedParameter;

/** A message's parts as one text, each parameter named by `nameOf` and followed by its value. */
export function joinMessage(
  parts: readonly MessagePart[],
  nameOf: (named: NamedParameter) => { name: string; value: string | undefined },
): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const { name, value } = nameOf(part);
      return value === undefined ? name : `${name} ${value}`;
    })
    .join('');
}

/**
 * The user asked for something that cannot be answered as asked (unknown region, no data for a year). Exit code 2.
 * The message is plain text: control characters quoted from the input are written out as \u{…}. A message built
 * of parts names its parameters by the library's names; `parts` keeps them, for the command line to write its
 * flags instead.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The message as written, its parameters named apart from the text. */
  readonly parts: readonly MessagePart[];

  constructor(message: string | readonly MessagePart[]) {
    const parts = typeof message === 'string' ? [message] : message;
    super(escapeControls(joinMessage(parts, (named) => ({ name: named.parameter, value: named.value }))));
    this.parts = parts;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
