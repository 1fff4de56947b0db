import type { ClaimResult } from '../../core/claims.js';
import type { Colors } from '../terminal/color.js';
import { wrapText } from '../terminal/width.js';

/** The claims for people: each claim's verdict, the claim, the data's figure and any note, then a count. */
export function renderClaims(results: readonly ClaimResult[], colors: Colors, widthColumns: number): string {
  const paint = { reproduced: colors.green, contradicted: colors.red, 'not checkable': colors.yellow };
  // Continuation lines of a claim, figure or note start under its text, after "  claim: ".
  const field = (label: string, text: string) => `${wrapText(`  ${label.padEnd(7)}${text}`, widthColumns, 7)}\n`;
  const blocks = results.map(
    (r) =>
      `${wrapText(`${paint[r.verdict](r.verdict.toUpperCase())}  ${colors.bold(`${r.document}/${r.id}`)}`, widthColumns)}\n${field('claim:', r.claim)}${field('data:', r.figure)}${r.note ? field('note:', r.note) : ''}`,
  );
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const summary = `${results.length} claims: ${count('reproduced')} reproduced, ${count('contradicted')} contradicted, ${count('not checkable')} not checkable.`;
  return `${blocks.join('\n')}\n${wrapText(summary, widthColumns)}\n`;
}
