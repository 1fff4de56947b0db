import { terminalText } from '../text.js';
import { EXIT_FAILURE } from '../errors.js';
import { colorEnabled } from '../format/color.js';

/** stdout or stderr, or a stand-in for one in tests. */
export interface OutputStream {
  isTTY?: boolean;
  write(text: string): unknown;
  on?(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
  off?(event: 'drain' | 'error' | 'close', listener: () => void): unknown;
}

/** Streams whose reader has gone or whose writes failed: nothing more is written to them. */
const closedStreams = new WeakSet<OutputStream>();
/** false when the run was given --no-color; set by the CLI's entry before anything is written. */
let colourFlag = true;

export function setColourFlag(flag: boolean): void {
  colourFlag = flag;
}

/** Whether colour is on for a stream (the rule is color.ts's). */
export function colourOn(stream: OutputStream): boolean {
  return colorEnabled({ isTTY: stream.isTTY === true, env: process.env, colorFlag: colourFlag });
}

/**
 * Writes human text (a table, a message, a warning, progress): the one way such text reaches a terminal, through
 * {@link terminalText}, so that control characters from names, paths and values are shown, never obeyed.
 */
export function writeText(stream: OutputStream, text: string): void {
  writeExact(stream, terminalText(text, { colour: colourOn(stream) }));
}

/** Writes a machine-readable document (JSON, NDJSON, CSV) exactly as built. */
export function writeExact(stream: OutputStream, text: string): void {
  if (text === '' || closedStreams.has(stream)) return;
  stream.write(text);
}

/** How many characters of a streamed document are gathered before they are written: few writes, little memory. */
export const WRITE_BATCH_CHARS = 64 * 1024;

/**
 * Writes a machine-readable document given in pieces, exactly, in batches of about {@link WRITE_BATCH_CHARS}
 * characters, each written only when the stream has taken the one before (a pipe whose reader is slow holds the
 * run back instead of filling memory). The pieces are made as they are needed: when making one fails, the batch
 * not yet written is dropped and the error goes on, so that a failure before the first batch leaves stdout empty
 * and a later one leaves a truncated document (and the run's non-zero exit code). When the stream's reader has
 * gone (EPIPE), writing and making pieces stop.
 */
export async function writeExactPieces(stream: OutputStream, pieces: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let batchChars = 0;
  for (const piece of pieces) {
    if (closedStreams.has(stream)) return;
    batch.push(piece);
    batchChars += piece.length;
    if (batchChars < WRITE_BATCH_CHARS) continue;
    await writeWhenTaken(stream, batch.join(''));
    batch = [];
    batchChars = 0;
  }
  if (batchChars > 0) await writeWhenTaken(stream, batch.join(''));
}

/** Writes text and, when the stream says its buffer is full, waits until it has drained (or failed, or closed). */
async function writeWhenTaken(stream: OutputStream, text: string): Promise<void> {
  if (closedStreams.has(stream)) return;
  if (stream.write(text) !== false || stream.on === undefined || stream.off === undefined) return;
  const { on, off } = { on: stream.on.bind(stream), off: stream.off.bind(stream) };
  await new Promise<void>((resolve) => {
    const done = () => {
      off('drain', done);
      off('error', done);
      off('close', done);
      resolve();
    };
    on('drain', done);
    on('error', done);
    on('close', done);
  });
}

/** The few words the system gives for an error code: "no space left on device" from "ENOSPC: no space…, write". */
export function describeWriteError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'unknown error';
  const words = /^[A-Z0-9_]+: (.*?)(?:, \w+)?$/.exec(error.message)?.[1] ?? error.message;
  return `${words} (${code})`;
}

/** What a failed write to stdout or stderr leads to: keep going without the stream, or stop with a message. */
export type WriteFailure = { kind: 'reader-gone' } | { kind: 'fatal'; message: string | undefined };

/**
 * EPIPE means the reader left (`| head -1`): not a failure of ours, so writing to that stream stops and the run
 * ends with its own exit code. Any other error (ENOSPC, EIO…) means the output is lost: the run stops with exit
 * code 1 and one line on stderr, when stderr is not the stream that failed.
 */
export function writeFailure(stream: OutputStream, error: NodeJS.ErrnoException, stderr: OutputStream): WriteFailure {
  if (error.code === 'EPIPE') return { kind: 'reader-gone' };
  const message =
    stream === stderr || closedStreams.has(stderr)
      ? undefined
      : `error: cannot write the output: ${describeWriteError(error)}\n`;
  return { kind: 'fatal', message };
}

/**
 * Handles write errors on stdout and stderr (attach before anything is written): without a handler, Node prints
 * the error's stack trace. Each stream's first error decides; later ones (writes already queued) are ignored.
 */
export function guardOutputStreams(
  streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const onError = (stream: NodeJS.WriteStream) => (error: NodeJS.ErrnoException) => {
    if (closedStreams.has(stream)) return;
    const failure = writeFailure(stream, error, streams.stderr);
    closedStreams.add(stream);
    if (failure.kind === 'reader-gone') return;
    if (failure.message !== undefined) writeText(streams.stderr, failure.message);
    exit(EXIT_FAILURE);
  };
  streams.stdout.on('error', onError(streams.stdout));
  streams.stderr.on('error', onError(streams.stderr));
}
