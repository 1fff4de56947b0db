/**
 * How long work reports how far it has got: called with the steps done and the steps in all, now and then and
 * once at the end (done = total). The core only calls it; what is shown, and where, is the caller's choice.
 */
export type ProgressCallback = (done: number, total: number) => void;

/** Steps between reports: often enough to be smooth, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 4_096;

/** Calls `onProgress` every {@link PROGRESS_EVERY} steps and at the last one. */
export function reportEvery(onProgress: ProgressCallback | undefined, total: number): (done: number) => void {
  if (!onProgress) return () => {};
  return (done) => {
    if (done === total || done % PROGRESS_EVERY === 0) onProgress(done, total);
  };
}
