/** Terminal widths and wrapping, measured in display columns rather than UTF-16 code units. */
import { eastAsianWidth } from 'get-east-asian-width';

/** The width output is laid out for when the terminal's is unknown (not a TTY, no COLUMNS). */
export const DEFAULT_WIDTH_COLUMNS = 80;
/** The narrowest layout attempted; a narrower terminal gets this width and lines that overflow it. */
export const MIN_WIDTH_COLUMNS = 40;

/**
 * A pattern made when first used. A class of Unicode properties takes a fraction of a millisecond to build, at
 * start-up when it is a constant; a run that measures only ASCII text (most runs) never needs these.
 */
function builtOnFirstUse(make: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= make());
}

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;
/**
 * A colour code, or a character with what a terminal draws in its cell: the combining marks, variation selectors
 * and zero-width characters after it, and for an emoji its skin tone and any emoji joined to it by a zero-width
 * joiner (👩‍💻 is one picture). Lines are measured, and long words broken, a cluster at a time.
 */
const ANSI_OR_CLUSTER = builtOnFirstUse(
  () =>
    // The classes list joiners, marks and selectors one by one on purpose: each is a character of its own here.
    // eslint-disable-next-line no-control-regex, no-misleading-character-class
    /\u001b\[[0-9;]*m|(?:\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}]?(?:[\uFE0E\uFE0F]?\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}]?)*|[\s\S])[\p{Mn}\p{Me}\u200B-\u200F\u2060-\u2064\uFE00-\uFE0F\uFEFF]*/gu,
);

/** Text every character of which takes exactly one column: most cells of a long table. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The text without its colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Code points that take no column on their own: combining marks, zero-width characters, variation selectors. */
// eslint-disable-next-line no-misleading-character-class
const ZERO_WIDTH = builtOnFirstUse(() => /^[\p{Mn}\p{Me}\u200B-\u200F\u2060-\u2064\uFE00-\uFE0F\uFEFF]/u);
/** An emoji-capable character asked to be drawn as an emoji (U+FE0F): two columns, as its default emoji are. */
const EMOJI_PRESENTATION = builtOnFirstUse(() => /^\p{Extended_Pictographic}.*\uFE0F/su);

/**
 * Columns one cluster (see {@link ANSI_OR_CLUSTER}) takes on a terminal: none for a colour code or a control
 * character (colour codes start with ESC) or a lone zero-width one; two for an emoji in emoji presentation; otherwise its first character's
 * East Asian Width (Unicode's UAX #11, from get-east-asian-width): two for wide and full-width characters, which
 * include the emoji drawn as emoji by default (🚀 ⚡ ✅), one for the rest, ambiguous ones included.
 */
function clusterWidth(cluster: string): number {
  const codePoint = cluster.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (codePoint < 0x7f) return 1;
  if (ZERO_WIDTH().test(cluster)) return 0;
  if (EMOJI_PRESENTATION().test(cluster)) return 2;
  return eastAsianWidth(codePoint);
}

/** Columns a single line takes on a terminal: colour codes take none, wide characters two. */
export function displayWidth(line: string): number {
  if (PRINTABLE_ASCII.test(line)) return line.length;
  let width = 0;
  for (const cluster of line.match(ANSI_OR_CLUSTER()) ?? []) width += clusterWidth(cluster);
  return width;
}

/** The widest line of a text, in columns. */
export function maxLineWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** Characters after which a word too long for its line is best broken. */
const BREAK_AFTER = new Set(['-', '.', '/', '_', ',', '–']);

/**
 * Splits a word into pieces that fit, the first in `firstWidth` columns and the rest in `restWidth`: after a
 * hyphen, dot or slash where the piece has one, else anywhere; colour codes stay with their characters.
 */
function breakWord(word: string, firstWidth: number, restWidth: number): string[] {
  const pieces: string[] = [];
  let width = firstWidth;
  let piece: string[] = [];
  let pieceWidth = 0;
  for (const character of word.match(ANSI_OR_CLUSTER()) ?? []) {
    const w = clusterWidth(character);
    if (pieceWidth + w > width && pieceWidth > 0) {
      const at = piece.findLastIndex((c, i) => i < piece.length - 1 && BREAK_AFTER.has(c));
      const carried = at >= 0 ? piece.slice(at + 1) : [];
      pieces.push(piece.slice(0, piece.length - carried.length).join(''));
      width = restWidth;
      piece = carried;
      pieceWidth = carried.reduce((sum, c) => sum + clusterWidth(c), 0);
    }
    piece.push(character);
    pieceWidth += w;
  }
  if (piece.length > 0) pieces.push(piece.join(''));
  return pieces;
}

/**
 * One line of text wrapped at spaces to lines of at most `width` columns; a word wider than a line is broken.
 * Continuation lines start with `indent` (a hanging indent), counted in the width. Runs of spaces where a line
 * breaks are dropped; the line's own leading spaces are kept.
 */
export function wrapLine(line: string, width: number, indent = ''): string[] {
  if (displayWidth(line) <= width) return [line];
  const leading = /^ */.exec(line)?.[0] ?? '';
  const words = line.slice(leading.length).split(/ +/);
  const lines: string[] = [];
  let current = leading;
  let currentWidth = displayWidth(leading);
  let empty = true;
  const startLine = () => {
    lines.push(current.trimEnd());
    current = indent;
    currentWidth = displayWidth(indent);
    empty = true;
  };
  for (const word of words) {
    const wordWidth = displayWidth(word);
    if (!empty && currentWidth + 1 + wordWidth > width) startLine();
    if (empty && currentWidth + wordWidth > width) {
      breakWord(word, Math.max(1, width - currentWidth), Math.max(1, width - displayWidth(indent))).forEach(
        (piece, i) => {
          if (i > 0) startLine();
          current += piece;
          currentWidth += displayWidth(piece);
          empty = false;
        },
      );
      continue;
    }
    current += empty ? word : ` ${word}`;
    currentWidth += wordWidth + (empty ? 0 : 1);
    empty = false;
  }
  lines.push(current.trimEnd());
  return lines;
}

/**
 * A text with every line wider than `width` wrapped; continuation lines take the line's own leading spaces
 * plus `hanging` more.
 */
export function wrapText(text: string, width: number, hanging = 2): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const leading = /^ */.exec(line)?.[0] ?? '';
      return wrapLine(line, width, `${leading}${' '.repeat(hanging)}`);
    })
    .join('\n');
}

/**
 * The width to lay output out for: COLUMNS when it is set to a whole number, else the stream's own width when
 * it is a terminal, else 80; never below {@link MIN_WIDTH_COLUMNS}.
 */
export function outputWidth(streamColumns: number | undefined, env: Record<string, string | undefined>): number {
  const fromEnv = env.COLUMNS !== undefined && /^\d+$/.test(env.COLUMNS.trim()) ? Number(env.COLUMNS) : undefined;
  const columns =
    fromEnv !== undefined && fromEnv > 0
      ? fromEnv
      : streamColumns !== undefined && streamColumns > 0
        ? streamColumns
        : DEFAULT_WIDTH_COLUMNS;
  return Math.max(MIN_WIDTH_COLUMNS, columns);
}

/**
 * Help text laid out for `width` columns. Prose (lines that start at the margin) is joined into paragraphs and
 * wrapped at spaces, unless every line fits; an example command (`  $ …`) is broken at spaces with a shell
 * continuation (` \`) and its next lines indented, so that it still runs when copied; other indented lines
 * (commander's own, already laid out) are wrapped under their own indent only if too wide.
 */
export function wrapHelp(text: string, width: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length === 0) return;
    const fits = paragraph.every((line) => displayWidth(line) <= width);
    out.push(...(fits ? paragraph : wrapLine(paragraph.join(' '), width)));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line !== '' && !line.startsWith(' ') && !line.endsWith(':')) {
      paragraph.push(line);
      continue;
    }
    endParagraph();
    const example = /^( *\$ )/.exec(line)?.[1];
    // A list item ("  2  a usage error …"): its term and the spaces after it kept, the rest hung under its text.
    const item = /^( +\S+ {2,})\S/.exec(line)?.[1];
    if (displayWidth(line) <= width) out.push(line);
    else if (example !== undefined) out.push(wrapCommand(line, width, `${' '.repeat(example.length)}    `));
    else if (item !== undefined && displayWidth(item) < width / 2) {
      const hang = ' '.repeat(displayWidth(item));
      out.push(
        ...wrapLine(`${hang}${line.slice(item.length)}`, width, hang).map((l, i) =>
          i === 0 ? item + l.slice(hang.length) : l,
        ),
      );
    } else out.push(...wrapLine(line, width, /^ */.exec(line)?.[0] ?? ''));
  }
  endParagraph();
  return out.join('\n');
}

/**
 * An example command line broken between its arguments, each line but the last ending in a continuation
 * backslash: an option stays with its value and a redirection with its target. A trailing `# comment` goes on the
 * last line if it fits, else on lines of its own, each a comment (a backslash inside a comment would not continue
 * the command).
 */
function wrapCommand(line: string, width: number, indent: string): string {
  const [, prefix = '', command = '', comment] = /^( *\$ )(.*?)(?:\s+(#.*))?$/.exec(line) ?? [];
  const words = command.split(/\s+/);
  const groups: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const takesNext =
      (word.startsWith('-') || word === '>' || word === '|') && next !== undefined && !next.startsWith('-');
    groups.push(takesNext ? `${word} ${next}` : word);
    if (takesNext) i++;
  }
  const room = Math.max(1, width - 2);
  const lines: string[] = [];
  let current = `${prefix}${groups[0] ?? ''}`;
  for (const group of groups.slice(1)) {
    if (displayWidth(current) + 1 + displayWidth(group) > room) {
      lines.push(current);
      current = `${indent}${group}`;
    } else current += ` ${group}`;
  }
  if (comment !== undefined && displayWidth(current) + 3 + displayWidth(comment) <= width) current += `   ${comment}`;
  lines.push(current);
  const commandText = lines.join(' \\\n');
  if (comment === undefined || lines.at(-1)?.endsWith(comment)) return commandText;
  const commentLines = wrapLine(comment.replace(/^#\s*/, ''), width - indent.length - 2).map(
    (text) => `${indent}# ${text}`,
  );
  return [commandText, ...commentLines].join('\n');
}
