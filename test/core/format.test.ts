import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { colorEnabled, createColors } from '../../src/format/terminal/color.js';
import { csvField, flattenJson, renderEstimatesCsv, renderJsonCsv } from '../../src/format/documents/csv.js';
import { parseCsv } from '../../src/data/csv.js';
import { renderJson, renderNdjson } from '../../src/format/documents/json.js';
import { bar, formatNumber, ordinal, sparkline } from '../../src/format/terminal/numbers.js';
import { tinyDataset } from './fixtures.js';

describe('colour', () => {
  const on = { isTTY: true, env: {}, colorFlag: true };
  it.each([
    ['a TTY', on, true],
    ['a pipe', { ...on, isTTY: false }, false],
    ['NO_COLOR', { ...on, env: { NO_COLOR: '1' } }, false],
    ['an empty NO_COLOR', { ...on, env: { NO_COLOR: '' } }, true],
    ['--no-color', { ...on, colorFlag: false }, false],
    ['TERM=dumb', { ...on, env: { TERM: 'dumb' } }, false],
    ['FORCE_COLOR off a TTY', { ...on, isTTY: false, env: { FORCE_COLOR: '1' } }, true],
    ['FORCE_COLOR=0 on a TTY', { ...on, env: { FORCE_COLOR: '0' } }, false],
    ['NO_COLOR over FORCE_COLOR', { ...on, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, false],
  ])('%s → %s', (_label, context, expected) => {
    expect(colorEnabled(context)).toBe(expected);
  });

  it('paints only when enabled; plain colours pass text through, chained or not', async () => {
    const plain = await createColors(false);
    expect(plain.red('x')).toBe('x');
    expect(plain.bold.cyan('a', 'b')).toBe('a b');
    expect((await createColors(true)).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('JSON', () => {
  it('rounds numbers to 10 significant digits and ends with a newline', () => {
    expect(renderJson({ twh: 29.659000000000002, list: [0.1 + 0.2] })).toBe(
      '{\n  "twh": 29.659,\n  "list": [\n    0.3\n  ]\n}\n',
    );
  });

  it('prints one compact object a line for ndjson', () => {
    expect(renderNdjson([{ a: 1 }, { b: null }])).toBe('{"a":1}\n{"b":null}\n');
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', 'two lines'],
    ['tab\there\r\u0000\u007f\u009b', 'tab here    '],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', '-1'],
    ['-1+A1', "'-1+A1"],
    ['  =1', "'  =1"],
    [' @cmd', "' @cmd"],
    ['\rx', ' x'],
    ['@cmd', "'@cmd"],
    ['\t=1', "' =1"],
    ['\tx', ' x'],
    // A control character first is a space by the time a spreadsheet reads the cell: still a formula.
    ['\u0001=HYPERLINK("x")', `"' =HYPERLINK(""x"")"`],
    ['\u001f@cmd', "' @cmd"],
    ['\u0085=1', "' =1"],
    ['=1,2', `"'=1,2"`],
    ['2021-04', '2021-04'],
    [-1.5, '-1.5'],
    [false, 'false'],
    [null, ''],
    [0.1 + 0.2, '0.3'],
  ])('writes %j as %s', (value, expected) => expect(csvField(value)).toBe(expected));

  it('ends every record with CRLF', () => {
    expect(renderJsonCsv([{ a: 1, b: null }])).toBe('a,b\r\n1,\r\n');
  });

  it('flattens an estimate under dotted headers, one row per estimate', () => {
    const data = tinyDataset();
    const csv = renderEstimatesCsv([estimate(data, 'a', { year: 2020 }), estimate(data, 'b', { year: 2020 })]);
    const [header, first] = csv.split('\r\n');
    const columns = header?.split(',') ?? [];
    expect(columns.slice(0, 8)).toEqual([
      'record',
      'region.id',
      'region.name',
      'region.kind',
      'region.parent',
      'year',
      'month',
      'energy.twh',
    ]);
    const cells = first?.split(',') ?? [];
    expect(cells[columns.indexOf('energy.twh')]).toBe('50');
    expect(cells[columns.indexOf('month')]).toBe('');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('names leaves by dotted path, list items by index; null and empty lists are leaves without a value', () => {
    expect([...flattenJson({ a: { b: 1, c: [] }, d: ['x', { e: null }], f: {} }).entries()]).toEqual([
      ['a.b', 1],
      ['a.c', null],
      ['d.0', 'x'],
      ['d.1.e', null],
      ['f', null],
    ]);
  });

  it('neutralises formulas and control characters in nested text, never in numbers', () => {
    const csv = renderJsonCsv([{ notes: ['=cmd|x', 'a\u001b[31mb'], change: { twh: -2.5 } }]);
    expect(csv).toBe("notes.0,notes.1,change.twh\r\n'=cmd|x,a [31mb,-2.5\r\n");
  });

  it("gives every row the union of the columns, a later row's extra list item next to its siblings", () => {
    const csv = renderJsonCsv([
      { id: 'a', warnings: ['w1'], carbon: null, end: 1 },
      { id: 'b', warnings: ['w1', 'w2'], carbon: { mt: 2 }, end: 2 },
    ]);
    expect(parseCsv(csv).map((r) => r.cells)).toEqual([
      ['id', 'warnings.0', 'warnings.1', 'carbon.mt', 'end'],
      ['a', 'w1', '', '', '1'],
      ['b', 'w1', 'w2', '2', '2'],
    ]);
  });
});

describe('numbers for people', () => {
  it.each([
    [2.0166383, '2.017'],
    [296.59, '296.6'],
    [5564, '5,564'],
    [0.05209, '0.05209'],
    [0, '0'],
  ])('%d → %s', (value, text) => expect(formatNumber(value)).toBe(text));

  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [11, '11th'],
    [12, '12th'],
    [63, '63rd'],
    [111, '111th'],
  ])('%d → %s', (rank, text) => expect(ordinal(rank)).toBe(text));

  it('draws a sparkline from lowest to highest', () => {
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
    expect(sparkline([3, 3])).toBe('██');
  });

  it('draws bars in eighths', () => {
    expect(bar(10, 10, 4)).toBe('████');
    expect(bar(5, 10, 4)).toBe('██');
    expect(bar(1, 10, 4)).toBe('▍');
    expect(bar(0, 10, 4)).toBe('');
  });
});
