import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const restricted = async (filePath: string, from: string) => {
  const [result] = await eslint.lintText(`import { x } from '${from}';\nexport const y = x;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
};

describe('the layer rule in the lint config', () => {
  it.each([
    ['src/core/probe.ts', '../format/documents/csv.js'],
    ['src/core/probe.ts', '../cli/options.js'],
    ['src/data/probe.ts', '../core/estimate.js'],
    ['src/data/probe.ts', '../contract/estimate.js'],
    ['src/contract/probe.ts', '../core/common/caveats.js'],
    ['src/format/text/probe.ts', '../../cli/main.js'],
    ['src/import/probe.ts', '../format/documents/csv.js'],
    ['src/probe.ts', './core/estimate.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ['src/core/probe.ts', '../data/schemas.js'],
    ['src/core/probe.ts', '../contract/estimate.js'],
    ['src/import/probe.ts', '../core/regions/lookup.js'],
    ['src/cli/probe.ts', '../format/text/table.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });
});

describe('the direction between the concepts of the core', () => {
  it.each([
    ['src/core/common/probe.ts', '../regions/lookup.js'],
    ['src/core/regions/probe.ts', '../shares/shares.js'],
    ['src/core/shares/probe.ts', '../network/basis.js'],
    ['src/core/shares/probe.ts', '../carbon/carbon.js'],
    ['src/core/network/probe.ts', '../shares/shares.js'],
    ['src/core/carbon/probe.ts', '../scenario/scenario.js'],
    ['src/core/uncertainty/probe.ts', '../regions/lookup.js'],
    ['src/core/scenario/probe.ts', '../estimate.js'],
    ['src/core/carbon/probe.ts', '../../core/report.js'],
    ['src/core/shares/probe.ts', '../../cli/option-text.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ['src/core/shares/probe.ts', '../regions/lookup.js'],
    ['src/core/carbon/probe.ts', '../shares/share-tree.js'],
    ['src/core/scenario/probe.ts', '../carbon/layout.js'],
    ['src/core/network/probe.ts', './basis.js'],
    ['src/core/network/probe.ts', '../../data/schemas.js'],
    ['src/core/probe.ts', './scenario/scenario.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });

  it('covers every folder of src/core/: none may import a product', async () => {
    const folders = readdirSync(new URL('../src/core/', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) expect(await restricted(`src/core/${folder}/probe.ts`, '../estimate.js')).toBe(true);
  });
});

describe('the direction between the folders of src/format/', () => {
  it.each([
    ['src/format/terminal/probe.ts', '../text/table.js'],
    ['src/format/terminal/probe.ts', '../pictures/html.js'],
    ['src/format/text/probe.ts', '../pictures/charts.js'],
    ['src/format/text/probe.ts', '../documents/json.js'],
    ['src/format/documents/probe.ts', '../text/table.js'],
    ['src/format/pictures/probe.ts', '../text/table.js'],
    ['src/format/pictures/probe.ts', '../../format/documents/json.js'],
    ['src/format/pictures/probe.ts', '../../cli/main.js'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ['src/format/text/probe.ts', '../terminal/width.js'],
    ['src/format/pictures/probe.ts', '../terminal/numbers.js'],
    ['src/format/pictures/probe.ts', './charts.js'],
    ['src/format/documents/probe.ts', '../../core/estimate.js'],
    ['src/format/text/probe.ts', '../../text.js'],
    ['src/format/terminal/probe.ts', '../../data/numbers.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });

  it('covers every folder of src/format/: none may import a folder it does not build on', async () => {
    const folders = readdirSync(new URL('../src/format/', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(3);
    for (const folder of folders) {
      expect(await restricted(`src/format/${folder}/probe.ts`, '../no-such-folder/probe.js')).toBe(true);
    }
  });

  it('keeps every module of src/format/ in a folder', () => {
    const entries = readdirSync(new URL('../src/format/', import.meta.url), { withFileTypes: true });
    expect(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual([]);
  });
});
