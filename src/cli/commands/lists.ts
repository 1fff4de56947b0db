import type { Command } from 'commander';
import { catalogue } from '../../core/catalogue.js';
import { indexData } from '../../core/lookup.js';
import { renderJson } from '../../format/json.js';
import { span } from '../../format/numbers.js';
import { wrapText } from '../../format/width.js';
import { addFormatOptions, chosenFormat, examples, loadDataFor, widthOf } from '../options.js';

interface FormatOptions {
  format?: string;
  json?: boolean;
}

export function registerRegions(program: Command): void {
  const command = program
    .command('regions')
    .description('The regions known to the data, with their parents, codes and coverage.');
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText('after', examples(['mining-energy regions', 'mining-energy regions --json']))
    .action(async (options: FormatOptions, cmd: Command) => {
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const rows = data.regions.map((r) => {
        const months = (index.sharesByRegion.get(r.id) ?? []).map((s) => s.month).sort();
        const years = (index.carbonByRegion.get(r.id) ?? []).map((c) => c.year).sort((a, b) => a - b);
        return {
          id: r.id,
          name: r.name,
          kind: r.kind,
          parent: r.parent,
          iso: r.iso ?? null,
          aliases: r.aliases ?? [],
          shareMonths: months,
          carbonYears: years,
          note: r.note ?? null,
        };
      });
      if (chosenFormat(options) === 'json') {
        process.stdout.write(renderJson(rows));
        return;
      }
      const { tableOrRecords } = await import('../../format/table.js');
      process.stdout.write(
        tableOrRecords(
          ['Id', 'Name', 'Kind', 'Parent', 'ISO', 'Share months', 'Carbon years'],
          rows.map((r) => [
            r.id,
            r.name,
            r.kind,
            r.parent ?? '',
            r.iso ?? '',
            `${span(r.shareMonths)}${r.shareMonths.length > 1 ? ` (${r.shareMonths.length})` : ''}`,
            span(r.carbonYears),
          ]),
          [],
          widthOf(process.stdout),
        ),
      );
    });
}

export function registerSources(program: Command): void {
  const command = program.command('sources').description('Every source the data cites, with its licence and address.');
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText('after', examples(['mining-energy sources', 'mining-energy sources --json']))
    .action(async (options: FormatOptions, cmd: Command) => {
      const data = await loadDataFor(cmd);
      if (chosenFormat(options) === 'json') {
        process.stdout.write(renderJson(data.sources));
        return;
      }
      const lines = data.sources.map(
        (s) =>
          `${s.id} (${s.evidence === 'secondhand' ? `secondhand, reported by ${s.reportedBy}` : s.evidence})${s.reportedBy && s.evidence !== 'secondhand' ? `\n  secondhand figures in it: reported by ${s.reportedBy}` : ''}\n  ${s.title}${s.publisher ? `\n  ${s.publisher}` : ''}${s.url ? `\n  ${s.url}` : ''}\n  licence: ${s.licence ?? 'not stated'}${s.note ? `\n  ${s.note}` : ''}\n`,
      );
      const width = widthOf(process.stdout);
      process.stdout.write(lines.map((block) => wrapText(block, width)).join('\n'));
    });
}

export function registerDatasets(program: Command): void {
  const command = program
    .command('datasets')
    .description(
      'The network-energy series (bases for estimates), share datasets, structural breaks and country electricity lists (baselines), with coverage, evidence and definitions.',
    );
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText('after', examples(['mining-energy datasets', 'mining-energy datasets --json']))
    .action(async (options: FormatOptions, cmd: Command) => {
      const result = catalogue(await loadDataFor(cmd));
      if (chosenFormat(options) === 'json') {
        process.stdout.write(renderJson(result));
        return;
      }
      const { renderCatalogueTable } = await import('../../format/table.js');
      process.stdout.write(renderCatalogueTable(result, widthOf(process.stdout)));
    });
}
