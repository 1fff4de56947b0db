import type { ProgressCallback } from '../core/common/progress.js';
import { terminalText } from '../text.js';
import { CLEAR_PROGRESS, progressLine, renderProgress } from '../format/terminal/progress.js';
import { stderr, writeExact } from './streams.js';

/** Where progress goes: stderr, or a stand-in for it in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressReporter {
  /** For the core; undefined when no progress is to be shown, so that the work is not even asked to report. */
  onProgress: ProgressCallback | undefined;
  /** Clears the progress line, if one was shown. Call it when the work ends, however it ends. */
  finish(): void;
}

/** A progress report made safe to print on a line of its own: a line break in it is written out too. */
export const oneLine = (text: string) => terminalText(text, { colour: false }).replaceAll('\n', '\\u{a}');

/** Work predicted to take longer than this shows its progress. */
export const LONG_WORK_MS = 1_000;
/** Progress is predicted from this much of the work, no sooner: the first steps are too few to time. */
const TIMING_MS = 250;

/**
 * The one place that decides whether progress is shown: only on a terminal (never when stderr is a file or a
 * pipe, and never on stdout), and only for work that, at its pace after the first steps, will take more than
 * {@link LONG_WORK_MS} in all. Each run of the work (done counting from the start again) is timed afresh.
 */
export function progressReporter(
  label: string,
  unit: string,
  stream: ProgressStream = stderr(),
  now: () => number = () => performance.now(),
): ProgressReporter {
  if (stream.isTTY !== true) return { onProgress: undefined, finish: () => {} };
  let start = now();
  let lastDone = 0;
  let shown = false;
  let lastPct = -1;
  // A point part-way through the timing, to take the pace from after the first steps' warm-up.
  let mark: { at: number; done: number } | undefined;
  const finish = () => {
    if (shown) writeExact(stream, CLEAR_PROGRESS);
    shown = false;
    lastPct = -1;
  };
  const onProgress: ProgressCallback = (done, total) => {
    if (done < lastDone) {
      finish();
      start = now();
      mark = undefined;
    }
    lastDone = done;
    const elapsed = now() - start;
    if (!shown) {
      if (done >= total) return;
      if (mark === undefined) {
        if (elapsed >= TIMING_MS / 2) mark = { at: elapsed, done };
        return;
      }
      if (elapsed < TIMING_MS || done <= mark.done) return;
      const msPerStep = (elapsed - mark.at) / (done - mark.done);
      if (elapsed + (total - done) * msPerStep <= LONG_WORK_MS) return;
      shown = true;
    }
    const pct = Math.floor((done / total) * 100);
    if (pct === lastPct) return;
    lastPct = pct;
    writeExact(stream, progressLine(oneLine(renderProgress(label, done, total, unit))));
  };
  return { onProgress, finish };
}
