#!/usr/bin/env node
// Start-up benchmark: each command against bare `node -e 0`, in alternating runs on the same machine,
// reporting medians and the ratio of medians (single timings on a shared machine mean little).
// Usage: node scripts/bench.mjs [runs=15] [--cbeci <checkout>] [--no-scale] [--no-update]   (build first: npm run build)
// The update row times `data update coinmetrics ember` from nothing against a local server (about 5,900 days of
// Coin Metrics in pages, a 16 MB Ember file; made by scripts/update-bench-data.mjs), and in one process (under tsx)
// the parse and the validation alone; --no-update leaves it out.
// The scale rows (large inputs made here: Monte Carlo, a 33,600-day series with 10,000 machines, 200,000 user
// regions, and the fitted exponent of time against size) take a few minutes; --no-scale leaves them out.
// With --cbeci and a checkout of CambridgeAltFin/ccaf_cbeci_api (its root or its api folder), a peer row times CBECI's
// own service code (scripts/cbeci-time.py, under $PYTHON or python3, which needs pandas and python-dateutil) against
// `network --input` on the same 5,000-day series, and checks that the two agree.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUserRegions } from './synthetic-data.mjs';
import { coinMetricsDays, emberFile, startBenchServer } from './update-bench-data.mjs';

const cbeciAt = process.argv.indexOf('--cbeci');
const cbeciCheckout = cbeciAt === -1 ? undefined : process.argv[cbeciAt + 1];
if (cbeciAt !== -1 && cbeciCheckout === undefined) {
  process.stderr.write('bench: --cbeci needs the path of a checkout of CambridgeAltFin/ccaf_cbeci_api.\n');
  process.exit(2);
}
const scale = !process.argv.includes('--no-scale');
const update = !process.argv.includes('--no-update');
const positional = process.argv
  .slice(2)
  .filter((arg, i) => i + 2 !== cbeciAt && i + 2 !== cbeciAt + 1 && arg !== '--no-scale' && arg !== '--no-update');
const runs = Number(positional[0] ?? 15);
// Checked before the other rows run, so that a wrong path fails at once.
const cbeciApi = cbeciCheckout === undefined ? undefined : cbeciApiFolder(cbeciCheckout);
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/mining-energy.js', import.meta.url));
if (!existsSync(new URL('../dist/cli.cjs', import.meta.url))) {
  process.stderr.write('bench: dist/ is missing; run `npm run build` first.\n');
  process.exit(1);
}

// Reports the process's own peak resident set size (kB) on stderr as it exits.
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss-kb:'+process.resourceUsage().maxRSS+'\\n'))`;

// A 5,000-day input series for `network --input` (synthetic growth in hashrate and revenue, from mid-2010).
const seriesFile = join(mkdtempSync(join(tmpdir(), 'mining-energy-bench-')), 'series.csv');
const firstDayMs = Date.UTC(2010, 6, 18);
const seriesRows = Array.from({ length: 5_000 }, (_, i) => {
  const date = new Date(firstDayMs + i * 86_400_000).toISOString().slice(0, 10);
  return `${date},${(1e-5 * 1.0035 ** i).toPrecision(6)},${(5e4 * 1.0021 ** i).toPrecision(6)}`;
});
writeFileSync(seriesFile, `date,hashrateEhs,revenueUsd\n${seriesRows.join('\n')}\n`);

const cases = [
  {
    name: 'estimate --region sichuan --json',
    args: [bin, 'estimate', '--region', 'sichuan', '--json'],
    maxRatio: 1.15,
    maxRssMb: 50,
  },
  { name: 'estimate --region sichuan (table)', args: [bin, 'estimate', '--region', 'sichuan'], maxRatio: 1.35 },
  { name: '--help', args: [bin, '--help'], maxRatio: 1.2 },
  {
    name: 'estimate --uncertainty 100000 --json',
    args: [bin, 'estimate', '--region', 'sichuan', '--uncertainty', '100000', '--seed', '7', '--json'],
  },
  { name: 'network --input (5,000 days) --json', args: [bin, 'network', '--input', seriesFile, '--json'] },
  // report and chart load Vega: their cost is theirs alone (the rows above are the other commands' start-up).
  { name: 'chart shares --region sichuan (SVG)', args: [bin, 'chart', 'shares', '--region', 'sichuan'] },
  {
    name: 'scenario --ban china --uncertainty 100000 --json',
    args: [bin, 'scenario', '--ban', 'china', '--year', '2021', '--uncertainty', '100000', '--seed', '7', '--json'],
  },
];
const baseline = { name: 'node -e 0', args: ['-e', '0'] };

function runOnce(args, probe = false, command = process.execPath, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, probe ? ['--import', RSS_PROBE, ...args] : args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const rssKb = probe ? Number(/maxrss-kb:(\d+)/.exec(result.stderr)?.[1] ?? Number.NaN) : Number.NaN;
  return { ms, rssKb };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const rows = [];
for (const testCase of cases) {
  for (let i = 0; i < 2; i++) {
    runOnce(baseline.args);
    runOnce(testCase.args);
  }
  const base = [];
  const own = [];
  for (let i = 0; i < runs; i++) {
    base.push(runOnce(baseline.args));
    own.push(runOnce(testCase.args));
  }
  const baseMs = median(base.map((r) => r.ms));
  const ownMs = median(own.map((r) => r.ms));
  const ratio = ownMs / baseMs;
  // Memory in separate runs: the probe itself loads the ESM loader, which would blur the timings.
  const memory = Array.from({ length: 5 }, () => [
    runOnce(baseline.args, true).rssKb,
    runOnce(testCase.args, true).rssKb,
  ]);
  const rssMb = median(memory.map(([, own]) => own)) / 1024;
  const met = (testCase.maxRatio === undefined || ratio <= testCase.maxRatio) && !(rssMb >= testCase.maxRssMb);
  rows.push({
    command: testCase.name,
    runs,
    'node -e 0 median ms': baseMs.toFixed(1),
    'command median ms': ownMs.toFixed(1),
    ratio: ratio.toFixed(2),
    'peak RSS MB (median)': rssMb.toFixed(1),
    'node -e 0 RSS MB': (median(memory.map(([base]) => base)) / 1024).toFixed(1),
    target:
      testCase.maxRatio === undefined
        ? ''
        : `≤ ${testCase.maxRatio}${testCase.maxRssMb ? `, < ${testCase.maxRssMb} MB` : ''}: ${met ? 'met' : 'not met'}`,
  });
}
console.table(rows);
process.stdout.write(
  [
    `Load average (1, 5, 15 min): ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')} on ${availableParallelism()} cores.`,
    'Targets (ratios are of medians, against `node -e 0`):',
    '  1. estimate --region sichuan --json ≤ 1.15 and peak RSS < 50 MB; the table ≤ 1.35; --help ≤ 1.2',
    "  2. network --input over 5,000 days ≥ 6× faster than CBECI's own code, equal within 1e-12 relative",
    '  3. streamed output: 33,600 days × 10,000 machines < 120 MB; 200,000 regions as ndjson < 800 MB',
    '  4. one region with 100,000 user regions loaded ≤ 2× loading that data alone',
    '  5. estimate --uncertainty 1e7 ≤ 1 s; scenario --uncertainty 1e6 ≤ 1 s and < 100 MB',
    '  6. the package under 1.40 MB unpacked apart from data (test/package.test.ts)',
    '',
  ].join('\n'),
);
if (update) await updateRows();
else process.stdout.write('Update row skipped (--no-update).\n');
if (scale) scaleRows();
else process.stdout.write('Scale rows skipped (--no-scale).\n');
if (cbeciCheckout === undefined) {
  process.stdout.write(
    "Peer row (CBECI's own code on the 5,000-day reference series) skipped: give a checkout of CambridgeAltFin/ccaf_cbeci_api with `npm run bench -- --cbeci <path>` (needs Python 3.9+ with pandas and python-dateutil; $PYTHON picks the interpreter).\n",
  );
} else {
  await cbeciPeerRow(cbeciApi);
}

/** A whole run's wall time and peak RSS, its stdout thrown away (a large output is not held here). */
function runLarge(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', RSS_PROBE, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return { ms, rssMb: Number(/maxrss-kb:(\d+)/.exec(result.stderr)?.[1] ?? Number.NaN) / 1024 };
}

/** Medians of a few large runs. */
function measureLarge(args, times) {
  const results = Array.from({ length: times }, () => runLarge(args));
  return { ms: median(results.map((r) => r.ms)), rssMb: median(results.map((r) => r.rssMb)) };
}

/** A daily input series of `days` days from 2009-01-03 and a hardware list of `machines` machines, in `dir`. */
function writeSeriesInputs(dir, days, machines) {
  const first = Date.UTC(2009, 0, 3);
  const day = (i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10);
  const rows = Array.from(
    { length: days },
    (_, i) => `${day(i)},${(1e-9 * Math.exp(i / 2000)).toPrecision(7)},${(1000 + ((i * 37) % 90_000)).toFixed(3)}`,
  );
  const series = join(dir, `series-${days}.csv`);
  writeFileSync(series, `date,hashrateEhs,revenueUsd\n${rows.join('\n')}\n`);
  const hardware = join(dir, `hardware-${machines}.json`);
  const list = Array.from({ length: machines }, (_, i) => ({
    model: `Model ${i}`,
    released: day(Math.floor((i * days) / machines)),
    jPerTh: Math.max(1, 1e8 * Math.exp(-i / (machines / 18))),
    source: 'cbeci-hardware-2020',
    evidence: 'primary',
  }));
  writeFileSync(hardware, JSON.stringify(list));
  return { series, hardware };
}

/** The slope of log(time) against log(size): 1 for linear. */
function fittedExponent(points) {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.ms));
  const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const [mx, my] = [mean(xs), mean(ys)];
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * ((ys[i] ?? 0) - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return covariance / variance;
}

/** Targets 3 to 5 at their sizes, and how time grows with size. */
function scaleRows() {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-bench-scale-'));
  const rows = [];
  const row = (name, result, target, met) =>
    rows.push({
      command: name,
      'median s': (result.ms / 1000).toFixed(2),
      'peak RSS MB': result.rssMb.toFixed(0),
      target: target === '' ? '' : `${target}: ${met ? 'met' : 'not met'}`,
    });
  const monteCarlo = measureLarge(
    [bin, 'estimate', '--region', 'sichuan', '--uncertainty', '10000000', '--seed', '7', '--json'],
    3,
  );
  row('estimate --uncertainty 10,000,000', monteCarlo, '≤ 1 s', monteCarlo.ms <= 1000);
  const scenario = measureLarge(
    [bin, 'scenario', '--ban', 'china', '--year', '2021', '--uncertainty', '1000000', '--seed', '7', '--json'],
    3,
  );
  row('scenario --uncertainty 1,000,000', scenario, '≤ 1 s, < 100 MB', scenario.ms <= 1000 && scenario.rssMb < 100);

  const days = [8_400, 16_800, 33_600];
  const networkTimes = [];
  for (const count of days) {
    const { series, hardware } = writeSeriesInputs(dir, count, 10_000);
    for (const format of count === 33_600 ? ['ndjson', 'json', 'csv'] : ['ndjson']) {
      const result = measureLarge([bin, 'network', '--input', series, '--hardware', hardware, '--format', format], 3);
      if (format === 'ndjson') networkTimes.push({ size: count, ms: result.ms });
      if (count === 33_600) {
        row(`network --input, 33,600 days × 10,000 machines, ${format}`, result, '< 120 MB', result.rssMb < 120);
      }
    }
  }

  const regionCounts = [50_000, 100_000, 200_000];
  const estimateTimes = [];
  for (const count of regionCounts) {
    const data = writeUserRegions(join(dir, `regions-${count}`), count);
    const result = measureLarge([bin, '--data', data, 'estimate', '--all', '--format', 'ndjson'], 1);
    estimateTimes.push({ size: count, ms: result.ms });
    if (count === 200_000)
      row('estimate --all --format ndjson, 200,000 user regions', result, '< 800 MB', result.rssMb < 800);
    if (count === 100_000) {
      const one = measureLarge([bin, '--data', data, 'estimate', '--region', 'sichuan', '--json'], 3);
      const load = measureLarge([bin, 'data', 'check', data], 3);
      row('estimate --region sichuan, 100,000 user regions loaded', one, '', true);
      row('data check (loading those 100,000 regions alone)', load, '', true);
      rows.push({
        command: 'ratio: one estimate / loading alone',
        'median s': (one.ms / load.ms).toFixed(2),
        'peak RSS MB': '',
        target: `≤ 2: ${one.ms / load.ms <= 2 ? 'met' : 'not met'}`,
      });
    }
  }
  console.table(rows);
  process.stdout.write(
    `Fitted exponent of time against size (1 = linear): network --input over ${days.join(', ')} days ${fittedExponent(networkTimes).toFixed(2)}; estimate --all over ${regionCounts.join(', ')} regions ${fittedExponent(estimateTimes).toFixed(2)}.\n`,
  );
}

/** The `api` folder of a checkout of CBECI's repository, given the checkout or that folder. */
function cbeciApiFolder(checkout) {
  const api = existsSync(join(checkout, 'api', 'components')) ? join(checkout, 'api') : checkout;
  if (!existsSync(join(api, 'components', 'energy_consumption'))) {
    process.stderr.write(
      `bench: ${checkout} is not a checkout of CambridgeAltFin/ccaf_cbeci_api (it has no api/components/energy_consumption; for a bare clone, extract its files first: git --git-dir=<clone> archive HEAD | tar -x -C <folder>).\n`,
    );
    process.exit(2);
  }
  return api;
}

/**
 * CBECI's service code against `network --input --weighting mean --average 7` (CBECI's method) on the reference
 * series of test/fixtures/cbeci, both timed as whole processes (interpreter start-up included), in alternating runs;
 * then, untimed, the largest relative difference between CBECI's results and the library's on that series.
 */
async function cbeciPeerRow(api) {
  const python = process.env.PYTHON ?? 'python3';
  const fixtures = join(root, 'test', 'fixtures', 'cbeci');
  const hardware = join(fixtures, 'hardware.json');
  // The reference series' inputs: its first three columns (the rest are CBECI's 10-digit results).
  const input = join(mkdtempSync(join(tmpdir(), 'mining-energy-bench-')), 'cbeci-inputs.csv');
  const lines = readFileSync(join(fixtures, 'series.csv'), 'utf8').trim().split('\n');
  writeFileSync(input, `${lines.map((line) => line.split(',').slice(0, 3).join(',')).join('\n')}\n`);
  const cbeci = [join(root, 'scripts', 'cbeci-time.py'), api, input, hardware];
  const ours = [
    bin,
    'network',
    '--input',
    input,
    '--hardware',
    hardware,
    '--weighting',
    'mean',
    '--average',
    '7',
    '--json',
  ];
  const printed = spawnSync(python, [...cbeci, '--print'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (printed.status !== 0) {
    process.stderr.write(
      `bench: CBECI's code did not run under ${python} (set PYTHON to one with pandas and python-dateutil):\n${printed.stderr}`,
    );
    process.exit(1);
  }
  const worst = await worstRelativeDifference(JSON.parse(printed.stdout), input, hardware);
  for (let i = 0; i < 2; i++) {
    runOnce(cbeci, false, python);
    runOnce(ours);
  }
  const theirs = [];
  const own = [];
  for (let i = 0; i < runs; i++) {
    theirs.push(runOnce(cbeci, false, python).ms);
    own.push(runOnce(ours).ms);
  }
  const theirsMs = median(theirs);
  const ownMs = median(own);
  console.table([
    {
      'peer (whole processes, interpreter start-up included)':
        "CBECI's service (Python) vs network --input --weighting mean --average 7 --json (Node), 5,000 days",
      runs,
      'CBECI median ms': theirsMs.toFixed(1),
      'ours median ms': ownMs.toFixed(1),
      'ratio (CBECI / ours)': (theirsMs / ownMs).toFixed(2),
      'largest relative difference': worst.toExponential(1),
    },
  ]);
  process.stdout.write("Targets for the peer row: ratio ≥ 6, results within 1e-12 of CBECI's (relative).\n");
}

/** The largest relative difference between CBECI's printed results and the library's, over every day and bound. */
async function worstRelativeDifference(cbeciDays, input, hardwarePath) {
  const library = await import(new URL('../dist/lib/index.js', import.meta.url).href);
  const rows = readFileSync(input, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [date, hashrateEhs, revenueUsd] = line.split(',');
      return { date, hashrateEhs: Number(hashrateEhs), revenueUsd: Number(revenueUsd) };
    });
  const { results } = library.networkSeries(rows, {
    priceUsdPerKwh: 0.05,
    smoothDays: 14,
    averageDays: 7,
    weighting: 'mean',
    overheads: library.CBECI_OVERHEADS,
    hardware: JSON.parse(readFileSync(hardwarePath, 'utf8')),
  });
  let worst = 0;
  cbeciDays.forEach(([date, ...theirs], i) => {
    const r = results[i];
    if (r?.date !== date) throw new Error(`day ${i}: CBECI has ${date}, the library ${r?.date}`);
    const ours = [r.power.lowerGw, r.power.gw, r.power.upperGw, r.energy.lowerTwh, r.energy.twh, r.energy.upperTwh];
    ours.forEach((value, k) => {
      const expected = theirs[k];
      if (value !== expected) worst = Math.max(worst, Math.abs(value - expected) / Math.abs(expected));
    });
  });
  return worst;
}

/** A run of the CLI that lets this process's local server answer meanwhile: wall time, and the exit code checked. */
function runAsync(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/**
 * `data update coinmetrics ember` from nothing (a new directory each run) against a local server: about 5,900
 * days of Coin Metrics from the first day (--from 2010-07-18, pages of 2,000 days) and a 16 MB Ember file; then,
 * in one process, the parse of the same responses and the validation of the directory written.
 */
async function updateRows() {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-bench-update-'));
  const days = coinMetricsDays(join(root, 'data', 'network-inputs.csv'));
  const codes = JSON.parse(readFileSync(join(root, 'data', 'regions.json'), 'utf8'))
    .map((region) => region.iso)
    .filter((iso) => /^[A-Z]{3}$/.test(iso ?? ''));
  const ember = emberFile(codes);
  const server = await startBenchServer(days, ember);
  const env = { MINING_ENERGY_COINMETRICS_URL: server.origin, MINING_ENERGY_EMBER_URL: server.origin };
  const responses = join(dir, 'responses');
  mkdirSync(responses);
  writeFileSync(join(responses, 'ember.csv'), ember);
  let next = `${server.origin}/v4/timeseries/asset-metrics?start_time=2010-07-18&page_size=10000`;
  for (let page = 0; next !== undefined; page++) {
    const text = await (await globalThis.fetch(next)).text();
    writeFileSync(join(responses, `coinmetrics-${page}.json`), text);
    next = JSON.parse(text).next_page_url;
  }
  const args = (out) => [bin, 'data', 'update', 'coinmetrics', 'ember', '--from', '2010-07-18', '--dir', out];
  await runAsync(args(join(dir, 'warm')), env);
  // A user data directory as an update leaves it, for the start-up row below.
  const home = join(dir, 'home');
  await runAsync(args(join(home, 'mining-energy')), env);
  const times = [];
  let last = '';
  for (let i = 0; i < 5; i++) {
    last = join(dir, `run-${i}`);
    times.push(await runAsync(args(last), env));
  }
  await server.close();
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const timed = spawnSync(tsx, [join(root, 'scripts', 'update-parse-time.mjs'), responses, last, '5'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (timed.status !== 0) throw new Error(`update-parse-time exited ${timed.status}: ${timed.stderr}`);
  const parts = JSON.parse(timed.stdout);
  console.table([
    {
      step: `data update coinmetrics ember, from nothing (${parts.days} days, ${(parts.emberBytes / 1e6).toFixed(1)} MB Ember file)`,
      'median ms': median(times).toFixed(0),
    },
    {
      step: `  parse: Coin Metrics' pages (${parts.days} days, checked)`,
      'median ms': parts.coinMetricsParseMs.toFixed(1),
    },
    {
      step: `  parse: Ember's file (${parts.emberRows} rows kept, checked)`,
      'median ms': parts.emberParseMs.toFixed(1),
    },
    { step: '  validation: network-inputs.csv read back', 'median ms': parts.inputsCheckMs.toFixed(1) },
    { step: '  validation: the directory merged over the shipped data', 'median ms': parts.validateMs.toFixed(1) },
  ]);
  startupWithUserData(home);
}

/**
 * `estimate --region sichuan --json` with that user data directory merged, against `node -e 0` in alternating
 * runs: the first run validates the directory and keeps its snapshot and its computed series, as any first run
 * after an update does; the runs timed use them.
 */
function startupWithUserData(home) {
  const env = { XDG_DATA_HOME: home };
  const args = [bin, 'estimate', '--region', 'sichuan', '--json'];
  // A run trusts the state of files changed at least 2 s before it looked (src/data/file-stamp.ts): the first runs
  // wait until then, as a run a few seconds after an update would find the directory.
  const changedMs = Math.max(
    ...readdirSync(join(home, 'mining-energy')).map((name) => statSync(join(home, 'mining-energy', name)).ctimeMs),
  );
  const settle = changedMs + 2_100 - Date.now();
  if (settle > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, settle);
  for (let i = 0; i < 2; i++) {
    runOnce(baseline.args);
    runOnce(args, false, process.execPath, env);
  }
  const base = [];
  const own = [];
  for (let i = 0; i < runs; i++) {
    base.push(runOnce(baseline.args).ms);
    own.push(runOnce(args, false, process.execPath, env).ms);
  }
  const ratio = median(own) / median(base);
  console.table([
    {
      command: 'estimate --region sichuan --json, user data directory after that update',
      runs,
      'node -e 0 median ms': median(base).toFixed(1),
      'command median ms': median(own).toFixed(1),
      ratio: ratio.toFixed(2),
      target: `≤ 1.3: ${ratio <= 1.3 ? 'met' : 'not met'}`,
    },
  ]);
}
