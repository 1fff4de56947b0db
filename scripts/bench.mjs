#!/usr/bin/env node
// Start-up benchmark: each command against bare `node -e 0`, in alternating runs on the same machine,
// reporting medians and the ratio of medians (single timings on a shared machine mean little).
// Usage: node scripts/bench.mjs [runs=15]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 15);
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
  { name: 'estimate --region sichuan --json', args: [bin, 'estimate', '--region', 'sichuan', '--json'] },
  { name: 'estimate --region sichuan (table)', args: [bin, 'estimate', '--region', 'sichuan'] },
  {
    name: 'estimate --uncertainty 100000 --json',
    args: [bin, 'estimate', '--region', 'sichuan', '--uncertainty', '100000', '--seed', '7', '--json'],
  },
  { name: 'network --input (5,000 days) --json', args: [bin, 'network', '--input', seriesFile, '--json'] },
  {
    name: 'scenario --ban china --uncertainty 100000 --json',
    args: [bin, 'scenario', '--ban', 'china', '--year', '2021', '--uncertainty', '100000', '--seed', '7', '--json'],
  },
];
const baseline = { name: 'node -e 0', args: ['-e', '0'] };

function runOnce(args, probe = false) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, probe ? ['--import', RSS_PROBE, ...args] : args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
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
  // Memory in separate runs: the probe itself loads the ESM loader, which would blur the timings.
  const memory = Array.from({ length: 5 }, () => [
    runOnce(baseline.args, true).rssKb,
    runOnce(testCase.args, true).rssKb,
  ]);
  rows.push({
    command: testCase.name,
    runs,
    'node -e 0 median ms': baseMs.toFixed(1),
    'command median ms': ownMs.toFixed(1),
    ratio: (ownMs / baseMs).toFixed(2),
    'peak RSS MB (median)': (median(memory.map(([, own]) => own)) / 1024).toFixed(1),
    'node -e 0 RSS MB': (median(memory.map(([base]) => base)) / 1024).toFixed(1),
  });
}
console.table(rows);
process.stdout.write('Targets for estimate --json: ratio ≤ 1.3, peak RSS < 60 MB.\n');
