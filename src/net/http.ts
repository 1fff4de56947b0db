import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { DataError } from '../errors.js';
import { ORIGINAL_ENCODING_HEADER } from './dispatcher.js';
import { delay, type RateLimiter } from './rate-limit.js';

/** How a source's requests are made: limits, timeouts, retries. */
export interface RequestOptions {
  /** The source as named in messages ("Coin Metrics"). */
  source: string;
  dispatcher: Dispatcher;
  limiter?: RateLimiter;
  /** Until the response's status and headers arrive, in milliseconds. */
  responseTimeoutMs: number;
  /** For the whole body, once the headers are in, in milliseconds. */
  bodyTimeoutMs: number;
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait before a retry, doubled for each further one, in milliseconds. */
  retryBaseMs: number;
  /** The longest wait before a retry, Retry-After included: a server asking for longer fails the request. */
  retryMaxMs: number;
  /** Told of each retry, for progress on a terminal. */
  onRetry?: (message: string) => void;
  /** Told of each request as it is sent, retries included. */
  onRequest?: () => void;
  /** Ends the request when aborted (an interrupt). */
  signal?: AbortSignal;
}

/** A response read whole, decoded and checked. */
export interface FetchedText {
  url: string;
  status: number;
  headers: Headers;
  /** The bytes as they arrived (before any Content-Encoding was undone). */
  bytes: Uint8Array;
  text: string;
}

/** A failure worth another try (a 5xx or 429 status, a broken connection, a timeout), with how long to wait first. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly waitMs: number | undefined,
  ) {
    super(message);
  }
}

/** The default timeouts and retries: a slow network is waited for, a stuck one is not. */
export const DEFAULT_REQUEST_LIMITS = {
  responseTimeoutMs: 30_000,
  bodyTimeoutMs: 120_000,
  attempts: 4,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
};

/**
 * GETs a URL and returns its body as text: retried with a doubling wait on a 5xx or 429 status (honouring
 * Retry-After, in seconds or as an HTTP date, up to `retryMaxMs`), on a broken connection and on a timeout; a body
 * whose gzip is cut short, or that is not UTF-8, is an error.
 * @throws DataError naming the source, the URL and what went wrong on the last try.
 */
export async function fetchText(url: string, options: RequestOptions): Promise<FetchedText> {
  let last = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await fetchOnce(url, options);
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      last = error.message;
      if (attempt === options.attempts) break;
      const backoffMs = Math.min(options.retryBaseMs * 2 ** (attempt - 1), options.retryMaxMs);
      const waitMs = error.waitMs ?? backoffMs;
      if (waitMs > options.retryMaxMs) {
        throw new DataError(
          `${options.source}: ${url} ${last}, and asks to be tried again in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.ceil(options.retryMaxMs / 1000)} s this tool waits; try again later.`,
        );
      }
      options.onRetry?.(`${options.source}: ${last}; trying again in ${(waitMs / 1000).toFixed(1)} s`);
      await delay(waitMs);
      if (options.signal?.aborted) throw new DataError('interrupted');
    }
  }
  throw new DataError(`${options.source}: ${url} ${last} (${options.attempts} tries).`);
}

async function fetchOnce(url: string, options: RequestOptions): Promise<FetchedText> {
  await options.limiter?.wait();
  if (options.signal?.aborted) throw new DataError('interrupted');
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut: string | undefined;
  let timer = setTimeout(() => {
    timedOut = `gave no response within ${options.responseTimeoutMs / 1000} s`;
    controller.abort();
  }, options.responseTimeoutMs);
  try {
    let response: Response;
    options.onRequest?.();
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.1', 'accept-encoding': 'gzip' },
        redirect: 'error',
        signal: controller.signal,
        // Node's fetch takes undici's dispatcher; the DOM typings do not know the option.
        ...({ dispatcher: options.dispatcher } as object),
      });
    } catch (error) {
      throw failure(error, timedOut, options.signal, 'could not be reached', { url, source: options.source });
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = `did not send its whole response within ${options.bodyTimeoutMs / 1000} s`;
      controller.abort();
    }, options.bodyTimeoutMs);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw failure(error, timedOut, options.signal, 'closed the connection before the whole response arrived');
    }
    if (response.status === 429 || response.status >= 500) {
      throw new Retryable(`answered HTTP ${response.status}${statusText(response)}`, retryAfterMs(response.headers));
    }
    if (response.status !== 200) {
      throw new DataError(
        `${options.source}: ${url} answered HTTP ${response.status}${statusText(response)}${excerpt(bytes)}.`,
      );
    }
    const encoding = (response.headers.get(ORIGINAL_ENCODING_HEADER) ?? 'identity').trim().toLowerCase();
    return {
      url,
      status: response.status,
      headers: response.headers,
      bytes,
      text: decode(bytes, encoding, url, options),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * System errors that another try moments later will meet again: a host name that does not resolve (the machine is
 * offline, or the name is wrong). A temporary failure of the resolver (EAI_AGAIN) is tried again.
 */
const LASTING_FAILURES: ReadonlySet<string> = new Set(['ENOTFOUND']);

/** Whether a failed fetch's cause is one that trying again will not mend. */
export function isLastingFailure(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' && LASTING_FAILURES.has(code);
}

/** A failed fetch or body read as a retryable failure, a lasting one, or the interrupt it was. */
function failure(
  error: unknown,
  timedOut: string | undefined,
  signal: AbortSignal | undefined,
  what: string,
  request?: { url: string; source: string },
): Error {
  if (signal?.aborted) return new DataError('interrupted');
  if (timedOut !== undefined) return new Retryable(timedOut, undefined);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  if (request !== undefined && reason === 'bad port') {
    return new DataError(
      `${request.source}: ${request.url} ${what}: fetch refuses its port ${new URL(request.url).port}, one of the ports browsers block (the Fetch standard's list); serve it on another port.`,
    );
  }
  if (request !== undefined && isLastingFailure(error)) {
    return new DataError(
      `${request.source}: ${request.url} ${what} (${reason}: its host name does not resolve; is this machine offline, or does it reach the web through a proxy that HTTPS_PROXY should name?).`,
    );
  }
  return new Retryable(`${what} (${reason})`, undefined);
}

function statusText(response: Response): string {
  return response.statusText === '' ? '' : ` ${response.statusText}`;
}

/** The start of a body, for a message: a server's HTML error page says more than its status alone. */
function excerpt(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, 200)).toString('utf8').replace(/\s+/g, ' ').trim();
  return text === '' ? '' : `: "${text.slice(0, 120)}${text.length > 120 ? '…' : ''}"`;
}

/** Retry-After in milliseconds: a number of seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function decode(bytes: Uint8Array, encoding: string, url: string, options: RequestOptions): string {
  let plain: Uint8Array;
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') plain = gunzipSync(bytes);
    else if (encoding === 'deflate') plain = inflateSync(bytes);
    else if (encoding === 'br') plain = brotliDecompressSync(bytes);
    else if (encoding === 'identity' || encoding === '') plain = bytes;
    else throw new Error(`an encoding this tool does not read (${encoding})`);
  } catch (error) {
    throw new DataError(
      `${options.source}: the response from ${url} could not be decoded (${encoding}): ${(error as Error).message}; it may have been cut short.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new DataError(`${options.source}: the response from ${url} is not UTF-8 text.`);
  }
}
