import type { DataStatus } from '../../update/status.js';
import type { SourceOutcome, UpdateSummary } from '../../update/update-data.js';
import type { YearlyFigures } from '../../update/updates-file.js';
import { escapePath } from '../../text.js';
import { wrapText } from '../terminal/width.js';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What a yearly source's update holds, in words: its baseline and its intensities. */
function yearlyText(yearly: YearlyFigures): string {
  const intensities =
    yearly.intensityYears === null
      ? 'no intensities'
      : `${yearly.intensities} ${yearly.intensities === 1 ? 'intensity' : 'intensities'} ${yearly.intensityYears.from} to ${yearly.intensityYears.to}`;
  return `baseline ${yearly.baseline}: ${yearly.countries} ${yearly.countries === 1 ? 'country' : 'countries'}, ${yearly.latestYear} or earlier; ${intensities}`;
}

function yearlyLine(outcome: SourceOutcome, yearly: YearlyFigures, dir: string): string {
  switch (outcome.status) {
    case 'updated': {
      const changed = outcome.changed.length > 0 ? `; ${plural(outcome.changed.length, 'held value')} revised` : '';
      return `${outcome.source}: updated, ${yearlyText(yearly)}${changed}, in ${escapePath(dir)}`;
    }
    case 'unchanged':
      return `${outcome.source}: up to date (${yearlyText(yearly)}), in ${escapePath(dir)}`;
    case 'failed':
      return `${outcome.source}: failed; kept as it was`;
    default:
      return `${outcome.status satisfies never}`;
  }
}

/** What `data update` did, for people: a line a source. */
export function renderUpdateSummary(summary: UpdateSummary, widthColumns: number): string {
  const lines = summary.outcomes.map((outcome) => {
    if (outcome.yearly !== null) return yearlyLine(outcome, outcome.yearly, summary.dir);
    const span = outcome.from === null ? '' : `${outcome.from} to ${outcome.to}, ${plural(outcome.days, 'day')}`;
    switch (outcome.status) {
      case 'updated': {
        const changed = outcome.changed.length > 0 ? `; ${plural(outcome.changed.length, 'held value')} replaced` : '';
        return `${outcome.source}: updated, ${plural(outcome.newDays, 'new day')} (${span})${changed}, in ${escapePath(summary.dir)}`;
      }
      case 'unchanged':
        return `${outcome.source}: up to date (${span}), in ${escapePath(summary.dir)}`;
      case 'failed':
        return `${outcome.source}: failed; kept as it was${span === '' ? '' : ` (${span})`}`;
      default:
        return `${outcome.status satisfies never}`;
    }
  });
  return lines.map((line) => `${wrapText(line, widthColumns)}\n`).join('');
}

/** What a data directory holds, for people. */
export function renderDataStatus(status: DataStatus, widthColumns: number): string {
  const lines = [
    `${escapePath(status.dir)}${status.exists ? '' : ' (does not exist: nothing is merged)'}${status.used ? '' : ' (not used: --no-user-data or MINING_ENERGY_NO_USER_DATA)'}`,
  ];
  if (status.exists) lines.push(`files: ${status.files.length === 0 ? 'none' : status.files.join(', ')}`);
  for (const source of status.sources) {
    const days =
      source.yearly !== null
        ? yearlyText(source.yearly)
        : source.days === null
          ? 'its file is gone'
          : `${source.days.from} to ${source.days.to}, ${plural(source.days.count, 'day')}`;
    lines.push(
      `${source.source}: ${days}; downloaded ${source.retrievedAt} (${source.ageDays === 0 ? 'today' : `${plural(source.ageDays, 'day')} ago`}) from ${source.url}; ${source.licence}; source record ${source.id}`,
    );
  }
  if (status.exists && status.sources.length === 0) lines.push('no downloads yet (data update)');
  const shipped = status.shipped.dailyInputs;
  if (shipped !== null) {
    const replaced = status.files.includes('network-inputs.csv') ? ", which the directory's own replace" : '';
    lines.push(`shipped daily inputs: ${shipped.from} to ${shipped.to}, ${plural(shipped.count, 'day')}${replaced}`);
  }
  return lines.map((line) => `${wrapText(line, widthColumns)}\n`).join('');
}
