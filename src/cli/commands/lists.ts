import type { Command } from 'commander';
import { coverageOf, describeCoverage, yearsCovered } from '../../core/basis.js';
import { weakestEvidence } from '../../core/evidence.js';
import { indexData } from '../../core/lookup.js';
import { renderJson } from '../../format/json.js';
import { addFormatOptions, chosenFormat, examples, loadDataFor } from '../options.js';

interface FormatOptions {
  format?: string;
  json?: boolean;
}

const span = (items: readonly (string | number)[]) =>
  items.length === 0 ? '' : items.length === 1 ? String(items[0]) : `${items[0]}..${items.at(-1)}`;

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
      const { table } = await import('../../format/table.js');
      process.stdout.write(
        table(
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
      process.stdout.write(lines.join('\n'));
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
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const series = data.networkEnergy.map((s) => ({
        id: s.id,
        scope: s.scope,
        kind: s.kind,
        years: [...new Set(s.values.flatMap(yearsCovered))].sort((a, b) => a - b),
        coverage: describeCoverage(s),
        values: s.values.map((v) => ({
          year: v.year,
          twh: v.twh,
          coverage: coverageOf(v),
          ...(v.toYear === undefined ? {} : { toYear: v.toYear }),
          evidence: v.evidence,
        })),
        bounds: s.values.some((v) => v.lowerTwh !== undefined || v.upperTwh !== undefined),
        evidence: weakestEvidence(s.values.map((v) => v.evidence)),
        source: s.source,
        note: s.note ?? null,
      }));
      const shareDatasets = [...index.shareDatasets].map(([id, byRegion]) => {
        const records = [...byRegion.values()].flat();
        return {
          id,
          regions: [...byRegion.keys()],
          months: [...new Set(records.map((r) => r.month))].sort(),
          evidence: weakestEvidence(records.map((r) => r.evidence)),
          sources: [...new Set(records.map((r) => r.source))],
        };
      });
      const events = data.events.map((e) => ({
        id: e.id,
        month: e.month,
        title: e.title,
        regions: e.regions,
        evidence: e.evidence,
        approximate: e.approximate === true,
        source: e.source,
        note: e.note ?? null,
      }));
      const baselines = data.baselines.map((b) => ({
        id: b.id,
        name: b.name,
        measure: b.measure,
        year: b.year,
        countries: b.values.length,
        evidence: b.evidence,
        source: b.source,
        note: b.note ?? null,
      }));
      if (chosenFormat(options) === 'json') {
        process.stdout.write(renderJson({ series, shareDatasets, events, baselines }));
        return;
      }
      const { table } = await import('../../format/table.js');
      const datasetsBlock =
        shareDatasets.length === 0
          ? ''
          : `\nShare datasets (used only when asked for: estimate --share-dataset, shares --dataset)\n${table(
              ['Id', 'Months', 'Regions', 'Evidence', 'Source'],
              shareDatasets.map((d) => [
                d.id,
                span(d.months),
                String(d.regions.length),
                d.evidence,
                d.sources.join(', '),
              ]),
            )}`;
      const eventsBlock =
        events.length === 0
          ? ''
          : `\nStructural breaks (shares recorded before them are flagged when applied after them)\n${table(
              ['Id', 'Month', 'Regions', 'Evidence', 'Title'],
              events.map((e) => [
                e.id,
                `${e.approximate ? '≈' : ''}${e.month}`,
                e.regions.join(', '),
                e.evidence,
                e.title,
              ]),
            )}`;
      process.stdout.write(
        `Network-energy series (measured ones in order of preference; a projection only with --series)\n${table(
          ['Id', 'Scope', 'Kind', 'Years', 'Bounds', 'Evidence', 'Source'],
          series.map((s) => [s.id, s.scope, s.kind, s.coverage, s.bounds ? 'yes' : 'no', s.evidence, s.source]),
        )}${datasetsBlock}${eventsBlock}\nCountry electricity baselines (the first is the default)\n${table(
          ['Id', 'Measure', 'Year', 'Countries', 'Evidence', 'Source', 'Name'],
          baselines.map((b) => [b.id, b.measure, String(b.year), String(b.countries), b.evidence, b.source, b.name]),
        )}`,
      );
    });
}
