import { escapeControls } from '../../text.js';
import type { Warning } from '../../contract/warning.js';
import { WARNING_CATALOGUE } from '../../data/warning-codes.js';
import type { Colors } from '../terminal/color.js';
import { displayWidth, wrapLine } from '../terminal/width.js';

/** The hanging indent of a warning's continuation lines. */
const WARNING_INDENT = '  ';

/**
 * How much of the warnings a person sees: by default the `changes-meaning` ones, a line each, and a count of the
 * notes; with --explain every warning in full; with --quiet none.
 */
export type WarningDetail = 'default' | 'explain' | 'quiet';

/**
 * One output's warnings (an estimate's), with the name of its region when a run has several. A set with
 * `nameAlways` (a region left out of the run) has its region named in the default line even when it is the only
 * one, and is not counted among the run's regions; its warnings' words name it in full.
 */
export interface WarningSet {
  region?: string;
  nameAlways?: boolean;
  warnings: readonly Warning[];
}

/** The regions a default line names at most before "and N more". */
const NAMED_REGIONS = 3;

/**
 * Warnings for stderr at the detail asked for. Warnings that several sets share (the same code, and with
 * --explain the same words) are said once, naming the sets' regions when the run has more than one and the
 * warning is not every region's (or, by default, when the sets ask for it: regions left out).
 */
export function renderWarnings(
  sets: readonly WarningSet[],
  detail: WarningDetail,
  colors: Colors,
  widthColumns: number,
): string {
  if (detail === 'quiet') return '';
  const named = sets.filter((s) => s.region !== undefined && s.nameAlways !== true).length;
  const groups = groupWarnings(sets, detail === 'explain');
  const regionsText = (regions: readonly string[], always = false) => {
    // A warning every region of the run has names none.
    if (regions.length === 0 || (!always && (named < 2 || regions.length === named))) return '';
    const shown = regions.slice(0, NAMED_REGIONS).join(', ');
    return regions.length > NAMED_REGIONS ? `${shown} and ${regions.length - NAMED_REGIONS} more` : shown;
  };
  if (detail === 'explain') {
    return groups
      .map(({ warning, regions, always }) => {
        // A region left out is named by its warning's words.
        const where = always ? '' : regionsText(regions);
        const label = warning.level === 'changes-meaning' ? colors.yellow('warning') : colors.cyan('note');
        return renderLine(
          `${label} (${warning.code}): ${escapeControls(`${where ? `${where}: ` : ''}${warning.message}`)}`,
          widthColumns,
        );
      })
      .join('');
  }
  const meaning = groups.filter((g) => g.warning.level === 'changes-meaning');
  const notes = groups.filter((g) => g.warning.level === 'note');
  const lines = meaning.map(({ warning, regions, always }) => {
    const where = regionsText(regions, always);
    const summary = WARNING_CATALOGUE[warning.code].summary;
    return renderLine(
      `${colors.yellow('warning')} (${warning.code}): ${summary}${where ? ` (${escapeControls(where)})` : ''}`,
      widthColumns,
    );
  });
  if (groups.length > 0) lines.push(notesLine(notes, meaning.length > 0, colors, widthColumns));
  return lines.join('');
}

/**
 * The warnings of the sets, each said once, changes-meaning first: by code (the default), or by code and words
 * (--explain); each with the regions of the sets that hold it, and how many different messages it stands for.
 */
function groupWarnings(
  sets: readonly WarningSet[],
  byWords: boolean,
): { warning: Warning; regions: string[]; count: number; always: boolean }[] {
  const groups = new Map<string, { warning: Warning; regions: string[]; count: number; always: boolean }>();
  const messages = new Set<string>();
  for (const set of sets) {
    for (const warning of set.warnings) {
      const words = `${warning.code}\n${warning.message}`;
      const key = byWords ? words : warning.code;
      let group = groups.get(key);
      if (!group) {
        group = { warning, regions: [], count: 0, always: false };
        groups.set(key, group);
      }
      if (!messages.has(words)) {
        messages.add(words);
        group.count += 1;
      }
      if (set.region !== undefined && !group.regions.includes(set.region)) group.regions.push(set.region);
      if (set.nameAlways === true) group.always = true;
    }
  }
  const all = [...groups.values()];
  return [
    ...all.filter((g) => g.warning.level === 'changes-meaning'),
    ...all.filter((g) => g.warning.level !== 'changes-meaning'),
  ];
}

/**
 * "3 notes (default-year, few-months, carbon-year): --explain shows all in full", the codes cut with "…" to keep it to
 * one line; without notes, where the changes-meaning warnings are said in full.
 */
function notesLine(
  notes: readonly { warning: Warning; count: number }[],
  anyMeaning: boolean,
  colors: Colors,
  widthColumns: number,
): string {
  if (notes.length === 0) {
    return anyMeaning ? renderLine('--explain says each warning in full.', widthColumns) : '';
  }
  const count = notes.reduce((sum, n) => sum + n.count, 0);
  const head = `${count} note${count === 1 ? '' : 's'}`;
  const tail = `: --explain shows ${anyMeaning ? 'all in full' : count === 1 ? 'it' : 'them'}`;
  const codes = notes.map((n) => n.warning.code);
  let shown = codes.length;
  const text = (n: number) => `${head} (${codes.slice(0, n).join(', ')}${n < codes.length ? ', …' : ''})${tail}`;
  while (shown > 1 && displayWidth(text(shown)) > widthColumns) shown -= 1;
  return renderLine(text(shown).replace(head, colors.cyan(head)), widthColumns);
}

/** A line of text (its words from data already escaped), wrapped to the width with a hanging indent. */
function renderLine(text: string, widthColumns: number): string {
  return `${wrapLine(text, widthColumns, WARNING_INDENT).join('\n')}\n`;
}

/** "warning: …", wrapped to the width with a hanging indent: a message that is not one of the catalogue's. */
export function renderWarning(message: string, colors: Colors, widthColumns: number): string {
  return `${wrapLine(`${colors.yellow('warning:')} ${escapeControls(message)}`, widthColumns, WARNING_INDENT).join('\n')}\n`;
}

/**
 * "error: …" for stderr, wrapped to the width as a warning is, with the same hanging indent; a message of several
 * lines (a list of problems) wraps each line under its own indent.
 */
export function renderError(message: string, colors: Colors, widthColumns: number): string {
  const [first = '', ...rest] = escapeControls(message).split('\n');
  const lines = [
    ...wrapLine(`${colors.red('error:')} ${first}`, widthColumns, WARNING_INDENT),
    ...rest.flatMap((line) => {
      const leading = /^ */.exec(line)?.[0] ?? '';
      return wrapLine(line, widthColumns, `${leading}${WARNING_INDENT}`);
    }),
  ];
  return `${lines.join('\n')}\n`;
}
