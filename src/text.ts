/**
 * Every character that must never reach a terminal or a data string: the controls (Unicode's Cc: C0, DEL and C1, the
 * line break included), the line and paragraph separators, the bidirectional controls (Unicode's Bidi_Control:
 * marks, embeddings, overrides and isolates) and every default-ignorable code point (Unicode's
 * Default_Ignorable_Code_Point: zero-width spaces and joiners, the soft hyphen, the combining grapheme joiner, the
 * Mongolian vowel separator, variation selectors, tag characters U+E0000–U+E0FFF, the byte-order mark…), any of
 * which can fake, hide or reorder what is shown, or make two different names look the same ("Sichuan" and
 * "Sich\u00ADuan"). The one definition: the checks of data strings, the escaping of messages, the terminal writer
 * and the CSV writer all use it.
 *
 * {@link UNSAFE_BY_PROPERTY} is the definition by Unicode's properties; this is the same set written as ranges,
 * which a test checks against it over every code point. A class of ranges costs nothing to build, where the
 * properties' class takes about 0.3 ms at each start-up, for each expression made from it.
 */
export const UNSAFE_RANGES =
  '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}\\u{ad}\\u{34f}\\u{61c}\\u{115f}-\\u{1160}\\u{17b4}-\\u{17b5}\\u{180b}-\\u{180f}' +
  '\\u{200b}-\\u{200f}\\u{2028}-\\u{202e}\\u{2060}-\\u{206f}\\u{3164}\\u{fe00}-\\u{fe0f}\\u{feff}\\u{ffa0}\\u{fff0}-\\u{fff8}' +
  '\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}\\u{e0000}-\\u{e0fff}]';
/** The set of {@link UNSAFE_RANGES} by Unicode's properties, for the test that compares the two. */
export const UNSAFE_BY_PROPERTY = '[\\p{Cc}\\p{Bidi_Control}\\p{Default_Ignorable_Code_Point}\\u2028\\u2029]';
// A class of code points (the 'u' flag): combining marks and selectors are among them on purpose.
// eslint-disable-next-line no-misleading-character-class -- see above
const UNSAFE = new RegExp(UNSAFE_RANGES, 'u');
// eslint-disable-next-line no-misleading-character-class -- the same
const UNSAFE_ALL = new RegExp(UNSAFE_RANGES, 'gu');

/** The first unsafe character in a text, as U+XXXX (four to six digits), or undefined when it has none. */
export function controlCharacterIn(text: string): string | undefined {
  const match = UNSAFE.exec(text);
  return match ? `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

const escapeCharacter = (char: string) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;

/** A text safe to print: every unsafe character but the line break written out as \u{…}. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_ALL, (char) => (char === '\n' ? char : escapeCharacter(char)));
}

/**
 * A path (a file or directory named by the user or the data) as a message or a line for people shows it: on one
 * line, every unsafe character written out as \u{…}, the line break included (as \u{a}), so that a name with a line
 * break, an escape sequence, a carriage return or a bidirectional override can neither split a message in two nor
 * rewrite what the terminal shows. Output for programs (JSON, NDJSON, CSV) keeps the path as it is.
 */
export function escapePath(path: string): string {
  return escapeControls(path).replaceAll('\n', '\\u{a}');
}

/** A text with every unsafe character, the line break included, replaced by `by`. */
export function replaceControls(text: string, by: string): string {
  return text.replace(UNSAFE_ALL, by);
}

/**
 * The colour sequences the tool itself writes (chalk at level 1: reset, bold, dim, normal intensity, red, green,
 * yellow, cyan, grey and the default colour); any other Select Graphic Rendition, such as concealed text or black
 * on black, is not the tool's and is escaped like any control sequence.
 */
const OWN_COLOUR_CODES = new Set(['0', '1', '2', '22', '31', '32', '33', '36', '39', '90']);
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const COLOUR_SEQUENCE = /\u001b\[([\d;]*)m/y;

/**
 * The one rule for human text on its way to a terminal (stdout's tables, everything on stderr): every unsafe
 * character but the line break is written out as \u{…}, so that no escape sequence, carriage return or
 * bidirectional override in a name, a path or a value can retitle, clear or rewrite the terminal. With `colour`
 * on, the tool's own colour sequences alone are kept as they are; with it off, no ESC is left at all.
 */
export function terminalText(text: string, { colour }: { colour: boolean }): string {
  if (!colour) return escapeControls(text);
  return text.replace(UNSAFE_ALL, (char, offset: number) => {
    if (char === '\n') return char;
    if (char === '\u001b') {
      COLOUR_SEQUENCE.lastIndex = offset;
      const codes = COLOUR_SEQUENCE.exec(text)?.[1];
      if (codes !== undefined && codes.split(';').every((code) => OWN_COLOUR_CODES.has(code === '' ? '0' : code))) {
        return char;
      }
    }
    return escapeCharacter(char);
  });
}

/** Lower-case, with spaces, hyphens, underscores, dots, commas and apostrophes removed: "Nei Mongol" → "neimongol". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.,'\u2019()]+/g, '');
}

/** Levenshtein distance, for "did you mean …" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidates closest to `query` (at most `limit`), close enough to be a plausible typo. */
export function suggest(query: string, candidates: readonly string[], limit = 3): string[] {
  const wanted = normaliseName(query);
  const scored = candidates
    .map((candidate) => {
      const name = normaliseName(candidate);
      const distance = name.startsWith(wanted) && wanted.length >= 3 ? 0.5 : editDistance(wanted, name);
      return { candidate, distance };
    })
    .filter(({ distance }) => distance <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.distance - b.distance || compareText(a.candidate, b.candidate));
  return [...new Set(scored.map((s) => s.candidate))].slice(0, limit);
}

export function quoteList(items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** "Sichuan's", "United States'". */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/**
 * Orders strings by code unit. Deliberately not `localeCompare`: its first call loads ICU collation data,
 * which costs more than the rest of an estimate; the order only needs to be stable.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A count or a limit as every message writes it, with thousands separators: 10000 → "10,000". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
