import type { Dispatcher } from 'undici';

/**
 * The response header under which the dispatcher passes a response's Content-Encoding on: fetch would otherwise
 * decode gzip itself, and it accepts a truncated gzip body as if it were whole (it flushes what it has at the end).
 */
export const ORIGINAL_ENCODING_HEADER = 'x-mining-energy-content-encoding';

/** A variable's value in lower case, else in upper case; '' when neither is set to something. */
function variable(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const lower = env[name] ?? '';
  return lower !== '' ? lower : (env[name.toUpperCase()] ?? '');
}

/** Whether the environment names a proxy (HTTPS_PROXY, HTTP_PROXY, in either case). */
export function proxyConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (env[name] ?? '') !== '');
}

/** Timeouts of the connection itself, in milliseconds; the caller keeps its own for the whole exchange. */
export interface DispatcherOptions {
  connectTimeoutMs: number;
}

/**
 * The dispatcher Node's fetch is given for a source's requests: undici's EnvHttpProxyAgent when the environment
 * names a proxy (it honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY), else a plain Agent; either way responses keep
 * their encoding, for the caller to decode strictly. undici is loaded here only, by `data update`; its major
 * version (6) is the one Node 20 bundles for fetch, whose dispatcher interface it matches.
 */
export async function createDispatcher(
  env: Readonly<Record<string, string | undefined>>,
  options: DispatcherOptions,
): Promise<Dispatcher> {
  const undici = await import('undici');
  const agentOptions = { connect: { timeout: options.connectTimeoutMs } };
  // The variables are read here, lower case first as curl does, an empty one counting as unset: undici would
  // take an empty http_proxy over a set HTTP_PROXY.
  const base = proxyConfigured(env)
    ? withoutExperimentalWarning(
        () =>
          new undici.EnvHttpProxyAgent({
            ...agentOptions,
            httpProxy: variable(env, 'http_proxy'),
            httpsProxy: variable(env, 'https_proxy'),
            noProxy: variable(env, 'no_proxy'),
          }),
      )
    : new undici.Agent(agentOptions);
  return base.compose((dispatch) => (opts, handler) => dispatch(opts, keepEncoding(handler)));
}

/** undici warns once that EnvHttpProxyAgent is experimental; the warning says nothing a user of this tool can act on. */
function withoutExperimentalWarning<T>(make: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = (rest[0] as { code?: string } | undefined)?.code ?? rest[1];
    if (code === 'UNDICI-EHPA') return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** A handler whose response headers name the Content-Encoding {@link ORIGINAL_ENCODING_HEADER} instead. */
function keepEncoding(handler: Dispatcher.DispatchHandlers): Dispatcher.DispatchHandlers {
  return new Proxy(handler, {
    get(target, property, receiver) {
      if (property !== 'onHeaders') return Reflect.get(target, property, receiver) as unknown;
      return (statusCode: number, headers: Buffer[], resume: () => void, statusText: string) => {
        const renamed = headers.map((value, index) =>
          index % 2 === 0 && value.toString('latin1').toLowerCase() === 'content-encoding'
            ? Buffer.from(ORIGINAL_ENCODING_HEADER)
            : value,
        );
        return target.onHeaders?.(statusCode, renamed, resume, statusText) ?? true;
      };
    },
  });
}
