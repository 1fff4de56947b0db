import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DailyInputSource, NETWORK_INPUTS_FILE } from './dataset.js';
import { packageInfo } from './package.js';
import { pathExists, readTextFile } from './read-file.js';
import { parseSeriesInput, type SeriesInputRow } from './series-input.js';
import { type FileStamp, isRacy, modifiedMs, sameStamp, stampOf, textChecksum } from './file-stamp.js';
import { writeAtomically } from './write-file.js';

/**
 * Where the build keeps what it computed from the shipped daily inputs (the `bottom-up` series' yearly totals),
 * with the JSON of everything else the result rests on; the inputs themselves are in
 * {@link PRECOMPUTED_INPUTS_FILE}. A run uses the result only when both are its own, byte for byte.
 */
export const PRECOMPUTED_FILE = join('dist', 'bottom-up-series.json');
/** The build's copy of the daily inputs its {@link PRECOMPUTED_FILE} was computed from. */
export const PRECOMPUTED_INPUTS_FILE = join('dist', 'bottom-up-inputs.csv');

/**
 * Where a user's data directory keeps what was computed from its own daily inputs: one JSON object with the basis,
 * the value, the state of the inputs file (size, times, inode) when the text the value was computed from was read,
 * and a checksum of that text. The value is used while the file is still in that state, as the directory's
 * snapshot is (a replacement of the file changes its inode, a write its times), without reading the inputs; when
 * the file changed in the moments before the record was written (a racy state, which a write of the same size just
 * after could leave as it was), only once the text read again matches the checksum, and the record is written anew.
 */
export const KEPT_RESULT_FILE = '.bottom-up-series';

/** How much of each end of the file {@link DailyInputs.span} reads: far more than a header and a row. */
const END_BYTES = 4096;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The daily inputs a dataset was loaded with: `network-inputs.csv` of the data directory when it has one, else the
 * shipped one. Nothing is read until asked for, and each thing only once. Left out of the dataset's JSON
 * (`toJSON`), which holds records, not files.
 */
export class DailyInputs implements DailyInputSource {
  #text: string | undefined;
  /** The file's state just before {@link text} read it: what a value computed from that text is kept with. */
  #stampOfText: FileStamp | undefined;
  #rows: SeriesInputRow[] | undefined;
  #span: { from: string; to: string } | null | undefined;

  /**
   * @param keepResults whether what is computed from these inputs may be kept beside them ({@link KEPT_RESULT_FILE}):
   * for the user's data directory, which the tool owns; never for a directory given with --data.
   */
  constructor(
    readonly path: string,
    private readonly keepResults = false,
  ) {}

  /** The file's text. @throws DataError when it cannot be read. */
  text(): string {
    if (this.#text === undefined) {
      this.#stampOfText = this.keepResults ? stampOf(this.path) : null;
      this.#text = readTextFile(this.path, 'the daily inputs');
    }
    return this.#text;
  }

  /** The file's days, checked as `network --input` checks them. @throws DataError naming each bad line. */
  rows(): SeriesInputRow[] {
    this.#rows ??= parseSeriesInput(this.text(), this.path);
    return this.#rows;
  }

  /**
   * The first and last dates, read from the two ends of the file without reading or checking the rest (the checks
   * come with {@link rows}); undefined when they cannot be read so.
   */
  span(): { from: string; to: string } | undefined {
    if (this.#span === undefined) {
      try {
        this.#span = spanOf(...this.#ends()) ?? null;
      } catch {
        this.#span = null;
      }
    }
    return this.#span ?? undefined;
  }

  #ends(): [string, string] {
    if (this.#text !== undefined) return [this.#text, this.#text];
    const fd = openSync(this.path, 'r');
    try {
      const size = fstatSync(fd).size;
      const read = (position: number) => {
        const buffer = Buffer.alloc(Math.min(END_BYTES, size));
        const length = readSync(fd, buffer, 0, buffer.length, position);
        return buffer.subarray(0, length).toString('utf8');
      };
      return size <= END_BYTES ? [read(0), read(0)] : [read(0), read(size - END_BYTES)];
    } finally {
      closeSync(fd);
    }
  }

  /**
   * What the build computed from these very inputs on the same `basis` (as JSON), if it did, compared with the copy
   * of the inputs kept with it as bytes, without decoding either; or what an earlier run kept beside them (see the
   * constructor) while the inputs file is as it was when that run read it.
   */
  precomputed(basis: unknown): unknown {
    const key = JSON.stringify(basis);
    try {
      const root = packageInfo().root;
      // Inputs of another length are not the build's: neither its record nor its copy need be read.
      const builtInputs = join(root, PRECOMPUTED_INPUTS_FILE);
      const own = () => (this.#text === undefined ? withoutBom(readFileSync(this.path)) : Buffer.from(this.#text, 'utf8'));
      const size = statSync(this.path).size;
      const builtSize = statSync(builtInputs).size;
      // (A byte-order mark, which the text leaves out, is three bytes more.)
      if (size === builtSize || size === builtSize + 3) {
        const inputs = own();
        const stored = JSON.parse(readFileSync(join(root, PRECOMPUTED_FILE), 'utf8')) as { basis?: unknown; value?: unknown };
        if (stored.basis === key && inputs.equals(readFileSync(builtInputs))) return stored.value;
      }
    } catch {
      // nothing built for these inputs: look for a kept result
    }
    if (!this.keepResults) return undefined;
    try {
      const keptPath = join(dirname(this.path), KEPT_RESULT_FILE);
      const writtenAtMs = modifiedMs(keptPath);
      const kept = JSON.parse(readFileSync(keptPath, 'utf8')) as {
        basis?: unknown;
        inputs?: unknown;
        checksum?: unknown;
        value?: unknown;
      };
      const now = this.#stampOfText ?? stampOf(this.path);
      if (now === null || kept.basis !== key || !sameStamp(kept.inputs as FileStamp | undefined, now)) return undefined;
      if (!isRacy(now, writtenAtMs)) return kept.value;
      // The inputs changed moments before the record was written: used only if the text is still the one it was
      // computed from, and kept again, so that a later run finds a record written well after the change.
      if (typeof kept.checksum !== 'string' || textChecksum(this.text()) !== kept.checksum) return undefined;
      this.keep(basis, kept.value);
      return kept.value;
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps a value computed from these inputs on `basis` beside them, for later runs, when they are the user's data
   * directory's; written whole or not at all, and a failure to write it (a read-only directory) is no failure of
   * the run, which has its result. It is kept with the state the file was in when its text was read: a file
   * replaced since is never paired with it.
   */
  keep(basis: unknown, value: unknown): void {
    if (!this.keepResults) return;
    try {
      this.text();
      const stamp = this.#stampOfText;
      if (stamp == null) return;
      const record = { basis: JSON.stringify(basis), inputs: stamp, checksum: textChecksum(this.#text as string), value };
      writeAtomically(join(dirname(this.path), KEPT_RESULT_FILE), JSON.stringify(record));
    } catch {
      // computed again next time
    }
  }

  /**
   * What the build keeps of a value computed from these inputs on `basis`: the record of {@link PRECOMPUTED_FILE},
   * and the inputs' text for {@link PRECOMPUTED_INPUTS_FILE}.
   */
  precomputedRecord(basis: unknown, value: unknown): { record: { basis: string; value: unknown }; inputs: string } {
    return { record: { basis: JSON.stringify(basis), value }, inputs: this.text() };
  }

  toJSON(): undefined {
    return undefined;
  }
}

/** A file's bytes as its text holds them: without the byte-order mark that reading it as text leaves out. */
function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** The first and last dates of a CSV with a `date` column or of NDJSON with a `date` field, from its two ends. */
function spanOf(head: string, tail: string): { from: string; to: string } | undefined {
  const headLines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  const tailLines = tail.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = tailLines.at(-1);
  if (last === undefined) return undefined;
  let from: string | undefined;
  let to: string | undefined;
  if (head.trimStart().startsWith('{')) {
    const dateIn = (line: string | undefined) => /"date"\s*:\s*"([^"]*)"/.exec(line ?? '')?.[1];
    from = dateIn(headLines.find((line) => line.trim() !== ''));
    to = dateIn(last);
  } else {
    const column = (headLines[0] ?? '').split(',').findIndex((name) => name.trim().replace(/^"|"$/g, '') === 'date');
    if (column < 0) return undefined;
    const cell = (line: string | undefined) => line?.split(',')[column]?.trim().replace(/^"|"$/g, '');
    from = cell(headLines.slice(1).find((line) => line.trim() !== ''));
    to = cell(last);
  }
  return from !== undefined && to !== undefined && DATE.test(from) && DATE.test(to) && from <= to
    ? { from, to }
    : undefined;
}

/**
 * The daily inputs a run uses: the data directory's `network-inputs.csv` when it has one, else the user's data
 * directory's (which `data update` writes whole), else the shipped one unless the shipped data are not used;
 * undefined when there are none.
 */
export function dailyInputsPath(options: {
  dataDir?: string | undefined;
  userDir?: string | undefined;
  defaultData?: boolean;
}): string | undefined {
  for (const dir of [options.dataDir, options.defaultData === false ? undefined : options.userDir]) {
    if (dir !== undefined && pathExists(join(dir, NETWORK_INPUTS_FILE))) return join(dir, NETWORK_INPUTS_FILE);
  }
  if (options.defaultData === false) return undefined;
  return join(packageInfo().root, 'data', NETWORK_INPUTS_FILE);
}
