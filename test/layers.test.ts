import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const restricted = async (filePath: string, from: string) => {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
};

describe('the layer rule in the lint config', () => {
  it.each([
    ['src/core/probe.ts', '../format/csv.js'],
    ['src/core/probe.ts', '../cli/options.js'],
    ['src/data/probe.ts', '../core/estimate.js'],
    ['src/data/probe.ts', '../contract/estimate.js'],
    ['src/contract/probe.ts', '../core/caveats.js'],
    ['src/format/probe.ts', '../cli/main.js'],
    ['src/import/probe.ts', '../format/csv.js'],
    ['src/probe.ts', './core/estimate.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ['src/core/probe.ts', '../data/schemas.js'],
    ['src/core/probe.ts', '../contract/estimate.js'],
    ['src/import/probe.ts', '../core/lookup.js'],
    ['src/cli/probe.ts', '../format/table.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });
});
