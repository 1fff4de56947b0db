/** One progress line for a terminal: back to the start of the line, the text, and the rest of the line cleared. */
export function renderProgress(label: string, done: number, total: number, unit: string): string {
  const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `\r${label}: ${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit})\u001b[K`;
}

/** Clears a progress line, leaving the cursor at its start. */
export const CLEAR_PROGRESS = '\r\u001b[K';
