// Hostile inputs and the behaviour the tool owes each of them: the table test/hostile.test.ts checks and
// scripts/hostile-report.mjs prints. Plain JavaScript, so both the suite and a script can read it.
import { spawnSync, execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/mining-energy.js', import.meta.url));
const SHIPPED = (name) => readFileSync(join(ROOT, 'data', name), 'utf8');

/** Whether this process runs as root, which reads any file whatever its mode. */
export const RUNNING_AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** The user "nobody" (65534), whom file modes bind, as the tests run as root on a CI machine. */
const NOBODY = { uid: 65534, gid: 65534 };

const runsAsNobody = (bin) => spawnSync(process.execPath, [bin, '--version'], { ...NOBODY, cwd: '/' }).status === 0;

/**
 * How to run a case that needs file permissions to hold: as this user when it is not root; as nobody when it is
 * (from a copy of the built package that nobody can read, when the checkout itself is out of nobody's reach);
 * undefined when nobody cannot run it even so, with the reason in {@link PERMISSION_REASON}.
 */
export const PERMISSION_RUNNER = (() => {
  if (!RUNNING_AS_ROOT) return { options: {}, bin: BIN };
  if (runsAsNobody(BIN)) return { options: NOBODY, bin: BIN };
  const copy = mkdtempSync(join(tmpdir(), 'mining-energy-nobody-'));
  chmodSync(copy, 0o755);
  for (const part of ['bin', 'dist', 'data', 'package.json'])
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  const bin = join(copy, 'bin', 'mining-energy.js');
  return runsAsNobody(bin) ? { options: NOBODY, bin } : undefined;
})();
const PERMISSION_REASON =
  PERMISSION_RUNNER === undefined
    ? ' — skipped: running as root, and the user nobody cannot run the built binary, even copied to a temporary directory'
    : '';

/** The class of harm a case guards against. */
export const CLASSES = ['silent-number', 'lost-data', 'injection', 'crash', 'hang', 'message'];

const SERIES_HEADER = 'date,hashrateEhs,thresholdJPerTh';
/** A daily series CSV of the given rows (date, EH/s, J/TH). */
const series = (rows) => `${SERIES_HEADER}\n${rows.join('\n')}\n`;
const goodRows = ['2021-01-01,150,30', '2021-01-02,151,30', '2021-01-03,152,30'];

const hardwareRecord = (model) => ({
  model,
  released: '2023-01-01',
  jPerTh: 20,
  source: 'cbeci-hardware-2020',
  evidence: 'primary',
});
const region = (id, parent, kind = 'province') => ({ id, name: id, kind, parent });
const share = (regionId, month, sharePct) => ({
  region: regionId,
  month,
  sharePct,
  source: 'cbeci-mining-map',
  evidence: 'copy',
});
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** A CSV line's cells (RFC 4180 quoting), enough to look at where each cell starts. */
export function csvCells(text) {
  const cells = [];
  for (const line of text.split(/\r?\n/)) {
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quoted && char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = !quoted;
      else if (char === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += char;
    }
    cells.push(cell);
  }
  return cells;
}

/** Cells a spreadsheet would run as a formula: starting with = + @, or - before something that is not a number. */
export function formulaCells(text) {
  return csvCells(text).filter((cell) => /^[=+@]/.test(cell) || (/^-/.test(cell) && !/^-\d/.test(cell)));
}

/** The shipped Coin Metrics fixture's header and first days, enough for an import. */
const coinMetricsSample = () =>
  readFileSync(
    join(ROOT, 'test/fixtures/import/coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv'),
    'utf8',
  )
    .split('\n')
    .slice(0, 5)
    .join('\n');
/** The shipped mining-map fixture's rows of September 2019, "Mainland China" renamed to `label`. */
const miningMapSample = (label) => {
  const lines = readFileSync(
    join(ROOT, 'test/fixtures/import/cbeci_mining_countries_2019-09_2022-01.csv'),
    'utf8',
  ).split('\n');
  const quoted = `"${label.replaceAll('"', '""')}"`;
  return [
    lines[0],
    ...lines.filter((line) => line.startsWith('2019-09')).map((line) => line.replace('Mainland China', quoted)),
  ].join('\n');
};
const noFormulaCells = ({ stdout }) => {
  const cells = formulaCells(stdout);
  return cells.length === 0 ? null : `cells a spreadsheet would run: ${cells.slice(0, 5).join(' | ')}`;
};
/**
 * A line of the warnings on stderr: a warning (with or without its code), a note, the count of the notes, the
 * pointer to --explain, or an indented continuation.
 */
const WARNING_LINE = /^(warning:|warning \([a-z-]+\):|note \([a-z-]+\):|\d+ notes? \(|--explain says| {2}\S)/;
/**
 * stderr lines that are neither a warning (with or without its code), a note, the count of the notes, nor an
 * indented continuation nor an error line.
 */
const strayStderr = ({ stderr }) => {
  const lines = stderr.split('\n').filter((line) => line !== '' && !/^error:/.test(line) && !WARNING_LINE.test(line));
  return lines.length === 0 ? null : `unexpected stderr lines: ${lines.slice(0, 2).join(' | ')}`;
};
const network = ['network', '--hashrate', '600', '--threshold', '30', '--date', '2024-01-01'];
const fifo = (path) => execFileSync('mkfifo', [path]);

/**
 * The catalogue. Each case: a name, its class, `setup(dir)` writing what it needs into a fresh temp dir (and
 * returning nothing), `argv(dir)`, optional `env`, `stdoutTo` ('full' for /dev/full, 'closed' for a pipe its reader
 * closes at once, 'both-closed' for stdout and stderr into one such pipe, run `repeat` times), `timeoutMs`, the expected exit `code`, `stderr` and/or `stdout` regexes that must all match
 * (case-insensitive key words), and `check(result)` for anything else (returns a problem or null).
 */
export const CASES = [
  // network --input: one bad day must not pass quietly.
  {
    name: 'network --input with one outlier threshold of 1e20 J/TH',
    class: 'silent-number',
    setup: (dir) =>
      writeFileSync(join(dir, 'in.csv'), series(['2021-01-01,150,30', '2021-01-02,150,1e20', '2021-01-03,150,30'])),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/line 3/i, /range|between|at most|no more than|limit|up to/i],
  },
  {
    name: 'network --input --average 1000000 (past the window limit)',
    class: 'hang',
    setup: (dir) => writeFileSync(join(dir, 'in.csv'), series(goodRows)),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv'), '--average', '1000000'],
    code: 2,
    stderr: [/--average/i, /33[ ,._]?600/],
  },
  {
    name: 'network --input with a duplicated date',
    class: 'lost-data',
    setup: (dir) =>
      writeFileSync(join(dir, 'in.csv'), series(['2021-01-01,150,30', '2021-01-02,150,30', '2021-01-02,151,30'])),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/2021-01-02/, /line 4/i],
  },
  {
    name: 'network --input with descending dates',
    class: 'lost-data',
    setup: (dir) =>
      writeFileSync(join(dir, 'in.csv'), series(['2021-01-03,150,30', '2021-01-02,150,30', '2021-01-01,151,30'])),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/ascending|order/i, /line 3/i],
  },
  {
    name: 'network --input CSV with a duplicated column',
    class: 'lost-data',
    setup: (dir) =>
      writeFileSync(join(dir, 'in.csv'), 'date,hashrateEhs,thresholdJPerTh,hashrateEhs\n2021-01-01,150,30,900\n'),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/hashrateEhs/, /twice|duplicate|more than once/i],
  },
  {
    name: 'network --input CSV with an unknown column',
    class: 'lost-data',
    setup: (dir) =>
      writeFileSync(join(dir, 'in.csv'), 'date,hashrateEhs,thresholdJPerTh,hashrateThs\n2021-01-01,150,30,900\n'),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/hashrateThs/, /unknown|not a column|unexpected|did you mean/i],
  },
  {
    name: 'network --input CSV with a row of extra cells',
    class: 'lost-data',
    setup: (dir) => writeFileSync(join(dir, 'in.csv'), series(['2021-01-01,150,30', '2021-01-02,150,30,99'])),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/line 3/i, /cells|columns|fields/i],
  },
  {
    name: 'network --input CSV without a header row',
    class: 'message',
    setup: (dir) => writeFileSync(join(dir, 'in.csv'), goodRows.join('\n')),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/header/i],
  },
  {
    name: 'network --input given a gzip file',
    class: 'message',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'in.csv'),
        Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00]),
      ),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/gzip/i],
  },
  {
    name: 'network --input CSV with a byte-order mark',
    class: 'lost-data',
    setup: (dir) => writeFileSync(join(dir, 'in.csv'), `\ufeff${series(goodRows)}`),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 0,
    stdout: [/2021-01-01/],
  },
  {
    name: 'network --input given a named pipe (FIFO)',
    class: 'hang',
    setup: (dir) => execFileSync('mkfifo', [join(dir, 'in.csv')]),
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    timeoutMs: 5_000,
    code: 1,
    stderr: [/named pipe/i],
  },
  {
    name: 'network --input given a symbolic link',
    class: 'message',
    setup: (dir) => {
      writeFileSync(join(dir, 'real.csv'), series(goodRows));
      symlinkSync(join(dir, 'real.csv'), join(dir, 'in.csv'));
    },
    argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
    code: 1,
    stderr: [/symbolic link/i],
  },
  // --hardware lists
  {
    name: '--hardware listing one model three times',
    class: 'silent-number',
    setup: (dir) =>
      writeFileSync(join(dir, 'hw.json'), json(['Triple S9', 'Triple S9', 'Triple S9'].map(hardwareRecord))),
    argv: (dir) => [...network, '--hardware', join(dir, 'hw.json')],
    code: 1,
    stderr: [/Triple S9/, /record 2 .*is record 1's[^]*record 3 .*is record 1's/i],
  },
  {
    name: '--hardware with an empty list []',
    class: 'silent-number',
    setup: (dir) => writeFileSync(join(dir, 'hw.json'), '[]\n'),
    argv: (dir) => [...network, '--hardware', join(dir, 'hw.json')],
    code: 1,
    stderr: [/empty|no machines|at least one/i],
  },
  // --data directories
  {
    name: '--data regions.json with a duplicate property in one object',
    class: 'lost-data',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'regions.json'),
        '[{ "id": "kz-north", "name": "North", "kind": "province", "kind": "country", "parent": "kazakhstan" }]\n',
      ),
    argv: (dir) => ['--data', dir, 'regions'],
    code: 1,
    stderr: [/kind/, /twice|duplicate|more than once/i],
  },
  {
    name: '--data with a broken symbolic link as regions.json',
    class: 'message',
    setup: (dir) => symlinkSync(join(dir, 'nowhere.json'), join(dir, 'regions.json')),
    argv: (dir) => ['--data', dir, 'regions'],
    code: 1,
    stderr: [/symbolic link/i],
  },
  {
    name: '--data JSON file with a byte-order mark',
    class: 'lost-data',
    setup: (dir) => writeFileSync(join(dir, 'regions.json'), `\ufeff${SHIPPED('regions.json')}`),
    argv: (dir) => ['--data', dir, 'regions'],
    code: 0,
    stdout: [/sichuan/i],
  },
  {
    name: '--data two provinces with 60% of their parent, one in January and one in February',
    class: 'silent-number',
    setup: (dir) => {
      writeFileSync(
        join(dir, 'regions.json'),
        json([region('kz-north', 'kazakhstan'), region('kz-south', 'kazakhstan')]),
      );
      writeFileSync(
        join(dir, 'hashrate-shares.json'),
        json([share('kz-north', '2021-01', 60), share('kz-south', '2021-02', 60)]),
      );
    },
    argv: (dir) => ['--data', dir, 'regions'],
    code: 1,
    stderr: [/kazakhstan/i, /2021/],
  },
  {
    name: '--data baseline listing one country twice',
    class: 'silent-number',
    setup: (dir) => {
      const [first] = JSON.parse(SHIPPED('electricity-baselines.json'));
      const values = [
        { country: 'Norway', iso3: 'NOR', twh: 130 },
        { country: 'Norway', iso3: 'NOR', twh: 140 },
      ];
      writeFileSync(join(dir, 'electricity-baselines.json'), json([{ ...first, id: 'twice-2020', values }]));
    },
    argv: (dir) => ['--data', dir, 'compare', '100', '--baseline', 'twice-2020'],
    code: 1,
    stderr: [/Norway|NOR/, /twice|duplicate|more than once/i],
  },
  {
    name: '--data region chain 5,000 deep',
    class: 'crash',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'regions.json'),
        json(Array.from({ length: 5_000 }, (_, i) => region(`deep-${i}`, i === 0 ? 'china' : `deep-${i - 1}`))),
      ),
    argv: (dir) => ['--data', dir, 'regions'],
    timeoutMs: 5_000,
    code: 1,
    stderr: [/\b64\b/, /depth|deep|levels/i],
  },
  {
    name: `--data directory that cannot be read (chmod 000)${PERMISSION_REASON}`,
    class: 'message',
    skip: PERMISSION_RUNNER === undefined,
    unprivileged: true,
    setup: (dir) => {
      mkdirSync(join(dir, 'locked'));
      writeFileSync(join(dir, 'locked', 'regions.json'), SHIPPED('regions.json'));
      chmodSync(join(dir, 'locked'), 0o000);
    },
    cleanup: (dir) => chmodSync(join(dir, 'locked'), 0o755),
    argv: (dir) => ['--data', join(dir, 'locked'), 'regions'],
    code: 1,
    stderr: [/permission|cannot (be )?read|not readable|denied/i],
  },
  {
    name: '--data given a symbolic link loop',
    class: 'message',
    setup: (dir) => symlinkSync(join(dir, 'cycle'), join(dir, 'cycle')),
    argv: (dir) => ['--data', join(dir, 'cycle'), 'regions'],
    code: 1,
    stderr: [/symbolic link|loop/i],
  },
  {
    name: '--no-default-data without --data',
    class: 'message',
    argv: () => ['--no-default-data', 'regions'],
    code: 2,
    stderr: [/--data/],
  },
  // Numbers no option may take quietly.
  ...[
    ['network --hashrate 0x64', ['network', '--hashrate', '0x64', '--threshold', '30'], /0x64/],
    ['compare 0x10', ['compare', '0x10'], /0x10/],
    ['compare 1e308', ['compare', '1e308'], /1e308/],
    ['network --hashrate 1e308', ['network', '--hashrate', '1e308', '--threshold', '30'], /hashrate/i],
    [
      'estimate --carbon-bracket 0,1e309',
      ['estimate', '--region', 'sichuan', '--carbon-bracket', '0,1e309'],
      /carbon-bracket|1e309/i,
    ],
    ['estimate --year 0099', ['estimate', '--region', 'sichuan', '--year', '0099'], /year|0099/i],
    ['estimate --month 0000-01', ['estimate', '--region', 'sichuan', '--month', '0000-01'], /month|0000-01/i],
    [
      'network --date 2023-02-29',
      ['network', '--hashrate', '600', '--threshold', '30', '--date', '2023-02-29'],
      /2023-02-29/,
    ],
  ].map(([name, argv, stderr]) => ({ name, class: 'silent-number', argv: () => argv, code: 2, stderr: [stderr] })),
  // Injection
  {
    name: 'estimate --region with a terminal title escape',
    class: 'injection',
    argv: () => ['estimate', '--region', '\u001b]0;pwned\u0007'],
    code: 2,
    stderr: [/region/i],
    // eslint-disable-next-line no-control-regex -- ESC and BEL are what must not get through
    check: ({ stderr }) => (/[\u001b\u0007]/.test(stderr) ? 'stderr holds ESC or BEL' : null),
  },
  {
    name: 'regions --format csv with names starting = + - @',
    class: 'injection',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'regions.json'),
        json(
          ['=1+2', '+SUM(A1)', '-cmd', '@SUM(A1)'].map((name, i) => ({
            ...region(`hostile-${i}`, 'kazakhstan'),
            name,
          })),
        ),
      ),
    argv: (dir) => ['--data', dir, 'regions', '--format', 'csv'],
    code: 0,
    stdout: [/'=1\+2/, /'\+SUM\(A1\)/, /'-cmd/, /'@SUM\(A1\)/],
    check: ({ stdout }) => {
      const cells = formulaCells(stdout);
      return cells.length === 0 ? null : `cells a spreadsheet would run: ${cells.slice(0, 5).join(' | ')}`;
    },
  },
  {
    name: 'estimate --all --format csv has no formula cell',
    class: 'injection',
    argv: () => ['estimate', '--all', '--format', 'csv'],
    code: 0,
    stdout: [/sichuan/i],
    check: ({ stdout }) => {
      const cells = formulaCells(stdout);
      return cells.length === 0 ? null : `cells a spreadsheet would run: ${cells.slice(0, 5).join(' | ')}`;
    },
  },
  // Crashes
  {
    name: 'estimate --region sichuan with stdout on /dev/full',
    class: 'crash',
    argv: () => ['estimate', '--region', 'sichuan'],
    stdoutTo: 'full',
    code: 1,
    stderr: [/no space|ENOSPC|cannot write|write/i],
    check: ({ stderr }) => {
      // A warning's continuation lines are indented; a stack frame is an indented "at …".
      const lines = stderr.split('\n').filter((line) => line !== '' && !WARNING_LINE.test(line));
      return lines.length === 1 && lines[0].startsWith('error:') && !/\n\s+at [^\n]*:\d+:\d+\)?$/m.test(stderr)
        ? null
        : 'stderr is not one error line (besides warnings) without stack frames';
    },
  },
  {
    name: 'sources --json into a pipe closed at once',
    class: 'crash',
    argv: () => ['sources', '--json'],
    stdoutTo: 'closed',
    code: 0,
    check: ({ stderr }) => (stderr === '' ? null : 'something was written to stderr'),
  },
  {
    name: 'DEBUG=1 with an unknown region',
    class: 'message',
    argv: () => ['estimate', '--region', 'atlantis'],
    env: { DEBUG: '1' },
    code: 2,
    stderr: [/atlantis/i],
  },
  ...MORE_CASES(),
  ...THIRD_CASES(),
];

/** Cases added by a second, adversarial pass over every command. */
function MORE_CASES() {
  return [
    // Output pipes closed early, stdout and stderr both into it: the exit code is the run's own, every time.
    {
      name: 'estimate --region atlantis, stdout and stderr into one pipe closed at once (10 runs)',
      class: 'crash',
      argv: () => ['estimate', '--region', 'atlantis'],
      stdoutTo: 'both-closed',
      repeat: 10,
      code: 2,
    },
    {
      name: 'estimate --all --format csv, stdout and stderr into one pipe closed at once (10 runs)',
      class: 'crash',
      argv: () => ['estimate', '--all', '--format', 'csv'],
      stdoutTo: 'both-closed',
      repeat: 10,
      code: 0,
    },
    {
      name: 'network --input with stdout on /dev/full',
      class: 'crash',
      setup: (dir) => writeFileSync(join(dir, 'in.csv'), series(goodRows)),
      argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
      stdoutTo: 'full',
      code: 1,
      stderr: [/no space|ENOSPC|cannot write/i],
    },
    // Options: numbers and values at and past their limits.
    ...[
      [
        'estimate --uncertainty 10000001',
        ['estimate', '--region', 'sichuan', '--uncertainty', '10000001'],
        /10[ ,._]?000[ ,._]?000/,
      ],
      [
        'estimate --uncertainty 10 --seed -1',
        ['estimate', '--region', 'sichuan', '--uncertainty', '10', '--seed', '-1'],
        /--seed.*-1|4294967295/,
      ],
      ['scenario --move sichuan:xinjiang:150', ['scenario', '--move', 'sichuan:xinjiang:150'], /--move[^]*at most 100/],
      ['scenario --move sichuan:xinjiang:NaN', ['scenario', '--move', 'sichuan:xinjiang:NaN'], /--move[^]*NaN/],
      ['scenario --move sichuan:xinjiang:0x10', ['scenario', '--move', 'sichuan:xinjiang:0x10'], /--move[^]*0x10/],
      ['scenario --move sichuan:xinjiang:0', ['scenario', '--move', 'sichuan:xinjiang:0'], /--move[^]*above 0/],
      ['scenario --ban atlantis', ['scenario', '--ban', 'atlantis'], /atlantis/],
      [
        'shares --from after --to',
        ['shares', '--region', 'china', '--from', '2021-06', '--to', '2021-01'],
        /--from[^]*after[^]*--to/,
      ],
      ['compare 1e-400 (underflows to 0)', ['compare', '1e-400'], /1e-400[^]*(small|0)/],
      ['network --price 1e-7', [...network.slice(0, 3), '--revenue', '1000000', '--price', '1e-7'], /--price[^]*1e-6/],
      [
        'network --threshold 1e-300',
        ['network', '--hashrate', '600', '--threshold', '1e-300', '--date', '2024-01-01'],
        /threshold|profitable/i,
      ],
      ['estimate --month 2021-00', ['estimate', '--region', 'sichuan', '--month', '2021-00'], /--month[^]*YYYY-MM/],
      ['estimate --month 2021-1', ['estimate', '--region', 'sichuan', '--month', '2021-1'], /--month[^]*YYYY-MM/],
      ['estimate --year 2101', ['estimate', '--region', 'sichuan', '--year', '2101'], /--year[^]*2100/],
      ['network --date 2024-02-30', [...network.slice(0, 5), '--date', '2024-02-30'], /2024-02-30/],
      [
        'network --input --from after --to',
        ['network', '--input', join(ROOT, 'examples/daily.csv'), '--from', '2024-10-05', '--to', '2024-10-02'],
        /--from[^]*after/,
      ],
    ].map(([name, argv, stderr]) => ({ name, class: 'silent-number', argv: () => argv, code: 2, stderr: [stderr] })),
    {
      name: 'compare -0 is the figure 0',
      class: 'silent-number',
      argv: () => ['compare', '-0'],
      code: 0,
      stdout: [/^0 TWh would rank /],
    },
    {
      name: 'estimate --region with a 100,000-character name: bounded message',
      class: 'message',
      argv: () => ['estimate', '--region', 'a'.repeat(100_000)],
      timeoutMs: 10_000,
      code: 2,
      stderr: [/unknown region/i],
      check: ({ stderr }) => (stderr.length < 2_000 ? null : `stderr is ${stderr.length} characters`),
    },
    {
      name: 'estimate --region with 10,000 comma-separated names',
      class: 'hang',
      argv: () => ['estimate', '--region', Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(',')],
      timeoutMs: 10_000,
      code: 2,
      stderr: [/unknown region "x0"/i],
      check: ({ stderr }) => (stderr.length < 2_000 ? null : `stderr is ${stderr.length} characters`),
    },
    ...['0', '-5', 'abc', '100000'].map((columns) => ({
      name: `estimate --region sichuan with COLUMNS=${columns}`,
      class: 'crash',
      argv: () => ['estimate', '--region', 'sichuan'],
      env: { COLUMNS: columns },
      code: 0,
      stdout: [/Sichuan/],
      check: strayStderr,
    })),
    // network --input files
    {
      name: 'network --input NDJSON with a duplicate key',
      class: 'lost-data',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'in.ndjson'),
          '{"date":"2021-01-01","hashrateEhs":150,"hashrateEhs":900,"thresholdJPerTh":30}\n',
        ),
      argv: (dir) => ['network', '--input', join(dir, 'in.ndjson')],
      code: 1,
      stderr: [/line 1/i, /hashrateEhs[^]*twice/i],
    },
    {
      name: 'network --input NDJSON with an array line',
      class: 'lost-data',
      setup: (dir) =>
        writeFileSync(join(dir, 'in.ndjson'), '{"date":"2021-01-01","hashrateEhs":150,"thresholdJPerTh":30}\n[1,2]\n'),
      argv: (dir) => ['network', '--input', join(dir, 'in.ndjson')],
      code: 1,
      stderr: [/line 2/i, /object/i],
    },
    {
      name: 'network --input NDJSON with a trailing garbage line',
      class: 'lost-data',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'in.ndjson'),
          '{"date":"2021-01-01","hashrateEhs":150,"thresholdJPerTh":30}\ngarbage\n',
        ),
      argv: (dir) => ['network', '--input', join(dir, 'in.ndjson')],
      code: 1,
      stderr: [/line 2/i, /JSON/],
    },
    {
      name: 'network --input of invalid UTF-8',
      class: 'message',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'in.csv'),
          Buffer.concat([Buffer.from(series(goodRows)), Buffer.from([0xff, 0xfe, 0x0a])]),
        ),
      argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
      code: 1,
      stderr: [/UTF-8/],
    },
    {
      name: 'network --input with 33,601 rows',
      class: 'hang',
      setup: (dir) => {
        const day = (i) => new Date(Date.UTC(2009, 0, 3 + i)).toISOString().slice(0, 10);
        writeFileSync(join(dir, 'in.csv'), series(Array.from({ length: 33_601 }, (_, i) => `${day(i)},150,30`)));
      },
      argv: (dir) => ['network', '--input', join(dir, 'in.csv')],
      timeoutMs: 10_000,
      code: 1,
      stderr: [/more than 33,600 rows/],
    },
    // --hardware files
    ...[
      ['a named pipe (FIFO)', (dir) => fifo(join(dir, 'hw.json')), (dir) => join(dir, 'hw.json'), /named pipe/i],
      ['a directory', () => undefined, (dir) => dir, /directory/i],
      ['/dev/zero', () => undefined, () => '/dev/zero', /character device/i],
    ].map(([what, setup, path, stderr]) => ({
      name: `--hardware given ${what}`,
      class: 'hang',
      setup,
      argv: (dir) => [...network, '--hardware', path(dir)],
      timeoutMs: 5_000,
      code: 1,
      stderr: [stderr],
    })),
    {
      name: '--hardware with jPerTh 1e400',
      class: 'silent-number',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'hw.json'),
          `[${JSON.stringify(hardwareRecord('Huge')).replace('"jPerTh":20', '"jPerTh":1e400')}]`,
        ),
      argv: (dir) => [...network, '--hardware', join(dir, 'hw.json')],
      code: 1,
      stderr: [/record 1/i, /jPerTh/],
    },
    {
      name: '--hardware with a release date 2024-02-30',
      class: 'silent-number',
      setup: (dir) => writeFileSync(join(dir, 'hw.json'), json([{ ...hardwareRecord('Feb'), released: '2024-02-30' }])),
      argv: (dir) => [...network.slice(0, 5), '--date', '2024-06-01', '--hardware', join(dir, 'hw.json')],
      code: 1,
      stderr: [/record 1/i, /released[^]*calendar date/i],
    },
    // data import
    {
      name: 'data import of a named pipe (FIFO)',
      class: 'hang',
      setup: (dir) => fifo(join(dir, 'in.csv')),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', join(dir, 'out')],
      timeoutMs: 5_000,
      code: 1,
      stderr: [/named pipe/i],
    },
    {
      name: 'data import of a gzip file',
      class: 'message',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'in.csv'),
          Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0]),
        ),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', join(dir, 'out')],
      code: 1,
      stderr: [/gzip/i],
    },
    {
      name: 'data import cbeci-mining-map with a country =HYPERLINK(…) not mapped',
      class: 'injection',
      setup: (dir) => writeFileSync(join(dir, 'in.csv'), miningMapSample('=HYPERLINK("http://x","y")')),
      argv: (dir) => ['data', 'import', 'cbeci-mining-map', join(dir, 'in.csv'), '--out', join(dir, 'out')],
      code: 1,
      stderr: [/line 2/i, /HYPERLINK/, /--map/],
    },
    {
      name: 'data import cbeci-mining-map, =HYPERLINK(…) mapped: sources --format csv of the result has no formula cell',
      class: 'injection',
      setup: (dir) => {
        const label = '=HYPERLINK("http://x","y")';
        writeFileSync(join(dir, 'in.csv'), miningMapSample(label));
        execFileSync(process.execPath, [
          BIN,
          'data',
          'import',
          'cbeci-mining-map',
          join(dir, 'in.csv'),
          '--out',
          join(dir, 'out'),
          '--map',
          `${label}=china`,
        ]);
      },
      argv: (dir) => ['--data', join(dir, 'out'), 'sources', '--format', 'csv'],
      code: 0,
      stdout: [/HYPERLINK/],
      check: noFormulaCells,
    },
    ...[
      ['a regular file', (dir) => writeFileSync(join(dir, 'target'), ''), /file, not a directory/i],
      ['a named pipe (FIFO)', (dir) => fifo(join(dir, 'target')), /named pipe/i],
    ].map(([what, setup, stderr]) => ({
      name: `data import --out given ${what}`,
      class: 'message',
      setup: (dir) => {
        writeFileSync(join(dir, 'in.csv'), coinMetricsSample());
        setup(dir);
      },
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', join(dir, 'target')],
      timeoutMs: 5_000,
      code: 1,
      stderr: [stderr],
    })),
    {
      name: 'data import --out /proc/self/new (a directory that cannot be made)',
      class: 'hang',
      setup: (dir) => writeFileSync(join(dir, 'in.csv'), coinMetricsSample()),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', '/proc/self/new'],
      timeoutMs: 5_000,
      code: 1,
      stderr: [/cannot create[^]*\/proc\/self\/new/i],
    },
    {
      name: 'data import --out /proc/self/fd (a directory that cannot be written)',
      class: 'message',
      setup: (dir) => writeFileSync(join(dir, 'in.csv'), coinMetricsSample()),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', '/proc/self/fd'],
      timeoutMs: 5_000,
      code: 1,
      stderr: [/cannot write[^]*no such file/i],
      check: ({ stderr }) => (/\.tmp/.test(stderr) ? 'stderr names the temporary file' : null),
    },
    {
      name: `data import --out inside a directory without write permission${PERMISSION_REASON}`,
      class: 'message',
      skip: PERMISSION_RUNNER === undefined,
      unprivileged: true,
      setup: (dir) => {
        writeFileSync(join(dir, 'in.csv'), coinMetricsSample());
        mkdirSync(join(dir, 'locked'));
        chmodSync(join(dir, 'locked'), 0o555);
      },
      cleanup: (dir) => chmodSync(join(dir, 'locked'), 0o755),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'in.csv'), '--out', join(dir, 'locked', 'out')],
      code: 1,
      stderr: [/permission denied/i],
    },
    // data directories
    {
      name: 'data check of a directory whose regions.json is a named pipe (FIFO)',
      class: 'hang',
      setup: (dir) => fifo(join(dir, 'regions.json')),
      argv: (dir) => ['data', 'check', dir],
      timeoutMs: 5_000,
      code: 1,
      stderr: [/named pipe/i],
    },
    {
      name: '--data regions.json of an empty list []',
      class: 'lost-data',
      setup: (dir) => writeFileSync(join(dir, 'regions.json'), '[]\n'),
      argv: (dir) => ['--data', dir, 'regions', '--json'],
      code: 0,
      stdout: [/"sichuan"/],
    },
    {
      name: '--data regions.json of {} instead of a list',
      class: 'message',
      setup: (dir) => writeFileSync(join(dir, 'regions.json'), '{}\n'),
      argv: (dir) => ['--data', dir, 'regions'],
      code: 1,
      stderr: [/regions\.json/, /array/i],
    },
    {
      name: '--data regions.json with a 100 MB name',
      class: 'hang',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'regions.json'),
          json([{ ...region('kz-huge', 'kazakhstan'), name: 'a'.repeat(100_000_000) }]),
        ),
      argv: (dir) => ['--data', dir, 'regions'],
      timeoutMs: 10_000,
      code: 1,
      stderr: [/name/, /long|characters|limit/i],
      check: ({ stderr }) => (stderr.length < 2_000 ? null : `stderr is ${stderr.length} characters`),
    },
    {
      name: '--data region name with a right-to-left override',
      class: 'injection',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'regions.json'),
          json([{ ...region('kz-bidi', 'kazakhstan'), name: 'North\u202eevil' }]),
        ),
      argv: (dir) => ['--data', dir, 'regions'],
      code: 1,
      stderr: [/U\+202E/],
    },
    {
      name: '--data region name with a zero-width joiner',
      class: 'injection',
      setup: (dir) =>
        writeFileSync(join(dir, 'regions.json'), json([{ ...region('kz-zwj', 'kazakhstan'), name: 'No\u200drth' }])),
      argv: (dir) => ['--data', dir, 'regions'],
      code: 1,
      stderr: [/U\+200D/],
    },
    {
      name: "estimate --all --format csv with a --data region named =cmd|' /C calc'!A0: prefixed in CSV",
      class: 'injection',
      setup: (dir) => {
        writeFileSync(
          join(dir, 'regions.json'),
          json([{ ...region('kz-calc', 'kazakhstan'), name: "=cmd|' /C calc'!A0" }]),
        );
        writeFileSync(join(dir, 'hashrate-shares.json'), json([share('kz-calc', '2021-01', 1)]));
      },
      argv: (dir) => ['--data', dir, 'estimate', '--all', '--year', '2021', '--format', 'csv'],
      code: 0,
      stdout: [/'=cmd\|' \/C calc'!A0/],
      check: noFormulaCells,
    },
    {
      name: "estimate --json with a --data region named =cmd|' /C calc'!A0 keeps the name exact",
      class: 'lost-data',
      setup: (dir) => {
        writeFileSync(
          join(dir, 'regions.json'),
          json([{ ...region('kz-calc', 'kazakhstan'), name: "=cmd|' /C calc'!A0" }]),
        );
        writeFileSync(join(dir, 'hashrate-shares.json'), json([share('kz-calc', '2021-01', 1)]));
      },
      argv: (dir) => ['--data', dir, 'estimate', '--region', 'kz-calc', '--year', '2021', '--json'],
      code: 0,
      stdout: [/"name": "=cmd\|' \/C calc'!A0"/],
    },
    // --format csv of every other command
    ...[
      ['network', network],
      ['compare', ['compare', '100']],
      ['scenario', ['scenario', '--ban', 'sichuan']],
      ['shares', ['shares', '--region', 'china']],
      ['sources', ['sources']],
      ['datasets', ['datasets']],
      ['claims', ['claims']],
    ].map(([command, argv]) => ({
      name: `${command} --format csv has no formula cell`,
      class: 'injection',
      argv: () => [...argv, '--format', 'csv'],
      code: 0,
      stdout: [/,/],
      check: noFormulaCells,
    })),
    // claims --seeds directories
    {
      name: 'claims --seeds with a named pipe (FIFO) as a seed file',
      class: 'hang',
      setup: (dir) => fifo(join(dir, 'a.json')),
      argv: (dir) => ['claims', '--seeds', dir],
      timeoutMs: 5_000,
      code: 1,
      stderr: [/named pipe/i],
    },
    {
      name: 'claims --seeds given a file, not a directory',
      class: 'crash',
      setup: (dir) => writeFileSync(join(dir, 'seeds'), ''),
      argv: (dir) => ['claims', '--seeds', join(dir, 'seeds')],
      code: 1,
      stderr: [/not a directory/i],
      check: ({ stderr }) => (/unexpected/i.test(stderr) ? 'reported as an unexpected error' : null),
    },
    {
      name: 'claims --seeds with a gzip seed file',
      class: 'message',
      setup: (dir) => writeFileSync(join(dir, 'a.json'), Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0])),
      argv: (dir) => ['claims', '--seeds', dir],
      code: 1,
      stderr: [/gzip/i],
    },
  ];
}

/** Cases added by a third pass: imports, reports and charts, scenarios, and data seen by the library. */
function THIRD_CASES() {
  return [
    {
      name: 'chart --out a symbolic link to a device (as /dev/stdout is) with --force',
      class: 'lost-data',
      setup: (dir) => symlinkSync('/dev/null', join(dir, 'stdout')),
      argv: (dir) => ['chart', 'shares', '--region', 'china', '--out', join(dir, 'stdout'), '--force'],
      code: 2,
      stderr: [/symbolic link to a character device/i, /standard output/i],
    },
    {
      name: 'scenario --move sichuan:xinjiang:60 --move sichuan:yunnan:40 (moves apply together: Sichuan ends empty)',
      class: 'silent-number',
      argv: () => [
        'scenario',
        '--move',
        'sichuan:xinjiang:60',
        '--move',
        'sichuan:yunnan:40',
        '--year',
        '2021',
        '--json',
      ],
      code: 0,
      check: ({ stdout }) => {
        const after = JSON.parse(stdout).regions.find((r) => r.id === 'sichuan')?.sharePct.after;
        return after === 0 ? null : `Sichuan keeps ${after}% of the world, not 0`;
      },
    },
    {
      name: 'scenario --move sichuan:xinjiang:60 --move sichuan:yunnan:50 (110% of Sichuan)',
      class: 'silent-number',
      argv: () => ['scenario', '--move', 'sichuan:xinjiang:60', '--move', 'sichuan:yunnan:50', '--year', '2021'],
      code: 2,
      stderr: [/60% \+ 50%/, /more than the 100%/],
    },
    {
      name: 'scenario --ban china --move china:united-states:50 (a move out of a banned region)',
      class: 'silent-number',
      argv: () => ['scenario', '--ban', 'china', '--move', 'china:united-states:50', '--year', '2021'],
      code: 2,
      stderr: [/china is banned/i],
    },
    {
      name: 'scenario --ban sichuan --move xinjiang:sichuan:50 (a move into a banned region)',
      class: 'silent-number',
      argv: () => ['scenario', '--ban', 'sichuan', '--move', 'xinjiang:sichuan:50', '--year', '2021'],
      code: 2,
      stderr: [/sichuan is banned/i],
    },
    ...[
      ['a tag character U+E0041', '\u{E0041}'],
      ['a soft hyphen U+00AD', '\u00ad'],
      ['a combining grapheme joiner U+034F', '\u034f'],
      ['a Mongolian vowel separator U+180E', '\u180e'],
    ].map(([what, char]) => ({
      name: `data check on a region named "Sichuan" with ${what} inside`,
      class: 'injection',
      setup: (dir) =>
        writeFileSync(
          join(dir, 'regions.json'),
          json([{ ...region('kz-north', 'kazakhstan'), name: `Sich${char}uan` }]),
        ),
      argv: (dir) => ['data', 'check', dir],
      code: 1,
      stderr: [
        /name/,
        new RegExp(`invisible character U\\+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`),
      ],
    })),
    {
      name: 'data check on a share dated 0000-01',
      class: 'silent-number',
      setup: (dir) => writeFileSync(join(dir, 'hashrate-shares.json'), json([share('china', '0000-01', 10)])),
      argv: (dir) => ['data', 'check', dir],
      code: 1,
      stderr: [/month/, /1990 to 2100/],
    },
    {
      name: 'data import cbeci-mining-map with a label named "constructor"',
      class: 'message',
      setup: (dir) => writeFileSync(join(dir, 'map.csv'), miningMapSample('constructor')),
      argv: (dir) => ['data', 'import', 'cbeci-mining-map', join(dir, 'map.csv'), '--out', join(dir, 'out')],
      code: 1,
      stderr: [/constructor/, /--map/],
      check: ({ stderr }) => (/is required/.test(stderr) ? 'says "region is required"' : null),
    },
    {
      name: 'data import cbeci-mining-map with --map given twice for one label',
      class: 'silent-number',
      setup: (dir) => writeFileSync(join(dir, 'map.csv'), miningMapSample('Mainland China')),
      argv: (dir) => [
        'data',
        'import',
        'cbeci-mining-map',
        join(dir, 'map.csv'),
        '--out',
        join(dir, 'out'),
        '--map',
        'Other=other',
        '--map',
        'Other=russia',
      ],
      code: 2,
      stderr: [/"Other" is mapped twice/],
    },
    {
      name: 'data import coinmetrics with a hash rate of 1e40 TH/s on line 3',
      class: 'message',
      setup: (dir) => {
        const lines = coinMetricsSample().split('\n');
        const cells = lines[2].split(',');
        cells[1] = '1e40';
        lines[2] = cells.join(',');
        writeFileSync(join(dir, 'cm.csv'), lines.join('\n'));
      },
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'cm.csv'), '--out', join(dir, 'out')],
      code: 1,
      stderr: [/cm\.csv → line 3 → "/, /EH\/s/],
    },
    {
      name: 'data check on a directory whose network-inputs.csv is garbage',
      class: 'lost-data',
      setup: (dir) => writeFileSync(join(dir, 'network-inputs.csv'), 'garbage,,,\n\u0000\u0001\n'),
      argv: (dir) => ['data', 'check', dir],
      code: 1,
      stderr: [/network-inputs\.csv/],
    },
    ...['pdf', 'jpg', 'svgz'].map((extension) => ({
      name: `chart --out x.${extension}`,
      class: 'lost-data',
      argv: (dir) => ['chart', 'shares', '--region', 'china', '--out', join(dir, `x.${extension}`)],
      code: 2,
      stderr: [new RegExp(`not \\.${extension}`)],
    })),
    {
      name: 'network --method top-down --hashrate 600',
      class: 'silent-number',
      argv: () => [
        'network',
        '--method',
        'top-down',
        '--hashrate',
        '600',
        '--revenue-year',
        '10e9',
        '--electricity-share',
        '0.6',
      ],
      code: 2,
      stderr: [/--hashrate is for the bottom-up model/],
    },
    {
      name: 'data import coinmetrics of a file whose name holds a line break',
      class: 'message',
      setup: (dir) => writeFileSync(join(dir, 'a\nb.csv'), series(goodRows)),
      argv: (dir) => ['data', 'import', 'coinmetrics', join(dir, 'a\nb.csv'), '--out', join(dir, 'out')],
      code: 1,
      stderr: [/a\\u\{a\}b\.csv \(Coin Metrics/],
      check: ({ stderr }) =>
        stderr.split('\n').filter((line) => line.startsWith('b.csv')).length > 0
          ? 'the headline is broken in two by the name'
          : null,
    },
    {
      name: 'chart --out a symbolic link that leads nowhere, with --force',
      class: 'lost-data',
      setup: (dir) => symlinkSync(join(dir, 'nowhere.svg'), join(dir, 'c.svg')),
      argv: (dir) => ['chart', 'shares', '--region', 'china', '--out', join(dir, 'c.svg'), '--force'],
      code: 2,
      stderr: [/leads nowhere/i],
    },
  ];
}

/**
 * Whether a case needs a real process: its stdout is /dev/full or a pipe closed at once, it has a time limit (a
 * hang is stopped only by killing a process), or it runs as another user.
 */
export function needsProcess(testCase) {
  return testCase.stdoutTo !== undefined || testCase.timeoutMs !== undefined || testCase.unprivileged === true;
}

/**
 * Runs a case's command against the built binary (`npm run build` first), in a fresh temp dir set up for it.
 * `plainRunner(args, env)`, when given, runs the cases that need no real process ({@link needsProcess}).
 */
export async function runCase(testCase, plainRunner) {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  try {
    testCase.setup?.(dir);
    const args = testCase.argv(dir);
    const caseEnv = { NO_COLOR: '1', COLUMNS: '1000', ...testCase.env };
    if (testCase.unprivileged) chmodSync(dir, 0o755); // so that nobody can reach what the case set up
    if (plainRunner && !needsProcess(testCase)) {
      return await plainRunner(args, caseEnv);
    }
    const env = { ...process.env, FORCE_COLOR: undefined, DEBUG: undefined, ...caseEnv };
    const options = {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: testCase.timeoutMs ?? 20_000,
      maxBuffer: 64 * 1024 * 1024,
      ...(testCase.unprivileged ? PERMISSION_RUNNER?.options : {}),
    };
    let result;
    if (testCase.stdoutTo === 'full') {
      const fd = openSync('/dev/full', 'w');
      try {
        result = spawnSync(process.execPath, [BIN, ...args], { ...options, stdio: ['ignore', fd, 'pipe'] });
      } finally {
        closeSync(fd);
      }
    } else if (testCase.stdoutTo === 'both-closed') {
      const script = '"$0" "$@" 2>&1 | head -c 0; exit "${PIPESTATUS[0]}"';
      const codes = [];
      for (let run = 0; run < (testCase.repeat ?? 1); run++) {
        result = spawnSync('bash', ['-c', script, process.execPath, BIN, ...args], options);
        codes.push(result.error?.code === 'ETIMEDOUT' ? 'timeout' : result.status);
      }
      const distinct = [...new Set(codes)];
      return { code: distinct.length === 1 ? distinct[0] : `varies: ${codes.join(',')}`, stdout: '', stderr: '' };
    } else if (testCase.stdoutTo === 'closed') {
      const script = '"$0" "$@" | head -c 0; exit "${PIPESTATUS[0]}"';
      result = spawnSync('bash', ['-c', script, process.execPath, BIN, ...args], options);
    } else {
      const bin = testCase.unprivileged ? (PERMISSION_RUNNER?.bin ?? BIN) : BIN;
      result = spawnSync(process.execPath, [bin, ...args], options);
    }
    const timedOut = result.error?.code === 'ETIMEDOUT';
    return { code: timedOut ? 'timeout' : result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  } finally {
    testCase.cleanup?.(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What is wrong with a case's result, one line each; empty when it behaves as required. */
export function problemsOf(testCase, result) {
  const problems = [];
  if (result.code !== testCase.code) problems.push(`exit ${result.code}, expected ${testCase.code}`);
  if (testCase.code !== 0 && result.stdout !== '') problems.push('stdout is not empty on failure');
  if (/\n\s+at [^\n]*:\d+:\d+\)?$/m.test(result.stderr)) problems.push('stderr holds a stack trace');
  if (/error: unexpected /.test(result.stderr)) problems.push('stderr reports an unexpected error (a crash)');
  for (const pattern of testCase.stderr ?? [])
    if (!pattern.test(result.stderr)) problems.push(`stderr does not match ${pattern}`);
  for (const pattern of testCase.stdout ?? [])
    if (!pattern.test(result.stdout)) problems.push(`stdout does not match ${pattern}`);
  const extra = testCase.check?.(result);
  if (extra) problems.push(extra);
  return problems;
}
