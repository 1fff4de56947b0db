import { describe, expect, it } from 'vitest';
import { shortStanding, standing } from '../../src/format/terminal/numbers.js';
import { fitColumns, table, tableOrRecords } from '../../src/format/text/table.js';
import {
  displayWidth,
  maxLineWidth,
  outputWidth,
  wrapHelp,
  wrapLine,
  wrapText,
} from '../../src/format/terminal/width.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('displayWidth', () => {
  it('counts columns, not code units: colour codes none, combining marks none, wide characters two', () => {
    expect(displayWidth('Sichuan')).toBe(7);
    expect(displayWidth('\u001b[1mSichuan\u001b[22m')).toBe(7);
    expect(displayWidth('\u001b[33mwarning:\u001b[39m')).toBe(8);
    expect(displayWidth('四川')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('▶ █▏≈→–')).toBe(7);
    expect(displayWidth('')).toBe(0);
  });

  it.each([
    ['ASCII', 'a', 1],
    ['a rocket', '🚀', 2],
    ['a high-voltage sign', '⚡', 2],
    ['a check mark', '✅', 2],
    ['CJK', '川', 2],
    ['a full-width letter', 'Ａ', 2],
    ['a Hangul syllable', '한', 2],
    ['a combining acute accent alone', '\u0301', 0],
    ['a combining enclosing circle', '\u20dd', 0],
    ['a zero-width space', '\u200b', 0],
    ['a zero-width joiner', '\u200d', 0],
    ['a byte-order mark', '\ufeff', 0],
    ['an ambiguous-width character', '±', 1],
    ['a text-presentation emoji', '☺', 1],
    ['a text-presentation emoji asked to be an emoji', '☺\ufe0f', 2],
    ['a heart as an emoji', '❤\ufe0f', 2],
    ['an emoji with a skin tone', '👍🏽', 2],
    ['emoji joined by a zero-width joiner', '👩\u200d💻', 2],
  ])('gives %s (%j) %i columns', (_name, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('adds the columns of emoji, CJK, marks and ASCII in one line, colour codes aside', () => {
    expect(displayWidth('🚀 ⚡ ✅ 四川 e\u0301 ok')).toBe(2 + 1 + 2 + 1 + 2 + 1 + 4 + 1 + 1 + 1 + 2);
    expect(displayWidth('\u001b[32m✅\u001b[39m done')).toBe(7);
  });
});

describe('wrapLine', () => {
  it('leaves a line that fits as it is', () => {
    expect(wrapLine('short line', 10)).toEqual(['short line']);
  });

  it('wraps at spaces with a hanging indent, no line wider than asked, no word lost', () => {
    const text = 'The network intensity weights by the shares of China, Xinjiang, Sichuan, Inner Mongolia and Yunnan.';
    const lines = wrapLine(text, 30, '  ');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\S/);
    expect(lines[0]).toMatch(/^\S/);
    expect(words(lines.join(' '))).toEqual(words(text));
  });

  it('breaks a word of emoji between emoji, each piece within the width', () => {
    const lines = wrapLine('🚀🚀🚀🚀🚀', 4);
    expect(lines).toEqual(['🚀🚀', '🚀🚀', '🚀']);
    expect(wrapLine('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });

  it('breaks a word longer than the line after a hyphen where it has one', () => {
    expect(wrapLine('see cbeci-export-2024 now', 12)).toEqual(['see', 'cbeci-', 'export-2024', 'now']);
  });

  it('breaks a word with no hyphen anywhere, every piece within the width', () => {
    const url = 'https://example.org/averyveryverylongpathwithoutanybreaks';
    const lines = wrapLine(`source <${url}>`, 20, '    ');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(lines.map((l) => l.trim()).join('')).toBe(`source<${url}>`);
  });

  it('breaks a long word on an indented line to fit the deeper indent of the lines after it', () => {
    const url = '  https://www.example.org/research/bitcoin-mining-rig-market/the-definitive-guide-to-it';
    const lines = wrapText(url, 30).split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {4}\S/);
    expect(lines.map((l) => l.trim()).join('')).toBe(url.trim());
  });

  it('does not count colour codes toward the width', () => {
    const coloured = `\u001b[33mwarning:\u001b[39m ${'word '.repeat(20).trim()}`;
    const lines = wrapLine(coloured, 25, '  ');
    expect(lines[0]).toBe(`\u001b[33mwarning:\u001b[39m word word word`);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(25);
  });
});

describe('wrapText', () => {
  it("wraps each line separately, continuation lines indented under the line's own indent plus the hanging one", () => {
    const text = `Title\n  - ${'note '.repeat(10).trim()}`;
    expect(wrapText(text, 20)).toBe('Title\n  - note note note\n    note note note\n    note note note\n    note');
  });
});

describe('wrapHelp', () => {
  it('joins prose into a paragraph and wraps it, leaving prose that fits as written', () => {
    expect(wrapHelp('One two three four five\nsix seven.', 12)).toBe('One two\nthree four\nfive six\nseven.');
    expect(wrapHelp('Short.\nLines.', 12)).toBe('Short.\nLines.');
  });

  it('breaks an example command with continuations, keeping each option with its value', () => {
    expect(wrapHelp('  $ me network --hashrate 180 --date 2022-01-01 > out.csv', 30)).toBe(
      ['  $ me network \\', '        --hashrate 180 \\', '        --date 2022-01-01 \\', '        > out.csv'].join(
        '\n',
      ),
    );
  });

  it('puts a comment that does not fit on comment lines of its own, never after a backslash', () => {
    const wrapped = wrapHelp('  $ me network --input   # the shipped daily inputs, last days only', 36);
    expect(wrapped).toBe(
      ['  $ me network --input', '        # the shipped daily inputs,', '        # last days only'].join('\n'),
    );
    expect(wrapped).not.toMatch(/#[^\n]*\\$/m);
  });

  it('wraps a list item under its text, keeping the spaces after its term', () => {
    expect(wrapHelp('  2  a usage error (unknown option, region or series)', 30)).toBe(
      ['  2  a usage error (unknown', '     option, region or series)'].join('\n'),
    );
  });

  it('leaves headings, indented lines that fit and blank lines alone', () => {
    const text = 'Examples:\n  $ me claims\n\n  -h, --help   display help';
    expect(wrapHelp(text, 40)).toBe(text);
  });
});

describe('outputWidth', () => {
  it('takes COLUMNS first, then the terminal width, then 80, and never less than 40', () => {
    expect(outputWidth(120, { COLUMNS: '100' })).toBe(100);
    expect(outputWidth(120, {})).toBe(120);
    expect(outputWidth(undefined, {})).toBe(80);
    expect(outputWidth(undefined, { COLUMNS: 'wide' })).toBe(80);
    expect(outputWidth(undefined, { COLUMNS: '0' })).toBe(80);
    expect(outputWidth(undefined, { COLUMNS: '20' })).toBe(40);
  });
});

describe('fitColumns', () => {
  it('keeps natural widths that fit', () => {
    // 10 + 20 + the borders and padding of two columns (7) = 37.
    expect(fitColumns([10, 20], [5, 5], 37)).toEqual([10, 20]);
  });

  it('narrows the widest column first, no column below its longest word', () => {
    // 40 columns less 7 of borders leaves 33: the first keeps its 10, the second gets 23.
    expect(fitColumns([10, 50], [10, 8], 40)).toEqual([10, 23]);
    // Two wide columns share what is left equally.
    expect(fitColumns([4, 50, 50], [4, 6, 6], 50)).toEqual([4, 18, 18]);
  });

  it('cuts the longest words only when the words themselves do not fit', () => {
    // 40 - 10 of borders = 30 to share: the column of short words keeps its 4, the two long words get 13 each.
    expect(fitColumns([4, 30, 30], [4, 30, 30], 40)).toEqual([4, 13, 13]);
  });
});

describe('table', () => {
  const long = 'share-weighted over 20 parts: China 5.356% × 559.6, Xinjiang 4.909% × 661.3, Sichuan 1.373% × 145.7';

  it('fits the width asked for by wrapping the long cell, keeping every word', () => {
    const text = table([], [['Intensity mix', long]], [], 50);
    for (const line of text.trimEnd().split('\n')) expect(displayWidth(line)).toBe(50);
    const cells = text
      .split('\n')
      .map((line) => line.split('│')[2] ?? '')
      .join(' ');
    expect(words(cells)).toEqual(words(long));
  });

  it('is as wide as its content when that fits', () => {
    expect(maxLineWidth(table(['A', 'B'], [['x', 'y']], [], 80))).toBe(9);
  });

  it('wraps headings before it narrows a column of short cells', () => {
    const text = table(['Mt CO2 before', 'Mt CO2 after'], [['1.5', '2.25']], [0, 1], 20);
    expect(maxLineWidth(text)).toBeLessThanOrEqual(20);
    // Each column as wide as its heading's longest word ("before", "after"), the headings on three lines.
    expect(text).toContain('│    1.5 │  2.25 │');
    expect(text).toContain('│ before │   CO2 │');
  });
});

describe('tableOrRecords', () => {
  const head = ['Id', 'Scope', 'Kind', 'Years', 'Evidence', 'Source'];
  const rows = [['iea-2023', 'world', 'estimate', '2023', 'secondhand', 'iea-electricity-2024']];

  it('gives a table when the words fit', () => {
    expect(tableOrRecords(head, rows, [], 100)).toMatch(/^┌/);
  });

  it('gives a paragraph per row when they do not, with every heading and value', () => {
    expect(tableOrRecords(head, rows, [], 40)).toBe(
      'iea-2023\n  Scope: world; Kind: estimate; Years:\n    2023; Evidence: secondhand; Source:\n    iea-electricity-2024\n',
    );
  });
});

describe('standing', () => {
  it('states a rank past either end of the list as such, not as a place in it', () => {
    expect(standing(216, 215)).toBe('below all 215 countries');
    expect(standing(1, 215)).toBe('above all 215 countries');
    expect(standing(12, 215)).toBe('12th among the 215 countries');
    expect(standing(213, 215)).toBe('213th among the 215 countries');
    expect(shortStanding(216, 215)).toBe('bottom');
    expect(shortStanding(1, 215)).toBe('top');
    expect(shortStanding(80, 215)).toBe('80/215');
  });
});

describe('the box a table is drawn in', () => {
  it('pads each cell by one space, sizes columns to their widest line, aligns right where asked, and stacks wrapped lines', () => {
    const drawn = table(
      ['Region', 'TWh'],
      [
        ['Sichuan', '2.1'],
        ['Inner\nMongolia', '10.25'],
      ],
      [1],
      80,
    );
    expect(drawn).toBe(
      [
        '┌──────────┬───────┐',
        '│ Region   │   TWh │',
        '│ Sichuan  │   2.1 │',
        '│ Inner    │ 10.25 │',
        '│ Mongolia │       │',
        '└──────────┴───────┘',
        '',
      ].join('\n'),
    );
  });

  it('leaves the heading row out when there is none, and measures colour codes as nothing', () => {
    expect(table([], [['\u001b[1mbold\u001b[22m', 'x']], [], 80)).toBe(
      ['┌──────┬───┐', '│ \u001b[1mbold\u001b[22m │ x │', '└──────┴───┘', ''].join('\n'),
    );
  });
});
