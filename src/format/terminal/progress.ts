/** One progress report, as text: the label, the percentage and the count. */
export function renderProgress(label: string, done: number, total: number, unit: string): string {
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `${label}: ${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit})`;
}

/**
 * A progress line for a terminal: back to the start of the line, the text (already made safe to print), and the
 * rest of the line cleared. These two controls are the progress line's own; nothing else in it may be one.
 */
export function progressLine(safeText: string): string {
  return `\r${safeText}\u001b[K`;
}

/** Clears a progress line, leaving the cursor at its start. */
export const CLEAR_PROGRESS = '\r\u001b[K';
