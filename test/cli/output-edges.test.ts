import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminalText } from '../../src/text.js';
import { progressReporter } from '../../src/cli/progress.js';
import { describeWriteError, writeFailure } from '../../src/cli/streams.js';
import { OUTPUT_TOO_LARGE, renderOutput } from '../../src/format/documents/output.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES, runCli, WIDE } from '../helpers.js';

const HOSTILE = 'a\u001b]0;pwned\u0007b\u001b[2J\r\nfake line\u009b31m\u202eevil\u2066';
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const ANY_CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('terminalText', () => {
  it('writes out every control character but the line break, leaving no ESC with colour off', () => {
    const safe = terminalText(HOSTILE, { colour: false });
    expect(safe).not.toMatch(ANY_CONTROL_BUT_NEWLINE);
    expect(safe).toBe('a\\u{1b}]0;pwned\\u{7}b\\u{1b}[2J\\u{d}\nfake line\\u{9b}31m\\u{202e}evil\\u{2066}');
    expect(terminalText('\u001b[31mred\u001b[39m', { colour: false })).toBe('\\u{1b}[31mred\\u{1b}[39m');
  });

  it('keeps colour sequences alone when colour is on', () => {
    expect(terminalText('\u001b[33mwarning:\u001b[39m x\u001b[2J\u001b]0;t\u0007', { colour: true })).toBe(
      '\u001b[33mwarning:\u001b[39m x\\u{1b}[2J\\u{1b}]0;t\\u{7}',
    );
  });

  it("keeps only the tool's own colours: concealed text or black on black is escaped", () => {
    expect(terminalText('\u001b[1m\u001b[31mok\u001b[39m\u001b[22m', { colour: true })).toBe(
      '\u001b[1m\u001b[31mok\u001b[39m\u001b[22m',
    );
    expect(terminalText('\u001b[8mSECRET\u001b[0m \u001b[30;40mx', { colour: true })).toBe(
      '\\u{1b}[8mSECRET\u001b[0m \\u{1b}[30;40mx',
    );
  });
});

describe('text from the command line never reaches the terminal as controls', () => {
  const assertSafe = (stderr: string, colour: boolean) => {
    // Only the tool's own colours (chalk's red, yellow, green, bold and their resets) may be left.
    // eslint-disable-next-line no-control-regex -- removing colour sequences
    const withoutColour = colour ? stderr.replace(/\u001b\[(?:0|1|22|3[123]|39)m/g, '') : stderr;
    expect(withoutColour).not.toMatch(ANY_CONTROL_BUT_NEWLINE);
  };

  it.each([
    ['no colour', { ...WIDE }, false],
    ['colour forced', { ...WIDE, NO_COLOR: undefined, FORCE_COLOR: '1' }, true],
  ])('a region name in an error (%s)', async (_, env, colour) => {
    const result = await runCli(['estimate', '--region', HOSTILE], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('\\u{1b}]0;pwned\\u{7}');
    assertSafe(result.stderr, colour);
  });

  it('a colour sequence typed as a value, with colour forced', async () => {
    const result = await runCli(['network', '--hashrate', '\u001b[8mSECRET\u001b[0m'], {
      ...WIDE,
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'\\u{1b}[8mSECRET\\u{1b}[0m'");
    assertSafe(result.stderr, true);
  });

  it('a value commander refuses, and an unknown option', async () => {
    for (const args of [
      ['estimate', '--year', HOSTILE],
      ['estimate', `--${HOSTILE}`],
    ]) {
      const result = await runCli(args, WIDE);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('\\u{1b}');
      assertSafe(result.stderr, false);
    }
  });

  it('a path echoed in a message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'me-out-'));
    const file = join(dir, 'missing\u001b]0;x\u0007.csv');
    const result = await runCli(
      ['data', 'import', 'coinmetrics', file, '--out', join(dir, 'dir\u001b]0;x\u0007')],
      WIDE,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('\\u{1b}]0;x\\u{7}');
    assertSafe(result.stderr, false);
  });

  it('the import summary on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'me-out-'));
    const coinMetrics = join(FIXTURES, 'import', 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv');
    const out = join(dir, 'dir\u001b]0;x\u0007');
    const result = await runCli(['data', 'import', 'coinmetrics', coinMetrics, '--out', out], WIDE);
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(result.stdout).toContain('\\u{1b}]0;x\\u{7}');
    assertSafe(result.stdout, false);
    assertSafe(result.stderr, false);
    const json = await runCli(['data', 'import', 'coinmetrics', coinMetrics, '--out', out, '--json'], WIDE);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { out: string }).out).toBe(out);
  });
});

describe('progress', () => {
  it('writes its label safely: the carriage return and line clear are its only controls', () => {
    const writes: string[] = [];
    let ms = 0;
    const progress = progressReporter(
      `Work${HOSTILE}`,
      'steps',
      { isTTY: true, write: (t) => writes.push(t) },
      () => ms,
    );
    for (let done = 1; done <= 100; done++) {
      ms += 30;
      progress.onProgress?.(done, 100);
    }
    progress.finish();
    const lines = writes.slice(0, -1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.startsWith('\r')).toBe(true);
      expect(line.endsWith('\u001b[K')).toBe(true);
      expect(line.slice(1, -3)).not.toMatch(ANY_CONTROL_BUT_NEWLINE);
      expect(line).not.toContain('\n');
    }
  });
});

describe('an output too large for one string', () => {
  it('is a DataError that says what to do, not an unexpected RangeError', async () => {
    const rendering = { document: null, records: [], table: () => 'x'.repeat(2 ** 30) };
    const failure = renderOutput('table', rendering);
    await expect(failure).rejects.toBeInstanceOf(DataError);
    await expect(renderOutput('table', rendering)).rejects.toThrow(OUTPUT_TOO_LARGE);
    expect(OUTPUT_TOO_LARGE).toContain('use --format ndjson or a narrower query');
  });

  it('leaves other errors as they are', async () => {
    const rendering = {
      document: null,
      records: [],
      table: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    await expect(renderOutput('table', rendering)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('write errors on stdout and stderr', () => {
  it('describes a failed write in the system words and its code', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeWriteError(error)).toBe('no space left on device (ENOSPC)');
    const stdout = { write: () => true };
    const stderr = { write: () => true };
    expect(writeFailure(stdout, error, stderr)).toEqual({
      kind: 'fatal',
      message: 'error: cannot write the output: no space left on device (ENOSPC)\n',
    });
    expect(writeFailure(stderr, error, stderr)).toEqual({ kind: 'fatal', message: undefined });
    expect(writeFailure(stdout, Object.assign(new Error('EPIPE'), { code: 'EPIPE' }), stderr)).toEqual({
      kind: 'reader-gone',
    });
  });
});

/** The cells of an RFC 4180 CSV text. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    const cell = match[1] ?? '';
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
    if (match[0] === '') break;
  }
  return cells;
}

describe('CSV from every command with text cells', () => {
  it.each([
    [['estimate', '--region', 'sichuan,texas,china']],
    [['compare', '296.59', '--baseline', 'cia-2016']],
    [['compare', '--region', 'sichuan', '--with', 'norway']],
    [['network', '--hashrate', '180', '--revenue', '40e6', '--price', '0.08', '--date', '2022-01-01']],
    [['network', '--input', '--from', '2024-01-01']],
    [['scenario', '--ban', 'china', '--year', '2021']],
    [['shares', '--region', 'china']],
    [['regions']],
    [['sources']],
    [['datasets']],
    [['claims']],
  ])('%j: no cell a spreadsheet would run', async (args) => {
    const result = await runCli([...args, '--format', 'csv']);
    expect(result.code).toBe(0);
    const cells = csvCells(result.stdout);
    expect(cells.length).toBeGreaterThan(1);
    const unsafe = cells.filter(
      (cell) => /^(?:[\t\r]|\s*[=+\-@])/.test(cell) && !/^\s*-?[\d.]+(?:e[-+]?\d+)?$/i.test(cell),
    );
    expect(unsafe).toEqual([]);
  });
});
