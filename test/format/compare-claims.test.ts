import { describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../src/core/claims.js';
import { renderClaims } from '../../src/format/text/claims.js';
import { createColors } from '../../src/format/terminal/color.js';
import { type CompareRanking, renderRanking } from '../../src/format/text/compare.js';
import { displayWidth, stripAnsi } from '../../src/format/terminal/width.js';

const plain = await createColors(false);
const linesOf = (text: string) => text.split('\n');
const expectFits = (text: string, width: number) => {
  for (const line of linesOf(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
};

/** A figure of 20 TWh ranked 2nd of 3, between a country of 40 and one of 10 (names 4 columns wide at most). */
const ranking: CompareRanking = {
  value: { label: 'Xyz 2024', twh: 20, evidence: 'secondhand', caveats: ['old-share'] },
  rank: 2,
  count: 3,
  baseline: { id: 'list-1', name: 'A list', measure: 'consumption', year: 2020 },
  neighbours: [
    { rank: 1, country: 'Aaa', iso3: null, twh: 40, year: 2020, self: false },
    { rank: 2, country: 'Xyz 2024', iso3: null, twh: 20, year: null, self: true },
    { rank: 3, country: 'Bbb', iso3: null, twh: 10, year: 2018, self: false },
  ],
};
const rowOf = (text: string, rank: number) => linesOf(stripAnsi(text)).find((l) => new RegExp(`^│ +${rank} │`).test(l));
const barOf = (line = '') => line.split('│').at(-2)?.trim() ?? '';

describe('renderRanking', () => {
  for (const width of [80, 50]) {
    it(`fits ${width} columns`, () => expectFits(renderRanking(ranking, plain, width), width));
  }

  it('states the standing and what the estimate rests on', () => {
    const flat = renderRanking(ranking, plain, 80).replace(/\s+/g, ' ');
    // Bbb's figure is for 2018, not the list's 2020: the headline says so and its row names the year
    expect(flat).toContain(
      'Xyz 2024 would rank 2nd among the 3 countries of list-1 (A list; consumption, 2020, or the year given).',
    );
    expect(flat).toMatch(/│ 3 │ Bbb \(2018\) │/);
    expect(flat).toMatch(/│ 1 │ Aaa │/);
    expect(flat).toContain('The estimate rests on: old-share (secondhand evidence at weakest); see the warnings.');
  });

  it('draws bars in proportion, the largest filling what the other columns and borders leave', () => {
    // Columns: rank 4, "▶ Xyz 2024" 10, TWh 4, borders and padding 13: at 50 columns the bars get 50 − 31 = 19.
    const text = renderRanking(ranking, plain, 50);
    expect(barOf(rowOf(text, 1))).toBe('█'.repeat(19));
    // 20 of 40 is 9.5 cells: nine full and a half.
    expect(barOf(rowOf(text, 2))).toBe(`${'█'.repeat(9)}▌`);
    // At 80 columns the bars stop at 30 cells.
    expect(barOf(rowOf(renderRanking(ranking, plain, 80), 1))).toBe('█'.repeat(30));
  });

  it('marks the figure with ▶, in bold cyan when colour is on', async () => {
    const colored = renderRanking(ranking, await createColors(true), 80);
    const self = linesOf(colored).find((l) => l.includes('Xyz 2024') && l.startsWith('│'));
    expect(self).toContain('▶ Xyz 2024');
    expect(self).toContain('\u001b[36m');
    expect(stripAnsi(colored)).toBe(renderRanking(ranking, plain, 80));
  });

  it('says nothing about caveats for a plain figure', () => {
    const figure = { ...ranking, value: { label: '20 TWh', twh: 20 } };
    expect(renderRanking(figure, plain, 80)).not.toContain('rests on');
  });
});

const claim = (id: string, verdict: ClaimResult['verdict'], note: string | null = null): ClaimResult => ({
  document: 'doc',
  id,
  claim: 'China held about two thirds of the hashrate in the second half of 2019 according to this document.',
  figure: 'The data gives 65.08% for China in 2019-09.',
  verdict,
  note,
});

describe('renderClaims', () => {
  const results = [claim('a', 'reproduced'), claim('b', 'contradicted', 'A note.'), claim('c', 'reproduced')];

  for (const width of [80, 50]) {
    it(`fits ${width} columns, continuation lines under the text`, () => {
      const text = renderClaims(results, plain, width);
      expectFits(text, width);
      const claimLines = linesOf(text);
      const start = claimLines.findIndex((l) => l.startsWith('  claim: '));
      expect(claimLines[start + 1]).toMatch(/^ {9}\S/);
    });
  }

  it('gives each verdict in capitals with its claim, and counts them', () => {
    const text = renderClaims(results, plain, 80);
    expect(text).toContain('REPRODUCED  doc/a');
    expect(text).toContain('CONTRADICTED  doc/b');
    expect(text).toContain('  note:  A note.');
    expect(text.match(/ note: /g)).toHaveLength(1);
    expect(text.trimEnd().split('\n').at(-1)).toBe('3 claims: 2 reproduced, 1 contradicted, 0 not checkable.');
  });
});
