import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runBinary, runCli, WIDE } from '../helpers.js';

/**
 * The CLI tests run the CLI in process (runCli), for speed; this file is what makes that trustworthy: for a
 * sample of commands of every kind (tables, JSON, NDJSON, CSV, SVG, help at two widths, the version, warnings,
 * failures with exit codes 1 and 2, colour forced, files written with --out), the in-process run gives the
 * exit code, stdout and stderr of the built binary with its output piped, byte for byte, and writes the same
 * files.
 */

const scratch = mkdtempSync(join(tmpdir(), 'mining-energy-in-process-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The files under a directory with their bytes (base64), by relative path; the directory is then removed. */
function takeFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    try {
      files[name] = readFileSync(path).toString('base64');
    } catch {
      files[name] = '(directory)';
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return files;
}

const OUT = join(scratch, 'out');
const COINMETRICS = join(FIXTURES, 'import', 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv');

/** [args, env]: each is run both ways. */
const SAMPLE: readonly (readonly [readonly string[], Record<string, string | undefined>])[] = [
  // Tables, at the default width (80, nothing being a terminal) and set by COLUMNS.
  [['estimate', '--region', 'sichuan'], {}],
  [['estimate', '--region', 'sichuan', '--year', '2021'], { COLUMNS: '50' }],
  [['estimate', '--region', 'texas,kentucky,china'], { COLUMNS: '120' }],
  [['estimate', '--all', '--kind', 'country', '--year', '2021'], {}],
  [['estimate', '--region', 'sichuan', '--uncertainty', '200', '--seed', '1', '--carbon-bracket'], {}],
  [['network', '--hashrate', '600', '--threshold', '55', '--date', '2024-06-01'], {}],
  [['network', '--input', '--from', '2024-11-01'], {}],
  [['scenario', '--ban', 'china', '--year', '2021'], {}],
  [['shares', '--region', 'china'], {}],
  [['regions'], {}],
  [['sources'], { COLUMNS: '60' }],
  [['datasets'], {}],
  [['compare', '296.59', '--baseline', 'cia-2016'], {}],
  [['claims'], {}],
  [['--data', FIXTURES + 'overlay', 'data', 'check', FIXTURES + 'overlay'], {}],
  // Machine-readable documents.
  [['estimate', '--region', 'china', '--year', '2021', '--json'], {}],
  [['estimate', '--all', '--year', '2021', '--format', 'ndjson'], {}],
  [['estimate', '--all', '--year', '2021', '--format', 'csv'], {}],
  [['network', '--input', '--from', '2024-01-01', '--format', 'csv'], {}],
  [['scenario', '--ban', 'sichuan', '--year', '2021', '--uncertainty', '200', '--seed', '3', '--json'], {}],
  [['shares', '--region', 'united-states', '--format', 'csv'], {}],
  [['claims', '--json'], {}],
  [['network', '--input', FIXTURES + 'series/small.csv', '--json'], {}],
  // Pictures on stdout.
  [['chart', 'carbon', '--region', 'china', '--year', '2021'], {}],
  [['chart', 'shares', '--region', 'sichuan', '--format', 'vega-lite'], {}],
  // Help and the version.
  [['--help'], { COLUMNS: '50' }],
  [['--help'], { COLUMNS: '80' }],
  [['estimate', '--help'], { COLUMNS: '50' }],
  [['report', '--help'], { COLUMNS: '80' }],
  [['--version'], {}],
  // Failures: usage (2) and data (1), from commander and from the tool.
  [['estimate', '--region', 'atlantis'], WIDE],
  [['estimate', '--year', 'soon'], {}],
  [['estimate', '--bogus'], {}],
  [['nonsense'], {}],
  [['--no-default-data', 'regions'], {}],
  [['--data', FIXTURES + 'bad-json', 'regions'], WIDE],
  [['--data', FIXTURES + 'invalid', 'estimate', '--region', 'sichuan'], {}],
  [['network', '--input', FIXTURES + 'series/bad.csv'], WIDE],
  [['network', '--hardware', FIXTURES + 'hardware/bad.json', '--hashrate', '600', '--threshold', '30'], {}],
  // Colour forced off a terminal, and DEBUG in the environment (which changes nothing).
  [['estimate', '--region', 'atlantis'], { NO_COLOR: undefined, FORCE_COLOR: '1' }],
  [['estimate', '--region', 'sichuan'], { NO_COLOR: undefined, FORCE_COLOR: '1', DEBUG: '1' }],
];

/** Commands that write files: run both ways into the same (fresh) path, then their files compared too. */
const WRITING: readonly (readonly string[])[] = [
  ['report', '--region', 'sichuan', '--out', join(OUT, 'sichuan.html')],
  ['chart', 'network', '--region', 'texas', '--year', '2023', '--out', join(OUT, 'texas.svg')],
  ['data', 'import', 'coinmetrics', COINMETRICS, '--out', join(OUT, 'imported')],
];

describe('runCli in process gives what the built binary gives', () => {
  const codes = new Set<number | null>();
  it.each(SAMPLE.map(([args, env]) => [args.join(' '), args, env] as const))('%s', async (_name, args, env) => {
    const binary = runBinary(args, env);
    const inProcess = await runCli(args, env);
    codes.add(binary.code);
    expect(inProcess.code).toBe(binary.code);
    expect(inProcess.stderr).toBe(binary.stderr);
    expect(inProcess.stdout).toBe(binary.stdout);
  });

  it('covers success, usage errors and data errors (the sample above)', () => {
    expect([...codes].sort()).toEqual([0, 1, 2]);
  });

  it.each(WRITING.map((args) => [args.join(' '), args] as const))(
    '%s, and the files it writes',
    async (_name, args) => {
      mkdirSync(OUT);
      const binary = runBinary(args);
      const binaryFiles = takeFiles(OUT);
      mkdirSync(OUT);
      const inProcess = await runCli(args);
      const inProcessFiles = takeFiles(OUT);
      expect(binary.code, binary.stderr).toBe(0);
      expect(inProcess).toEqual(binary);
      expect(Object.keys(binaryFiles).length).toBeGreaterThan(0);
      expect(inProcessFiles).toEqual(binaryFiles);
    },
  );
});

describe('runCli one run at a time', () => {
  it('refuses a run started while another is under way, which would capture its output and environment', async () => {
    const first = runCli(['--version'], { COLUMNS: '37' });
    await expect(runCli(['--version'])).rejects.toThrow(/one at a time/);
    expect((await first).code).toBe(0);
    // The refused run changed nothing, and the first one put everything back.
    expect(process.env.COLUMNS).not.toBe('37');
    expect((await runCli(['--version'])).code).toBe(0);
  });
});
