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
