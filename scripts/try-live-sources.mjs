#!/usr/bin/env node
// Runs `data update` against the real live sources, by hand: the tests never reach them (they replay recorded
// responses from a local server), so this is how a maintainer sees that the sources still answer in the formats
// the tool expects. It writes into a new temporary directory (never your own data directory), prints the summary
// and `data status` of what it got, and exits with the update's exit code. Build first (`npm run build`).
//
//   node scripts/try-live-sources.mjs [source…] [--keep]
//
// --keep leaves the temporary directory for a look; the base URL variables (MINING_ENERGY_COINMETRICS_URL…) are
// cleared so that the real services are asked, and proxies from the environment are used.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/mining-energy.js', import.meta.url));
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const sources = args.filter((arg) => arg !== '--keep');
const dir = mkdtempSync(join(tmpdir(), 'mining-energy-live-'));
const env = { ...process.env, MINING_ENERGY_NO_USER_DATA: '1' };
for (const name of ['COINMETRICS', 'CBECI', 'EMBER', 'OWID']) delete env[`MINING_ENERGY_${name}_URL`];
for (const name of ['MINING_ENERGY_RETRY_BASE_MS', 'MINING_ENERGY_TIMEOUT_MS', 'MINING_ENERGY_LOCK_WAIT_MS'])
  delete env[name];

const run = (command) => {
  process.stdout.write(`$ mining-energy ${command.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [bin, ...command], { env, stdio: 'inherit' });
  process.stdout.write(`(exit ${result.status}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n\n`);
  return result.status ?? 1;
};
const code = run(['data', 'update', ...sources, '--dir', dir, '--json']);
run(['data', 'status', '--dir', dir]);
const asked = sources.length === 0 ? ['coinmetrics', 'cbeci', 'ember', 'owid'] : sources;
if (code === 0 && asked.includes('coinmetrics'))
  run(['--data', dir, 'network', '--input', '--format', 'csv', '--from', '2025-01-01', '--to', '2025-01-03']);
for (const baseline of ['ember', 'owid'].filter((name) => asked.includes(name))) {
  if (code === 0) run(['--data', dir, 'compare', '1000', '--baseline', `${baseline}-latest`, '--around', '2']);
}
if (keep) process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
process.exit(code);
