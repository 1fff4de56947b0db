import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';

/** Node's own modules and the files a run loaded, listed on stderr as it exits (a CommonJS preload: no ES loader). */
function loadedBy(args: readonly string[]): string[] {
  const probe = join(mkdtempSync(join(tmpdir(), 'mining-energy-modules-')), 'probe.cjs');
  writeFileSync(
    probe,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nloaded:' + JSON.stringify([...process.moduleLoadList, ...Object.keys(require.cache)]) + '\\n'));",
  );
  const result = spawnSync(process.execPath, ['-r', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return JSON.parse(/loaded:(.*)/.exec(result.stderr)?.[1] ?? '[]') as string[];
}

describe('what a run loads at start-up', () => {
  // Each of these costs milliseconds on every run when a module the commands share requires it at load time.
  const HEAVY = [/\bcrypto\b/, /\bvega/, /\bzod\b/, /internal\/streams\/writable/, /\bnode:net\b|NativeModule net\b/];

  it.each([
    ['estimate --region sichuan --json', ['estimate', '--region', 'sichuan', '--json']],
    ['--help', ['--help']],
  ])('%s loads no crypto, Vega, zod, nor Node’s stream modules', (_, args) => {
    const loaded = loadedBy(args);
    expect(loaded.length).toBeGreaterThan(10);
    for (const pattern of HEAVY) expect(loaded.filter((name) => pattern.test(name))).toEqual([]);
  });
});
