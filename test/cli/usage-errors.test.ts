import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const HINT = '(add --help for usage and examples)';

describe("commander's usage errors, said as every other error is", () => {
  it.each([
    // Each message is longer than 80 columns on one line (158, 126 and 114 characters).
    [['scenario', '--move', 'sichuan:xinjiang:150'], "option '--move <from:to:pct>' argument 'sichuan:xinjiang:150'"],
    [['estimate', '--region', 'sichuan', '--years', '2026-2019'], 'expected the first year before the last'],
    [['estimate', '--region', 'sichuan', '--year', '20x5'], 'expected a four-digit year from 1990 to 2100'],
  ])('%j: wrapped to 80 columns with a hanging indent, the hint after, exit 2', async (args, words) => {
    const { code, stdout, stderr } = await runCli(args, { COLUMNS: '80' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^error: option '/);
    // Lines after the first (but the hint) are indented under it; the words read the same once unwrapped.
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^ {2}\S/);
    expect(lines.at(-1)).toBe(HINT);
    expect(
      lines
        .slice(0, -1)
        .map((l) => l.trim())
        .join(' '),
    ).toContain(words);
  });

  it('wraps at a narrower COLUMNS too', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'sichuan', '--year', '20x5'], { COLUMNS: '40' });
    expect(code).toBe(2);
    for (const line of stderr.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it("keeps commander's suggestion on its own line and the hint", async () => {
    const { code, stderr } = await runCli(['estimat'], { COLUMNS: '80' });
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unknown command 'estimat'\n(Did you mean estimate?)\n${HINT}\n`);
  });

  it('an unknown option: one line and the hint', async () => {
    const { code, stderr } = await runCli(['estimate', '--bogus'], { COLUMNS: '80' });
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unknown option '--bogus'\n${HINT}\n`);
  });
});
