#!/usr/bin/env node
// Runs the property-based fuzz suite (test/fuzz/) with many more runs than `npm test` does, on a new seed each
// time unless FUZZ_SEED is set. Prints the seed first; fast-check prints the seed and path of any failure. The
// suite covers the loaders, the daily series reader, the whole CLI (report and chart included), the importers,
// and the library's entry points on random options and hand-built data (docs/testing.md lists each property).
//   FUZZ_RUNS   runs per property (default 2000)
//   FUZZ_SEED   the seed (default: random)
//   FUZZ_PATH   with FUZZ_SEED: replay one failure at the path fast-check printed
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.FUZZ_RUNS ?? '2000';
console.log(`fuzz: seed ${seed}, ${runs} runs per property (replay with FUZZ_SEED=${seed})`);
const files = process.argv.length > 2 ? process.argv.slice(2) : ['test/fuzz'];
const result = spawnSync('npx', ['vitest', 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
process.exitCode = result.status ?? 1;
