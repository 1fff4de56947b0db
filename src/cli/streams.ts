import { fstatSync, writeSync } from 'node:fs';
import { terminalText } from '../text.js';
import { EXIT_FAILURE } from '../errors.js';
import { colorEnabled } from '../format/terminal/color.js';

/** stdout or stderr, or a stand-in for one in tests. */
export interface OutputStream {
  isTTY?: boolean;
  /** The terminal's width, when the stream is a terminal. */
  columns?: number;
  write(text: string | Uint8Array): unknown;
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

/** Writes bytes exactly (a PNG). */
export function writeBytes(stream: OutputStream, bytes: Uint8Array): void {
  if (bytes.length === 0 || closedStreams.has(stream)) return;
  stream.write(bytes);
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

/** The process's two output streams, as the CLI writes to them. */
export interface OutputStreams {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** Node's own stdout and stderr, until {@link useDescriptorStreams} replaces them (in-process runs keep them). */
let current: OutputStreams = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
};

/** Where the CLI's standard output goes. */
export function stdout(): OutputStream {
  return current.stdout;
}

/** Where the CLI's messages, warnings and progress go. */
export function stderr(): OutputStream {
  return current.stderr;
}

/** The first write error of a stream decides what happens; a stream that failed takes no more writes. */
function failureHandler(
  stream: OutputStream,
  streams: () => OutputStreams,
  exit: (code: number) => void,
): (error: NodeJS.ErrnoException) => void {
  return (error) => {
    if (closedStreams.has(stream)) return;
    const failure = writeFailure(stream, error, streams().stderr);
    closedStreams.add(stream);
    if (failure.kind === 'reader-gone') return;
    if (failure.message !== undefined) writeText(streams().stderr, failure.message);
    exit(EXIT_FAILURE);
  };
}

/**
 * Handles write errors on stdout and stderr (attach before anything is written): without a handler, Node prints
 * the error's stack trace. Each stream's first error decides; later ones (writes already queued) are ignored.
 */
export function guardOutputStreams(
  streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  streams.stdout.on(
    'error',
    failureHandler(streams.stdout, () => streams, exit),
  );
  streams.stderr.on(
    'error',
    failureHandler(streams.stderr, () => streams, exit),
  );
}

/** The system calls a descriptor stream makes: the real ones, or stand-ins in tests. */
export interface DescriptorCalls {
  isCharacterDevice(fd: number): boolean;
  write(fd: number, bytes: Uint8Array): number;
}

const systemCalls: DescriptorCalls = {
  isCharacterDevice: (fd) => fstatSync(fd).isCharacterDevice(),
  write: (fd, bytes) => writeSync(fd, bytes),
};

/**
 * stdout or stderr written with blocking system calls on the file descriptor itself, when it is a pipe or a
 * file: Node's own stream objects cost a run about 3 ms to create (they load Node's stream modules), a tenth of
 * the tool's start-up. A terminal (or another character device), and a descriptor the system says would block
 * (one a parent made non-blocking), are written through Node's stream instead, from then on, in order: the
 * stream is made, and given the same error handling, only then. Write errors are handled as
 * {@link guardOutputStreams} handles them on Node's streams.
 */
export class DescriptorStream implements OutputStream {
  #node: NodeJS.WriteStream | undefined;
  #direct: boolean | undefined;

  constructor(
    private readonly fd: number,
    private readonly nodeStream: () => NodeJS.WriteStream,
    private readonly onFailure: (stream: OutputStream, error: NodeJS.ErrnoException) => void,
    private readonly calls: DescriptorCalls = systemCalls,
  ) {}

  get isTTY(): boolean {
    return this.direct() ? false : this.node().isTTY === true;
  }

  get columns(): number | undefined {
    return this.direct() ? undefined : this.node().columns;
  }

  write(text: string | Uint8Array): boolean {
    if (closedStreams.has(this)) return true;
    if (!this.direct()) return this.node().write(text);
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += this.calls.write(this.fd, bytes.subarray(offset));
      } catch (error) {
        const failure = error as NodeJS.ErrnoException;
        if (failure.code !== 'EAGAIN') {
          this.onFailure(this, failure);
          return true;
        }
        this.#direct = false;
        return this.node().write(bytes.subarray(offset));
      }
    }
    return true;
  }

  on(event: 'drain' | 'error' | 'close', listener: () => void): this {
    if (!this.direct()) this.node().on(event, listener);
    return this;
  }

  off(event: 'drain' | 'error' | 'close', listener: () => void): this {
    if (!this.direct()) this.node().off(event, listener);
    return this;
  }

  private direct(): boolean {
    this.#direct ??= !this.isCharacterDevice();
    return this.#direct;
  }

  private isCharacterDevice(): boolean {
    try {
      return this.calls.isCharacterDevice(this.fd);
    } catch {
      return true;
    }
  }

  private node(): NodeJS.WriteStream {
    if (this.#node === undefined) {
      this.#node = this.nodeStream();
      this.#node.on('error', (error: NodeJS.ErrnoException) => this.onFailure(this, error));
    }
    return this.#node;
  }
}

/**
 * The CLI's entry: stdout and stderr become {@link DescriptorStream}s, with the failure handling of
 * {@link guardOutputStreams}. In-process runs (tests) keep Node's streams.
 */
export function useDescriptorStreams(exit: (code: number) => void = (code) => process.exit(code)): void {
  const onFailure = (stream: OutputStream, error: NodeJS.ErrnoException) =>
    failureHandler(stream, () => current, exit)(error);
  current = {
    stdout: new DescriptorStream(1, () => process.stdout, onFailure),
    stderr: new DescriptorStream(2, () => process.stderr, onFailure),
  };
}
