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
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: locateJsonError(text) };
  }
}

/**
 * A JSON syntax problem as every reader reports it: `file → line L, column C → not valid JSON: what`. `line` is
 * given when the JSON text starts part-way into the file (one record a line).
 */
export function jsonProblemText(file: string, problem: JsonSyntaxProblem, line = problem.line): string {
  return `${file} → line ${line}, column ${problem.column} → not valid JSON: ${problem.message}`;
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
  /** The members of an object or array, from its opening bracket to `close`. */
  const sequence = (close: string, what: string, member: () => void) => {
    offset++;
    skipSpace();
    if (text[offset] === close) {
      offset++;
      return;
    }
    for (;;) {
      member();
      skipSpace();
      if (text[offset] === ',') offset++;
      else if (text[offset] === close) {
        offset++;
        return;
      } else fail(`expected "," or "${close}" after ${what}`);
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text[offset];
    if (char === undefined) fail('unexpected end of file; expected a value');
    if (char === '{') {
      sequence('}', 'a property value', () => {
        skipSpace();
        if (text[offset] !== '"') fail('expected a double-quoted property name');
        string();
        skipSpace();
        expect(':');
        value();
      });
      return;
    }
    if (char === '[') {
      sequence(']', 'an array element', value);
      return;
    }
    if (char === '"') string();
    else if (char === 't') expect('true');
    else if (char === 'f') expect('false');
    else if (char === 'n') expect('null');
    else number();
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
