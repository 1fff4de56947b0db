import type { Command } from '@commander-js/extra-typings';
import { catalogue } from '../../core/catalogue.js';
import { indexData } from '../../core/regions/lookup.js';
import type { RegionListing } from '../../format/text/lists.js';
import { datasetRecords } from '../../format/documents/records.js';
import { renderSourceList } from '../../format/text/sources.js';
import { addFormatOptions, examples, loadDataFor, widthOf, writeOutput } from '../options.js';
import { stdout } from '../streams.js';

export function registerRegions(program: Command): void {
  addFormatOptions(
    program.command('regions').description('The regions known to the data, with their parents, codes and coverage.'),
  )
    .addHelpText('after', examples(['mining-energy regions', 'mining-energy regions --json']))
    .action(async (options, cmd) => {
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const rows = data.regions.map((r): RegionListing => {
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
      await writeOutput(options, {
        document: rows,
        records: rows,
        table: async () => (await import('../../format/text/lists.js')).renderRegionList(rows, widthOf(stdout())),
      });
    });
}

export function registerSources(program: Command): void {
  addFormatOptions(program.command('sources').description('Every source the data cites, with its licence and address.'))
    .addHelpText('after', examples(['mining-energy sources', 'mining-energy sources --json']))
    .action(async (options, cmd) => {
      const data = await loadDataFor(cmd);
      await writeOutput(options, {
        document: data.sources,
        records: data.sources,
        table: () => renderSourceList(data.sources, widthOf(stdout())),
      });
    });
}

export function registerDatasets(program: Command): void {
  addFormatOptions(
    program
      .command('datasets')
      .description(
        'The network-energy series (bases for estimates), share datasets, structural breaks and country electricity lists (baselines), with coverage, evidence and definitions.',
      ),
  )
    .addHelpText('after', examples(['mining-energy datasets', 'mining-energy datasets --json']))
    .action(async (options, cmd) => {
      const result = catalogue(await loadDataFor(cmd));
      await writeOutput(options, {
        document: result,
        records: datasetRecords(result),
        table: async () => (await import('../../format/text/table.js')).renderCatalogueTable(result, widthOf(stdout())),
      });
    });
}
