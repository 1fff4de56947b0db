/** Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that reorder what a terminal shows. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');

/** The first control character in a text, as U+XXXX, or undefined when it has none. */
export function controlCharacterIn(text: string): string | undefined {
  const match = CONTROL.exec(text);
  return match ? `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** A text safe to print: every control character but the line break written out as \u{…}. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => (char === '\n' ? char : `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`));
}

/**
 * What must never reach a terminal from text: every control character but the line break, the line and paragraph
 * separators, and the bidirectional marks, overrides and isolates, any of which can fake, hide or reorder what is
 * shown.
 */
const TERMINAL_CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** The same, or a colour sequence as chalk writes one (Select Graphic Rendition: ESC [ numbers m) and no other. */
const COLOUR_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /(\u001b\[(?:\d{1,3}(?:;\d{1,3})*)?m)|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const escapeCharacter = (char: string) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;

/**
 * The one rule for human text on its way to a terminal (stdout's tables, everything on stderr): every control
 * character but the line break is written out as \u{…}, so that no escape sequence, carriage return or
 * bidirectional override in a name, a path or a value can retitle, clear or rewrite the terminal. With `colour`
 * on, colour sequences alone are kept as they are; with it off, no ESC is left at all.
 */
export function terminalText(text: string, { colour }: { colour: boolean }): string {
  if (!colour) return text.replace(TERMINAL_CONTROLS, escapeCharacter);
  return text.replace(COLOUR_OR_CONTROL, (match, colourSequence: string | undefined) =>
    colourSequence === undefined ? escapeCharacter(match) : match,
  );
}

/** Lower-case, with spaces, hyphens, underscores, dots, commas and apostrophes removed: "Nei Mongol" → "neimongol". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.,'’()]+/g, '');
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
