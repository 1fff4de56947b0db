import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from 'undici';
import { DataError } from '../../src/errors.js';
import { fetchText, isLastingFailure, type RequestOptions } from '../../src/net/http.js';
import { rejected } from '../helpers.js';

/** Fast limits; the dispatcher is never used, since fetch itself is replaced in these tests. */
const OPTIONS: RequestOptions = {
  source: 'Coin Metrics',
  dispatcher: {} as Dispatcher,
  responseTimeoutMs: 1_000,
  bodyTimeoutMs: 1_000,
  attempts: 4,
  retryBaseMs: 1,
  retryMaxMs: 10,
};

/** What Node's fetch throws when a connection fails: a TypeError whose cause is the system error. */
const fetchError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a request that cannot reach its host', () => {
  it('is not tried again when the host name does not resolve, and says what to check', async () => {
    const fetch = vi.fn(async () => {
      throw fetchError('ENOTFOUND');
    });
    vi.stubGlobal('fetch', fetch);
    const error = await rejected(DataError, fetchText('https://example.invalid/v4/x', OPTIONS));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(error.message).toMatch(/^Coin Metrics: https:\/\/example\.invalid\/v4\/x could not be reached \(ENOTFOUND/);
    expect(error.message).toMatch(/offline/);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN'])('is tried again on %s, up to its tries', async (code) => {
    const fetch = vi.fn(async () => {
      throw fetchError(code);
    });
    vi.stubGlobal('fetch', fetch);
    const error = await rejected(DataError, fetchText('https://example.invalid/v4/x', OPTIONS));
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(error.message).toContain(`could not be reached (${code}) (4 tries)`);
  });

  it('is not tried again on a port fetch refuses, and says it is the port fetch refuses', async () => {
    // What Node's fetch throws for a port on the Fetch standard's list, before any connection is made.
    const fetch = vi.fn(async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') });
    });
    vi.stubGlobal('fetch', fetch);
    const error = await rejected(DataError, fetchText('http://127.0.0.1:1/v4/x', OPTIONS));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(error.message).toBe(
      "Coin Metrics: http://127.0.0.1:1/v4/x could not be reached: fetch refuses its port 1, one of the ports browsers block (the Fetch standard's list); serve it on another port.",
    );
  });

  it('tells lasting failures from passing ones by the system error', () => {
    expect(isLastingFailure(fetchError('ENOTFOUND'))).toBe(true);
    expect(isLastingFailure(fetchError('ECONNREFUSED'))).toBe(false);
    expect(isLastingFailure(new Error('no cause'))).toBe(false);
    expect(isLastingFailure(undefined)).toBe(false);
  });
});
