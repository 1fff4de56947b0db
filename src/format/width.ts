/** Terminal widths and wrapping, measured in display columns rather than UTF-16 code units. */

/** The width output is laid out for when the terminal's is unknown (not a TTY, no COLUMNS). */
export const DEFAULT_WIDTH_COLUMNS = 80;
/** The narrowest layout attempted; a narrower terminal gets this width and lines that overflow it. */
export const MIN_WIDTH_COLUMNS = 40;

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const ANSI_OR_CHARACTER = /\u001b\[[0-9;]*m|[\s\S]/gu;

/** Text every character of which takes exactly one column: most cells of a long table. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The text without its colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/** Code points that take no column: combining marks, zero-width spaces and joiners, variation selectors. */
function isZeroWidth(codePoint: number, character: string): boolean {
  return (
    /\p{Mn}|\p{Me}/u.test(character) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  );
}

/** East Asian wide and full-width code points, and emoji, which a terminal draws two columns wide. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Columns one character (a code point, or a colour code) takes on a terminal. */
function characterWidth(character: string): number {
  if (character.startsWith('\u001b')) return 0;
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (isZeroWidth(codePoint, character)) return 0;
  return isWide(codePoint) ? 2 : 1;
}

/** Columns a single line takes on a terminal: colour codes take none, wide characters two. */
export function displayWidth(line: string): number {
  if (PRINTABLE_ASCII.test(line)) return line.length;
  let width = 0;
  for (const character of line.match(ANSI_OR_CHARACTER) ?? []) width += characterWidth(character);
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
  for (const character of word.match(ANSI_OR_CHARACTER) ?? []) {
    const w = characterWidth(character);
    if (pieceWidth + w > width && pieceWidth > 0) {
      const at = piece.findLastIndex((c, i) => i < piece.length - 1 && BREAK_AFTER.has(c));
      const carried = at >= 0 ? piece.slice(at + 1) : [];
      pieces.push(piece.slice(0, piece.length - carried.length).join(''));
      width = restWidth;
      piece = carried;
      pieceWidth = carried.reduce((sum, c) => sum + characterWidth(c), 0);
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
