import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far the heap may grow past what was in use after the last full collection before another is asked for. V8
 * lets the heap of a long run grow to a few times what is live before it collects in full; a streamed output of a
 * million records makes that much short-lived garbage, so the peak memory would follow the output's length.
 */
export const HEAP_HEADROOM_BYTES = 256 * 1024 * 1024;

const heapUsedBytes = () => getHeapStatistics().used_heap_size;

/** V8's full garbage collection, made callable at run time, or undefined where the runtime refuses it. */
function fullCollection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A check to run between batches of a long output: when the heap has grown {@link HEAP_HEADROOM_BYTES} past what
 * was in use after the last full collection, it collects in full, so that the peak memory stays near what is live
 * (the data and one batch of records) plus the headroom, whatever the output's length.
 */
export function heapKeeper(headroomBytes = HEAP_HEADROOM_BYTES): () => void {
  let collect: (() => void) | undefined;
  let limitBytes = heapUsedBytes() + headroomBytes;
  return () => {
    if (heapUsedBytes() < limitBytes) return;
    collect ??= fullCollection();
    collect?.();
    limitBytes = heapUsedBytes() + headroomBytes;
  };
}
