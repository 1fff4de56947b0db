import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/data/csv.js';

/** The character-at-a-time reading every record had before lines without quotes were split whole: the reference. */
function referenceScan(text: string): {
  records: { line: number; cells: string[] }[];
  unclosedQuoteLine: number | null;
  textAfterQuote: { line: number; column: number } | null;
} {
  const records: { line: number; cells: string[] }[] = [];
  let quoteLine = 0;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let lineStart = 0;
  let justClosed = false;
  let textAfterQuote: { line: number; column: number } | null = null;
  const endRecord = () => {
    cells.push(field);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (justClosed && textAfterQuote === null && !',\n\r'.includes(char)) {
      textAfterQuote = { line, column: i - lineStart + 1 };
    }
    justClosed = false;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        justClosed = true;
      } else {
        if (char === '\n') {
          line++;
          lineStart = i + 1;
        }
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      cells.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
      lineStart = i + 1;
    } else field += char;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return { records, unclosedQuoteLine: quoted ? quoteLine : null, textAfterQuote };
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'bc', '1.5', ',', ',', '\n', '\n', '\r\n', '\r', '"', '""', ' ', 'x"y', '\n\n'];

describe('scanCsv reads lines without quotes whole', () => {
  it('gives the same records, lines, unclosed quote and text after a quote as reading each character, on 2,000 random texts', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const length = Math.floor(next() * 30);
      const text = Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      expect(scanCsv(text), JSON.stringify(text)).toEqual(referenceScan(text));
    }
  });

  it('splits CRLF, LF and lone CR lines, and skips blank ones, with each record on its own line number', () => {
    expect(scanCsv('a,b\r\n\r\nc\rd\n\ne,"f\ng"\nh')).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 3, cells: ['c'] },
        { line: 4, cells: ['d'] },
        { line: 6, cells: ['e', 'f\ng'] },
        { line: 8, cells: ['h'] },
      ],
      unclosedQuoteLine: null,
      textAfterQuote: null,
    });
  });
});
