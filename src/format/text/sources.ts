import type { Dataset } from '../../data/dataset.js';
import { wrapText } from '../terminal/width.js';

/** `sources` for people: each source's id, grade, title, publisher, address, licence and note, wrapped to a width. */
export function renderSourceList(sources: Dataset['sources'], widthColumns: number): string {
  return sources
    .map((s) =>
      wrapText(
        `${s.id} (${s.evidence === 'secondhand' ? `secondhand, reported by ${s.reportedBy}` : s.evidence})${s.reportedBy && s.evidence !== 'secondhand' ? `\n  secondhand figures in it: reported by ${s.reportedBy}` : ''}\n  ${s.title}${s.publisher ? `\n  ${s.publisher}` : ''}${s.url ? `\n  ${s.url}` : ''}\n  licence: ${s.licence ?? 'not stated'}${s.note ? `\n  ${s.note}` : ''}\n`,
        widthColumns,
      ),
    )
    .join('\n');
}
