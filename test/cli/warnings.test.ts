import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers.js';
// @ts-expect-error: a plain ES module script without types
import { examplesOf } from '../../scripts/readme.mjs';
import { WARNING_CATALOGUE, WARNING_CODES } from '../../src/data/warning-codes.js';
import { warn } from '../../src/core/common/warnings.js';
import { renderWarnings } from '../../src/format/text/warnings.js';
import { createColors } from '../../src/format/terminal/color.js';

const AT_80 = { COLUMNS: '80' };
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('the warnings a person sees', () => {
  it('are at most 6 lines by default for the quick start, one per code that changes the meaning', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'sichuan'], AT_80);
    expect(code).toBe(0);
    // 2025 rests on the bottom-up series (computed, 363 days annualised); Sichuan's share is April 2021's (45
    // months old, before the ban of June 2021, secondhand), China's three readings of 2025 are secondhand: five
    // codes that change the meaning; the default year, China's 3 months and the 2021 intensity are notes.
    // The share from before the ban comes first, as every estimate says it first.
    expect(lines(stderr)).toEqual([
      'warning (pre-break-share): a share is from before a break (a ban, a move)',
      'warning (computed-basis): the total is computed here, not a published one',
      'warning (partial-year): the total covers part of the year, annualised',
      'warning (stale-share): a share is carried from another period',
      'warning (secondhand): a figure is secondhand: a report of it, not its source',
      '3 notes (default-year, few-months, carbon-year): --explain shows all in full',
    ]);
    expect(stderr).not.toContain('No year was given');
  });

  it('are every one in full with --explain, each with its code, and none with -q', async () => {
    const json = await runCli(['estimate', '--region', 'sichuan', '--json']);
    const [estimate] = JSON.parse(json.stdout) as { warnings: { level: string; code: string; message: string }[] }[];
    const warnings = estimate?.warnings ?? [];
    expect(warnings.length).toBeGreaterThanOrEqual(10);
    const { stderr } = await runCli(['estimate', '--region', 'sichuan', '--explain'], { COLUMNS: '100000' });
    const said = lines(stderr);
    expect(said).toHaveLength(warnings.length);
    for (const w of warnings) {
      expect(said).toContain(`${w.level === 'changes-meaning' ? 'warning' : 'note'} (${w.code}): ${w.message}`);
    }
    // Those that change the meaning come first.
    const firstNote = said.findIndex((line) => line.startsWith('note ('));
    expect(said.slice(firstNote).every((line) => line.startsWith('note ('))).toBe(true);
    expect((await runCli(['estimate', '--region', 'sichuan', '-q'])).stderr).toBe('');
    expect((await runCli(['estimate', '--region', 'sichuan', '-q', '--explain'])).code).toBe(2);
  });

  it('each carry a level the catalogue gives their code, in every document', async () => {
    const estimates = JSON.parse((await runCli(['estimate', '--all', '--year', '2021', '--json'])).stdout) as {
      warnings: { level: string; code: string; message: string }[];
    }[];
    const scenario = JSON.parse((await runCli(['scenario', '--ban', 'china', '--json'])).stdout) as {
      warnings: { level: string; code: string }[];
    };
    // Remainders and skipped records carry no warnings of their own.
    const all = [...estimates.flatMap((e) => e.warnings ?? []), ...scenario.warnings];
    expect(all.length).toBeGreaterThan(50);
    for (const w of all) {
      expect(WARNING_CODES).toContain(w.code);
      expect(w.level).toBe(WARNING_CATALOGUE[w.code as keyof typeof WARNING_CATALOGUE].level);
    }
  });

  it('are a few lines for every example of the README, and every line fits 80 columns', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const commands = (examplesOf(readme) as { command: string }[]).flatMap(({ command }) => {
      const words = /^npx mining-energy ((?:estimate|compare|scenario|network) [\w\s.,:=-]*)$/.exec(command)?.[1];
      return words === undefined ? [] : [words.trim().split(/\s+/)];
    });
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const args of commands) {
      const { code, stderr } = await runCli(args, AT_80);
      expect(code, args.join(' ')).toBe(0);
      // Eight years of Russia rest on seven kinds of source between them (the table marks each change): a line
      // for each, and one for the notes. Every other example says six lines at most.
      const most = args.includes('--years') ? 8 : 6;
      expect(lines(stderr).length, `${args.join(' ')}\n${stderr}`).toBeLessThanOrEqual(most);
      for (const line of lines(stderr)) expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('are a few lines for estimate --all by default: a line a code, the regions left out named', async () => {
    // 2021: four countries inside the world's remainder are left out, and Kentucky's and Texas' shares come from
    // sources the data mark as not comparable. A document holds its estimates' warnings: stderr says the rest.
    for (const format of ['json', 'ndjson', 'csv']) {
      const { code, stderr } = await runCli(['estimate', '--all', '--year', '2021', '--format', format], AT_80);
      expect(code, format).toBe(0);
      expect(lines(stderr).length, `${format}\n${stderr}`).toBeLessThanOrEqual(8);
      for (const line of lines(stderr)) expect(line.length).toBeLessThanOrEqual(80);
      expect(stderr).toMatch(
        /^warning \(region-skipped\): a region could not be estimated and is left out\s+\(Paraguay,/m,
      );
      expect(stderr.match(/^warning \(mixed-sources\): /gm), format).toHaveLength(1);
      expect(stderr).not.toContain('left out:');
      expect(stderr).not.toContain('The rows rest on');
    }
    // The table adds its estimates' own warnings, a line (or two, with regions named) a code; the run's are no
    // longer said in full.
    const table = await runCli(['estimate', '--all'], AT_80);
    expect(table.code).toBe(0);
    for (const line of lines(table.stderr)) expect(line.length).toBeLessThanOrEqual(80);
    const codes = (table.stderr.match(/^warning \(([a-z-]+)\)/gm) ?? []).map((w) => w.slice(9, -1));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('region-skipped');
    expect(table.stderr).not.toContain('left out:');
    expect(lines(table.stderr).length).toBeLessThanOrEqual(2 * codes.length + 1);
  });

  it("compare says nothing of carbon, which it does not show, nor the table's caveats", async () => {
    const { stdout, stderr } = await runCli(['compare', '--region', 'sichuan', '--explain'], AT_80);
    expect(stderr).not.toMatch(/\(carbon-[a-z]+\)/);
    expect(stderr).toMatch(/^warning \(stale-share\): /m);
    expect(stdout).not.toContain('rests on');
    const quiet = await runCli(['compare', '--region', 'sichuan', '-q'], AT_80);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('The estimate rests on: partial-year');
  });
});

const colors = await createColors(false);

describe('renderWarnings', () => {
  const texas = [warn('stale-share', 'Texas: old.'), warn('few-months', 'Texas: 1 month.')];
  const kentucky = [warn('stale-share', 'Kentucky: old.'), warn('few-months', 'Texas: 1 month.')];
  const georgia = [warn('secondhand', 'Georgia: reported.')];

  it('says a code once for all regions, naming them only when not all have it', () => {
    const sets = [
      { region: 'Texas', warnings: texas },
      { region: 'Kentucky', warnings: kentucky },
      { region: 'Georgia', warnings: georgia },
    ];
    expect(renderWarnings(sets, 'default', colors, 80)).toBe(
      [
        'warning (stale-share): a share is carried from another period (Texas, Kentucky)',
        'warning (secondhand): a figure is secondhand: a report of it, not its source',
        '  (Georgia)',
        '1 note (few-months): --explain shows all in full',
        '',
      ].join('\n'),
    );
    // In full, the same words once, with the regions that share them.
    expect(renderWarnings(sets, 'explain', colors, 200)).toBe(
      [
        'warning (stale-share): Texas: Texas: old.',
        'warning (stale-share): Kentucky: Kentucky: old.',
        'warning (secondhand): Georgia: Georgia: reported.',
        'note (few-months): Texas, Kentucky: Texas: 1 month.',
        '',
      ].join('\n'),
    );
    expect(renderWarnings(sets, 'quiet', colors, 80)).toBe('');
  });

  it('cuts the codes of the notes to keep their count on one line', () => {
    const notes = ['default-year', 'few-months', 'carbon-year', 'approximate', 'share-remainder'] as const;
    const text = renderWarnings([{ warnings: notes.map((code) => warn(code, code)) }], 'default', colors, 60);
    expect(text).toBe('5 notes (default-year, few-months, …): --explain shows them\n');
  });

  it('names more than three regions as three and a count', () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    const sets = [
      ...names.map((region) => ({ region, warnings: [warn('stale-share', 'x')] })),
      { region: 'F', warnings: [] },
    ];
    expect(renderWarnings(sets, 'default', colors, 200)).toBe(
      'warning (stale-share): a share is carried from another period (A, B, C and 2 more)\n--explain says each warning in full.\n',
    );
  });

  it('names a region left out even when it is the only one, and not among the regions of the run', () => {
    const skipped = {
      region: 'Ethiopia',
      nameAlways: true,
      warnings: [warn('region-skipped', 'ethiopia left out: why.')],
    };
    const run = [
      skipped,
      { region: 'Texas', warnings: [warn('stale-share', 'Texas: old.')] },
      { region: 'Russia', warnings: [warn('stale-share', 'Russia: old.')] },
    ];
    // Texas and Russia both have stale-share: every region of the run, so named by neither; Ethiopia is not one.
    expect(renderWarnings(run, 'default', colors, 200)).toBe(
      [
        'warning (region-skipped): a region could not be estimated and is left out (Ethiopia)',
        'warning (stale-share): a share is carried from another period',
        '--explain says each warning in full.',
        '',
      ].join('\n'),
    );
    expect(renderWarnings([skipped], 'default', colors, 200)).toContain('left out (Ethiopia)\n');
    // In full, the words name it.
    expect(renderWarnings([skipped], 'explain', colors, 200)).toBe(
      'warning (region-skipped): ethiopia left out: why.\n',
    );
  });
});

describe('the catalogue of warnings', () => {
  it('is the table of docs/output.md, code by code with its level', () => {
    const doc = readFileSync(join(ROOT, 'docs/output.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` +\| (changes-meaning|note) +\|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(WARNING_CODES.map((code) => [code, WARNING_CATALOGUE[code].level]));
  });

  it('keeps each default line within 80 columns for one region', () => {
    for (const code of WARNING_CODES) {
      expect(`warning (${code}): ${WARNING_CATALOGUE[code].summary}`.length, code).toBeLessThanOrEqual(80);
    }
  });
});
