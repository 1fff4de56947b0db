import type { Parameter } from '../core/common/parameters.js';
import { joinMessage, type MessagePart } from '../errors.js';
import { escapeControls } from '../text.js';

/**
 * The flag the command line writes for each parameter the core's messages name by its library name: one for every
 * name the core can report, so that none reaches a person who gave flags.
 */
export const PARAMETER_FLAGS: Readonly<Record<Parameter, string>> = {
  year: '--year',
  month: '--month',
  series: '--series',
  shareDataset: '--share-dataset',
  carbonBasis: '--carbon-basis',
  carbonBracket: '--carbon-bracket',
  strictBreaks: '--strict-breaks',
  'years.from': '--years',
  'years.to': '--years',
  'uncertainty.samples': '--uncertainty',
  'uncertainty.seed': '--seed',
  'uncertainty.basisSpread': '--basis-spread',
  'uncertainty.shareSpreadPct': '--share-spread',
  'uncertainty.intensitySpread': '--intensity-spread',
  'uncertainty.breakSpread': '--break-spread',
  bans: '--ban',
  moves: '--move',
  'moves[]': '--move',
  'moves[].pct': '--move',
  'redistribute.kind': '--redistribute',
  'redistribute.region': '--redistribute',
  hashrateEhs: '--hashrate',
  thresholdJPerTh: '--threshold',
  revenueUsdPerDay: '--revenue',
  revenueUsdPerYear: '--revenue-year',
  electricityShare: '--electricity-share',
  priceUsdPerKwh: '--price',
  date: '--date',
  overheads: '--overheads',
  weighting: '--weighting',
  hardware: '--hardware',
  smoothDays: '--smooth',
  averageDays: '--average',
  from: '--from',
  to: '--to',
};

/** The flag of a parameter the core names (`moves[2].pct` is the parameter `moves[].pct`). */
export function flagOf(parameter: string): string {
  const flag = (PARAMETER_FLAGS as Readonly<Record<string, string>>)[parameter.replace(/\[\d+\]/g, '[]')];
  if (flag === undefined) throw new Error(`No flag for the parameter ${parameter}: add one to PARAMETER_FLAGS.`);
  return flag;
}

/**
 * An error's message as the command line shows it: a UsageError built of parts (see src/errors.ts) with each
 * parameter written as its flag; any other error's message as it is.
 */
export function messageForFlags(error: Error): string {
  // Read from the error rather than its class: a lazily loaded module bundles its own copy of UsageError.
  const parts = (error as { parts?: unknown }).parts;
  if (!Array.isArray(parts)) return error.message;
  return escapeControls(
    joinMessage(parts as MessagePart[], (named) => ({
      name: flagOf(named.parameter),
      value: named.flagValue ?? named.value,
    })),
  );
}
