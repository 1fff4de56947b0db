import { escapePath } from '../text.js';
import { withoutByteOrderMark } from './read-file.js';

/** Where a JSON text first goes wrong: the offset and what was expected there. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Parses JSON, and on failure finds the line and column of the first error
 * (Node 20's own messages give a position for some errors and not for others).
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem } {
  const body = withoutByteOrderMark(text);
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, problem: locateJsonError(body) };
  }
}

/** A property name given twice in one JSON object: JSON.parse keeps the last value and drops the first silently. */
export interface DuplicateProperty {
  /** The property's name, as decoded. */
  property: string;
  /** Where the second occurrence's name starts (1-based). */
  line: number;
  column: number;
  /** Where the first occurrence's name starts. */
  firstLine: number;
  firstColumn: number;
  /** The path from the top-level value to the object holding the property: array indexes and property names. */
  path: (string | number)[];
}

/** Levels of a path given in full; a deeper one ends in "…" (no data record nests that deep). */
const MAX_PATH_LEVELS = 16;

/** The path to the innermost object on the stack: bounded, so that a deeply nested text stays linear to scan. */
function pathOf(stack: readonly ScanFrame[]): (string | number)[] {
  const levels = stack.length - 1;
  const shown = stack.slice(0, Math.min(levels, MAX_PATH_LEVELS)).map((frame) => frame.at);
  return levels > MAX_PATH_LEVELS ? [...shown, '…'] : shown;
}

interface ScanFrame {
  kind: 'object' | 'array';
  /** An object's names so far, with the offset each was first seen at. */
  names: Map<string, number>;
  /** Whether an object's next string is a name (after "{" or ","), not a value. */
  expectName: boolean;
  /** An array's current element, or an object's current property name. */
  at: string | number;
}

/**
 * The property names that appear twice in one object of a JSON text, in text order: one linear pass with an
 * explicit stack (no recursion, so nesting depth costs no call stack). The text must already be valid JSON
 * (see {@link parseJson}); a leading byte-order mark is allowed.
 */
export function duplicateProperties(text: string): DuplicateProperty[] {
  const body = withoutByteOrderMark(text);
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };
  const found: DuplicateProperty[] = [];
  const stack: ScanFrame[] = [];
  let offset = 0;
  while (offset < body.length) {
    const char = body[offset];
    const top = stack.at(-1);
    if (char === '"') {
      const start = offset;
      offset++;
      let escaped = false;
      while (offset < body.length && body[offset] !== '"') {
        if (body[offset] === '\\') {
          escaped = true;
          offset++;
        }
        offset++;
      }
      offset++;
      if (top?.kind === 'object' && top.expectName) {
        const raw = body.slice(start, offset);
        const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const first = top.names.get(name);
        if (first === undefined) top.names.set(name, start);
        else {
          const second = position(start);
          const earlier = position(first);
          found.push({
            property: name,
            line: second.line,
            column: second.column,
            firstLine: earlier.line,
            firstColumn: earlier.column,
            path: pathOf(stack),
          });
        }
        top.at = name;
        top.expectName = false;
      }
      continue;
    }
    if (char === '{') stack.push({ kind: 'object', names: new Map(), expectName: true, at: '' });
    else if (char === '[') stack.push({ kind: 'array', names: new Map(), expectName: false, at: 0 });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top !== undefined) {
      if (top.kind === 'object') top.expectName = true;
      else top.at = (top.at as number) + 1;
    }
    offset++;
  }
  return found;
}

/**
 * A JSON syntax problem as every reader reports it: `file → line L, column C → not valid JSON: what`. `line` is
 * given when the JSON text starts part-way into the file (one record a line).
 */
export function jsonProblemText(file: string, problem: JsonSyntaxProblem, line = problem.line): string {
  return `${escapePath(file)} → line ${line}, column ${problem.column} → not valid JSON: ${problem.message}`;
}

function locateJsonError(text: string): JsonSyntaxProblem {
  let offset = 0;
  const fail = (message: string): never => {
    throw new Error(
      offset >= text.length && !message.startsWith('unexpected end') ? `unexpected end of file; ${message}` : message,
    );
  };
  const skipSpace = () => {
    while (offset < text.length && ' \t\n\r'.includes(text[offset] as string)) offset++;
  };
  const expect = (literal: string) => {
    for (const char of literal) {
      if (text[offset] !== char) fail(`expected "${literal}"`);
      offset++;
    }
  };
  const string = () => {
    expect('"');
    while (offset < text.length && text[offset] !== '"') {
      const char = text[offset] as string;
      if (char === '\n' || char < ' ') fail('unterminated string or control character in string');
      offset += char === '\\' ? 2 : 1;
    }
    if (offset >= text.length) fail('unterminated string');
    offset++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(offset, offset + 400));
    if (!match) fail('expected a value');
    offset += (match as RegExpExecArray)[0].length;
  };
  const propertyName = () => {
    skipSpace();
    if (text[offset] !== '"') fail('expected a double-quoted property name');
    string();
    skipSpace();
    expect(':');
  };
  /**
   * One value, its nested members walked with an explicit stack of the closing brackets still owed (no
   * recursion: a deeply nested text costs no call stack).
   */
  const value = (): void => {
    const closing: ('}' | ']')[] = [];
    for (;;) {
      skipSpace();
      const char = text[offset];
      if (char === undefined) fail('unexpected end of file; expected a value');
      if (char === '{' || char === '[') {
        const close = char === '{' ? '}' : ']';
        offset++;
        skipSpace();
        if (text[offset] === close) offset++;
        else {
          closing.push(close);
          if (close === '}') propertyName();
          continue;
        }
      } else if (char === '"') string();
      else if (char === 't') expect('true');
      else if (char === 'f') expect('false');
      else if (char === 'n') expect('null');
      else number();
      // After a value: a comma and the next member, or the closing brackets owed.
      for (;;) {
        const close = closing.at(-1);
        if (close === undefined) return;
        skipSpace();
        if (text[offset] === ',') {
          offset++;
          if (close === '}') propertyName();
          break;
        }
        if (text[offset] !== close) {
          fail(`expected "," or "${close}" after ${close === '}' ? 'a property value' : 'an array element'}`);
        }
        offset++;
        closing.pop();
      }
    }
  };
  let message = 'invalid JSON';
  try {
    value();
    skipSpace();
    if (offset < text.length) fail('unexpected text after the JSON value');
  } catch (error) {
    message = (error as Error).message;
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column, message };
}
