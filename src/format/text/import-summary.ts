import type { ImportSummary, WrittenFile } from '../../import/import-data.js';
import { escapePath } from '../../text.js';
import { wrapText } from '../terminal/width.js';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What an import wrote, for people: one sentence, then what became of earlier records and of the shipped ones. */
export function renderImportSummary(summary: ImportSummary, widthColumns: number): string {
  const [data] = summary.written;
  const lines = [
    `wrote ${describeRecords(summary)} to ${escapePath(String(data?.file))} and source ${summary.source.id} to ${escapePath(summary.source.file)}`,
  ];
  if (data && (data.replaced > 0 || data.kept > 0)) lines.push(describeMerge(data));
  const sources = summary.written[1];
  if (sources && sources.replaced > 0) lines.push(`${escapePath(sources.file)}: source ${summary.source.id} replaced`);
  if (summary.series?.priceNote) {
    lines.push(`the file's first line, kept in the source record: "${summary.series.priceNote}"`);
  }
  const replacing = [
    ...(summary.series?.replacesShipped ? [`series ${summary.series.id}`] : []),
    ...(summary.shares && summary.shares.replacingShipped > 0
      ? [`${summary.shares.replacingShipped} of the shares (same region and month)`]
      : []),
    ...(summary.source.replacesShipped ? [`source ${summary.source.id}`] : []),
  ];
  if (replacing.length > 0) {
    lines.push(
      `with --data ${escapePath(summary.out)}, these replace the shipped records of the same key: ${replacing.join(', ')}`,
    );
  }
  return lines.map((line) => `${wrapText(line, widthColumns)}\n`).join('');
}

function describeRecords(summary: ImportSummary): string {
  const { series, shares, inputs } = summary;
  if (series) {
    const first = series.from.slice(0, 4);
    const last = series.to.slice(0, 4);
    const partial = series.partialYears.map((p) => `${p.year}: ${p.days} days`);
    const through = series.partialYears.at(-1)?.through === series.to ? `, to ${series.to}` : '';
    const span = first === last ? first : `${first}–${last}`;
    return `series ${series.id} (${series.years} calendar year${series.years === 1 ? '' : 's'}, ${span}${partial.length > 0 ? `; ${partial.join(', ')}${through}` : ''})`;
  }
  if (shares) {
    return `${plural(shares.count, 'share')} (${plural(shares.regions, 'region')}, ${plural(shares.months, 'month')}, ${shares.from} to ${shares.to})`;
  }
  if (inputs) return `${plural(inputs.days, 'day')} of network inputs (${inputs.from} to ${inputs.to})`;
  return 'nothing';
}

function describeMerge(file: WrittenFile): string {
  const replaced = file.replaced > 0 ? `, replacing ${file.replaced} of the same key` : '';
  const kept = file.kept > 0 ? `; ${file.kept} earlier kept` : '';
  return `${escapePath(file.file)}: ${file.imported} imported${replaced}${kept} (${file.records} in all)`;
}
