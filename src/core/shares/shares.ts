import type { Event, Evidence, HashrateShare, Region } from '../../data/schemas.js';
import { type MessagePart, UsageError } from '../../errors.js';
import { restsOnSecondhand } from '../common/caveats.js';
import { weakestEvidence } from '../common/evidence.js';
import { type Warning, warn } from '../common/warnings.js';
import { COMPLETE_TOLERANCE_PCT, type DataIndex } from '../regions/lookup.js';
import { describeDistance, describeMonth, describePeriod, monthsFromPeriod, type Period } from '../common/period.js';
import { possessive } from '../../text.js';
import { named } from '../common/parameters.js';
import {
  chooseShare,
  type Obtained,
  type ShareChoice,
  SHARE_DRIFT_PER_YEAR,
  sideOfBreak,
  WEAK_SHARE_DRIFT_PER_YEAR,
} from './share-model.js';

/** A structural break between a share's months and the period it is applied to, and the side the share is on. */
export interface Break {
  event: Event;
  side: 'before' | 'after';
}

/** A region's share of its parent for a period, with everything that qualifies it. */
export interface LinkChoice {
  choice: ShareChoice;
  /** The weakest grade among the records used. */
  evidence: Evidence;
  /** Whether any record used is secondhand, or computed from a secondhand source (a remainder of reported shares). */
  secondhand: boolean;
  /** The share dataset the records come from, or null for the default one. */
  dataset: string | null;
  /** Events between the records used and the period (structural breaks), and on which side of each the records are. */
  breaks: Break[];
  /** ± percentage points the records state, or null when they state none. */
  precisionPct: number | null;
  sources: string[];
  notes: string[];
  /** The warnings about the breaks the share crosses (the first of {@link warnings}): an estimate shows them first. */
  breakWarnings: Warning[];
  /** Every warning about the share, the breaks' first. */
  warnings: Warning[];
}

/**
 * Checks that a share dataset exists.
 * @throws UsageError naming the datasets there are.
 */
export function assertShareDataset(index: DataIndex, dataset: string): void {
  if (index.shareDatasets.has(dataset)) return;
  const known = [...index.shareDatasets.keys()];
  throw new UsageError(
    `Unknown share dataset "${dataset}". ${known.length > 0 ? `Share datasets: ${known.join(', ')}.` : 'The data has none.'}`,
  );
}

/** The records of a region's share of its parent: a named dataset's when it has any, else the default ones. */
export function shareRecords(
  index: DataIndex,
  regionId: string,
  dataset?: string,
): { records: HashrateShare[]; dataset: string | null } {
  const named = dataset === undefined ? undefined : index.shareDatasets.get(dataset)?.get(regionId);
  if (named && named.length > 0) return { records: named, dataset: dataset as string };
  return { records: index.sharesByRegion.get(regionId) ?? [], dataset: null };
}

/** The share datasets (used only when asked for) that record a share of the region, in the data's order. */
export function shareDatasetsCovering(index: DataIndex, regionId: string): string[] {
  return [...index.shareDatasets].filter(([, byRegion]) => (byRegion.get(regionId)?.length ?? 0) > 0).map(([id]) => id);
}

/**
 * The way round a missing share, when there is one: the share datasets that record the region (other than the
 * one asked for), as the option that would use them.
 */
export function shareDatasetRemedy(
  index: DataIndex,
  regionId: string,
  asked?: string,
): readonly MessagePart[] | undefined {
  const datasets = shareDatasetsCovering(index, regionId).filter((id) => id !== asked);
  if (datasets.length === 0) return undefined;
  const options = datasets.flatMap((id, i): MessagePart[] => [
    ...(i === 0 ? [] : [' or ']),
    named('shareDataset', { value: id }),
  ]);
  return [
    `${datasets.length === 1 ? 'A share dataset records' : 'Share datasets record'} one: ask for it with `,
    ...options,
    '.',
  ];
}

/** Whether an event breaks the history of a region's share of its parent: it names the region or the parent. */
export function breaksLink(event: Event, childId: string, parentId: string): boolean {
  return event.regions.includes(childId) || event.regions.includes(parentId);
}

/**
 * Events that make a share resting on `months` unreliable for the period: an event naming the region or its
 * parent that the share crosses to reach the period ({@link sideOfBreak}: a record in an event's own month counts as
 * from before it). A mean over months on both sides of an event already reflects it.
 */
export function breaksFor(
  index: DataIndex,
  child: Region,
  parent: Region,
  months: readonly string[],
  period: Period,
): Break[] {
  return index.data.events.flatMap((event): Break[] => {
    if (!breaksLink(event, child.id, parent.id)) return [];
    const side = sideOfBreak(months, event.month, period);
    return side === null ? [] : [{ event, side }];
  });
}

/**
 * A region's share of its parent for a period (see {@link chooseShare}), with its grade, dataset, structural
 * breaks and the warnings a reader needs: a share from outside the period, fewer than 12 months, approximate or
 * secondhand figures (naming who reported them), a zero share, and a share from before an event.
 * A region with no record in the period while its parent's whole breakdown (shares adding up to 100%) is recorded
 * in the period has no share of its own then: it is inside the remainder, and a share from another period would
 * count it twice.
 * @returns the link, or why there is none.
 */
export function chooseLink(
  index: DataIndex,
  child: Region,
  parent: Region,
  period: Period,
  dataset?: string,
): { ok: true; link: LinkChoice } | { ok: false; reason: string; remedy?: readonly MessagePart[] } {
  const found = shareRecords(index, child.id, dataset);
  if (found.records.length === 0) {
    const remedy = shareDatasetRemedy(index, child.id, dataset);
    return {
      ok: false,
      reason: `No hashrate share is recorded for ${child.name} (of ${parent.name})${remedy ? ' in the default shares' : ''}`,
      ...(remedy ? { remedy } : {}),
    };
  }
  const barriers = {
    eventMonths: index.data.events.filter((e) => breaksLink(e, child.id, parent.id)).map((e) => e.month),
    unnamedMonths: unnamedBreakdowns(index, parent, found),
  };
  const choice = chooseShare(found.records, period, barriers);
  const unnamedIn = nearestBreakdownWithout(index, parent, found, period);
  if (
    unnamedIn !== undefined &&
    Math.abs(choice.distanceMonths) > 0 &&
    unnamedIn.distance <= Math.abs(choice.distanceMonths)
  ) {
    return {
      ok: false,
      reason: `${child.name} is not named in ${possessive(parent.name)} breakdown of ${describeMonth(unnamedIn.month)}, the whole breakdown nearest ${describePeriod(period)}: its hashrate is inside that breakdown's remainder, and a share from further away (${describeMonths(choice.months)}) would count it twice`,
    };
  }
  const what = `${possessive(child.name)} share of ${parent.name}`;
  const warnings: Warning[] = [];
  const monthsText = describeMonths(choice.months);
  const weak = choice.records.some((r) => r.approximate === true || r.evidence === 'secondhand');
  const growth = `its uncertainty grows by ${Math.round((weak ? WEAK_SHARE_DRIFT_PER_YEAR : SHARE_DRIFT_PER_YEAR) * 100)}% of the share a year from there`;
  const breaks = breaksFor(index, child, parent, choice.months, period);
  const breakWarnings = breaks.map(({ event, side }) =>
    warn(
      'pre-break-share',
      `${what} is from ${monthsText}, ${side} ${event.title} of ${event.approximate ? 'about ' : ''}${describeMonth(event.month)} (${event.id}): it may not hold ${side === 'before' ? 'after' : 'before'} it, so it is given the widest uncertainty, and the range shows how little is known ${side === 'before' ? 'after' : 'before'} the break.`,
    ),
  );
  switch (choice.obtained) {
    case 'recorded':
      if (period.kind === 'year' && choice.months.length < 12) {
        const count = choice.months.length === 1 ? 'one month' : `${choice.months.length} months`;
        warnings.push(warn('few-months', `${what} in ${period.year} rests on ${count} (${monthsText}), not 12.`));
      }
      break;
    case 'carried':
      warnings.push(
        warn(
          'stale-share',
          `${what} is carried from ${monthsText} (${round(choice.pct)}%), ${describeDistance(choice.distanceMonths, period)}${breaks.length > 0 ? ' (see the break above)' : `: ${growth}`}.`,
        ),
      );
      break;
    case 'interpolated': {
      const ends = choice.months.map((month) => {
        const used = choice.records.filter((r) => r.month === month);
        const pct = used.reduce((sum, r) => sum + r.sharePct, 0) / used.length;
        return { month, pct, sources: [...new Set(used.map((r) => r.source))] };
      });
      const [from, to] = ends as [(typeof ends)[number], (typeof ends)[number]];
      const differ = from.sources.join() !== to.sources.join();
      warnings.push(
        warn(
          'interpolated-share',
          `${what} for ${describePeriod(period)} is interpolated between ${describeMonth(from.month)} (${round(from.pct)}%, ${from.sources.join(', ')}) and ${describeMonth(to.month)} (${round(to.pct)}%, ${to.sources.join(', ')})${differ ? ', two sources that measure differently' : ''}, ${Math.abs(choice.distanceMonths)} month${Math.abs(choice.distanceMonths) === 1 ? '' : 's'} from the nearer: ${growth}.`,
        ),
      );
      break;
    }
    default:
      choice.obtained satisfies never;
  }
  for (const record of choice.records) {
    const qualities = [
      ...(record.approximate ? ['approximate'] : []),
      ...(record.evidence === 'secondhand' ? [`secondhand (reported by ${reporterOf(index, record.source)})`] : []),
      ...(record.dataset ? [`from the ${record.dataset} dataset`] : []),
    ];
    if (qualities.length > 0) {
      const code =
        record.evidence === 'secondhand' ? 'secondhand' : record.approximate ? 'approximate' : 'dataset-share';
      warnings.push(
        warn(
          code,
          `${what} in ${record.month} (${record.sharePct}%) is ${qualities.join(', ')}${record.note ? `: ${record.note}` : '.'}`,
        ),
      );
    }
  }
  if (choice.pct === 0) {
    warnings.push(
      warn(
        'zero-share',
        `${what} is 0% in ${choice.months.join(', ')}: no hashrate is recorded there, so the estimate is zero.`,
      ),
    );
  }
  const stated = choice.records.flatMap((r) => (r.precisionPct === undefined ? [] : [r.precisionPct]));
  const link: LinkChoice = {
    choice,
    evidence: weakestEvidence(choice.records.map((r) => r.evidence)),
    secondhand: choice.records.some((r) => restsOnSecondhand(r.evidence, index.sources.get(r.source)?.evidence)),
    dataset: found.dataset,
    breaks,
    precisionPct: stated.length > 0 ? Math.max(...stated) : null,
    sources: [...new Set(choice.records.map((r) => r.source))],
    notes: [...new Set(choice.records.flatMap((r) => (r.note ? [r.note] : [])))],
    breakWarnings,
    warnings: [...breakWarnings, ...warnings],
  };
  return { ok: true, link };
}

/** "April 2021", or "April 2021 to June 2021" for several months. */
function describeMonths(months: readonly string[]): string {
  return months.length === 1
    ? describeMonth(months[0] as string)
    : `${describeMonth(months[0] as string)} to ${describeMonth(months.at(-1) as string)}`;
}

/** The months of a parent's whole breakdowns (shares adding up to 100%) that do not name the child. */
function unnamedBreakdowns(
  index: DataIndex,
  parent: Region,
  found: { records: readonly HashrateShare[]; dataset: string | null },
): string[] {
  const named = new Set(found.records.map((r) => r.month));
  return [...(index.completeMonths.get(`${found.dataset ?? ''} ${parent.id}`) ?? [])].filter((m) => !named.has(m));
}

/**
 * The whole breakdown of a parent (a month whose children's shares add up to 100%) nearest the period that does not
 * name the child, and its distance in months (0 inside the period).
 */
function nearestBreakdownWithout(
  index: DataIndex,
  parent: Region,
  found: { records: readonly HashrateShare[]; dataset: string | null },
  period: Period,
): { month: string; distance: number } | undefined {
  const named = new Set(found.records.map((r) => r.month));
  let nearest: { month: string; distance: number } | undefined;
  for (const month of index.completeMonths.get(`${found.dataset ?? ''} ${parent.id}`) ?? []) {
    if (named.has(month)) continue;
    const distance = Math.abs(monthsFromPeriod(month, period));
    if (!nearest || distance < nearest.distance || (distance === nearest.distance && month < nearest.month)) {
      nearest = { month, distance };
    }
  }
  return nearest;
}

/** Who reported a secondhand source's figures (its `reportedBy`, else its publisher or title). */
export function reporterOf(index: DataIndex, sourceId: string): string {
  const source = index.sources.get(sourceId);
  return source?.reportedBy ?? source?.publisher ?? source?.title ?? sourceId;
}

/** A parent's children's shares as one division of it, for sums over siblings. */
export interface Partition {
  /** Each child that has a share for the period, with the share used in the division and why it differs, if it does. */
  links: PartitionLink[];
  /** The children's own warnings (see {@link chooseLink}). */
  readonly linkWarnings: Warning[];
  /** What the division itself rests on: children counted in a remainder. */
  warnings: Warning[];
}

/**
 * One child of a division. A division of a parent with many children (`estimate --all` over a large data directory)
 * is kept for the whole run, so a child's {@link LinkChoice}, its warnings and the text of its adjustment are made
 * when read, not kept: only the share and what the share tree needs of the link stay.
 */
export interface PartitionLink {
  child: Region;
  /** The child's link, as {@link chooseLink} gives it. */
  readonly link: LinkChoice;
  /** The share used in the division. */
  pct: number;
  /** Why `pct` differs from the link's share, or null when it does not. */
  readonly adjustment: string | null;
  /** The link's `precisionPct`, `choice.approximate`, `choice.distanceMonths` and `secondhand`. */
  readonly precisionPct: number | null;
  readonly approximate: boolean;
  readonly distanceMonths: number;
  /** How the share model obtained the share for the period. */
  readonly obtained: Obtained;
  readonly secondhand: boolean;
  /** The ids of the link's events (structural breaks). */
  readonly breakIds: readonly string[];
}

/** What the children of one division share: where the division is, and why shares were changed, when they were. */
interface DivisionContext {
  index: DataIndex;
  parent: Region;
  period: Period;
  /** Why the shares add up to more than 100% (set only when they do). */
  why: string;
  /** The factor every remaining share was scaled by (1 when none was). */
  scale: number;
}

const NO_BREAKS: readonly string[] = Object.freeze([]);

class DividedLink implements PartitionLink {
  readonly precisionPct: number | null;
  readonly approximate: boolean;
  readonly distanceMonths: number;
  readonly obtained: Obtained;
  readonly secondhand: boolean;
  readonly breakIds: readonly string[];
  pct: number;
  /** The share {@link chooseLink} gave, before any change. */
  private readonly chosenPct: number;
  /** The share after the remainder gave up part of it, or null when it gave up none. */
  private reducedToPct: number | null = null;
  private scaled = false;

  constructor(
    private readonly context: DivisionContext,
    readonly child: Region,
    link: LinkChoice,
  ) {
    this.pct = link.choice.pct;
    this.chosenPct = link.choice.pct;
    this.precisionPct = link.precisionPct;
    this.approximate = link.choice.approximate;
    this.distanceMonths = link.choice.distanceMonths;
    this.obtained = link.choice.obtained;
    this.secondhand = link.secondhand;
    this.breakIds = link.breaks.length === 0 ? NO_BREAKS : link.breaks.map((b) => b.event.id);
  }

  get link(): LinkChoice {
    const found = chooseLink(this.context.index, this.child, this.context.parent, this.context.period);
    if (!found.ok) throw new Error(`${this.child.id} has no link in the division it is part of`);
    return found.link;
  }

  /** Takes `cutPct` points off the share (the remainder giving up an excess). */
  reduce(cutPct: number): void {
    this.pct -= cutPct;
    this.reducedToPct = this.pct;
  }

  /** Scales the share by the division's factor. */
  scale(): void {
    this.pct *= this.context.scale;
    this.scaled = true;
  }

  get adjustment(): string | null {
    if (this.reducedToPct === null && !this.scaled) return null;
    const { parent, why, scale } = this.context;
    const what = `${possessive(this.child.name)} share of ${parent.name}`;
    const { chosenPct } = this;
    const reduced =
      this.reducedToPct === null
        ? null
        : `${what} is reduced from ${round(chosenPct)}% to ${round(this.reducedToPct)}%: ${why}, and the remainder holds regions that other months name.`;
    if (!this.scaled) return reduced;
    const before = this.reducedToPct ?? chosenPct;
    const scaled = `${what} is scaled by ${Number(scale.toFixed(4))}, from ${round(before)}% to ${round(before * scale)}%: ${why}, more than the remainder can give up.`;
    return reduced ? `${reduced} ${scaled}` : scaled;
  }
}

/**
 * A parent's children as one division of it: each child as {@link chooseLink} gives it (a child that the nearest
 * whole breakdown does not name is inside that breakdown's remainder). Shares from different months can still
 * add up to more than 100% when a remainder holds a child that another month names: then the remainder gives up
 * the excess, and only if it has too little are all the shares scaled down in proportion. `estimate` uses the same
 * division, so a region's share is the same in every command.
 */
export function partitionOf(index: DataIndex, parent: Region, period: Period): Partition {
  // A region without sub-regions has an empty division: not worth a key and a place in the cache.
  if (!index.children.has(parent.id)) return { links: [], linkWarnings: [], warnings: [] };
  const key = `${parent.id} ${describePeriod(period)}`;
  let byKey = partitions.get(index);
  if (!byKey) {
    byKey = new Map();
    partitions.set(index, byKey);
  }
  let partition = byKey.get(key);
  if (!partition) {
    partition = dividePartition(index, parent, period);
    byKey.set(key, partition);
  }
  return partition;
}

/** Divisions already worked out, per dataset index and parent and period: `estimate --all` asks for each often. */
const partitions = new WeakMap<DataIndex, Map<string, Partition>>();

/** Each division's links by child id, built on first use: a lookup per region, not a scan of its siblings. */
const linksByChild = new WeakMap<Partition, Map<string, PartitionLink>>();

/** A child's link in a parent's division (the first, as the division lists them), or undefined when it has none. */
export function partitionLink(partition: Partition, childId: string): PartitionLink | undefined {
  let byChild = linksByChild.get(partition);
  if (!byChild) {
    byChild = new Map();
    for (const link of partition.links) if (!byChild.has(link.child.id)) byChild.set(link.child.id, link);
    linksByChild.set(partition, byChild);
  }
  return byChild.get(childId);
}

function dividePartition(index: DataIndex, parent: Region, period: Period): Partition {
  const context: DivisionContext = { index, parent, period, why: '', scale: 1 };
  const links: DividedLink[] = [];
  const inside: string[] = [];
  for (const child of index.children.get(parent.id) ?? []) {
    const found = chooseLink(index, child, parent, period);
    if (found.ok) links.push(new DividedLink(context, child, found.link));
    else if (index.sharesByRegion.has(child.id)) inside.push(child.name);
  }
  const warnings =
    inside.length > 0
      ? [
          warn(
            'share-remainder',
            `${inside.join(', ')}: no share of ${parent.name} for ${describePeriod(period)} (inside the remainder of the nearest whole breakdown), so not counted separately.`,
          ),
        ]
      : [];
  const partition: Partition = {
    links,
    warnings,
    get linkWarnings() {
      return links.flatMap((l) => l.link.warnings);
    },
  };
  const total = links.reduce((sum, l) => sum + l.pct, 0);
  if (total <= 100 + COMPLETE_TOLERANCE_PCT) return partition;
  context.why = `the shares of ${possessive(parent.name)} parts for ${describePeriod(period)} come from different months and add up to ${Number(total.toFixed(2))}%`;
  let excess = total - 100;
  for (const l of links.filter((l) => l.child.kind === 'other')) {
    const cut = Math.min(l.pct, excess);
    if (cut <= 0) continue;
    l.reduce(cut);
    excess -= cut;
  }
  if (excess > 1e-9) {
    context.scale = 100 / (100 + excess);
    for (const l of links.filter((l) => l.pct > 0)) l.scale();
  }
  return partition;
}

const round = (value: number) => Number(value.toPrecision(4));
