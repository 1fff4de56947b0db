import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { BIN, FIXTURES, ROOT, runCli, type RunResult } from './helpers.js';

/** One day of the recorded Coin Metrics data, each metric as the API's string. */
export interface FixtureDay {
  date: string;
  HashRate: string;
  BlkCnt: string;
  IssTotUSD: string;
  FeeTotNtv: string;
  PriceUSD: string;
}

/**
 * The days of test/fixtures/live/coinmetrics-btc.csv: recorded from 2024-11-10 to 2025-12-29, then synthetic ones to
 * 2026-06-30 (each the recorded day a year before; for tests only, not data).
 */
export function fixtureDays(): FixtureDay[] {
  const [header, ...lines] = readFileSync(`${FIXTURES}live/coinmetrics-btc.csv`, 'utf8').trim().split('\n');
  const names = (header as string).split(',');
  return lines.map(
    (line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])) as unknown as FixtureDay,
  );
}

/** What the server does to a request (`n` counts the requests from 1): answer normally, or one of the faults. */
export type Fault = (n: number, request: IncomingMessage, response: ServerResponse, body: Buffer) => boolean;

export interface ServerOptions {
  days?: FixtureDay[];
  /** The most rows a page holds, whatever page_size asks (a server may send fewer). */
  pageRows?: number;
  /** Changes each row as sent (a renamed or missing field). */
  row?: (row: Record<string, string | null>, index: number) => Record<string, string | null>;
  /** The body of a page instead of the usual one. */
  page?: (page: { data: Record<string, string | null>[]; next_page_token?: string; next_page_url?: string }) => unknown;
  /** Answers a request itself when it returns true. */
  fault?: Fault;
  gzip?: boolean;
}

export interface LiveServer {
  url: string;
  /** The path and query of each request, in order. */
  requests: string[];
  close(): Promise<void>;
}

const ENDPOINT = '/v4/timeseries/asset-metrics';

/** A local stand-in for Coin Metrics' community API on 127.0.0.1, serving the recorded days as LIVE-SOURCES §1 says. */
export async function startCoinMetricsServer(options: ServerOptions = {}): Promise<LiveServer> {
  const days = options.days ?? fixtureDays();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let origin = '';
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = new URL(request.url ?? '/', origin);
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      let bytes = Buffer.from(body);
      const gzip = options.gzip !== false && /gzip/.test(String(request.headers['accept-encoding']));
      if (gzip) bytes = gzipSync(bytes);
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': String(bytes.length),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        ...headers,
      });
      response.end(bytes);
    };
    if (url.pathname !== ENDPOINT) return send(404, '{"error":{"type":"not_found"}}');
    const start = url.searchParams.get('start_time') ?? '0000-00-00';
    const asked = Number(url.searchParams.get('page_size') ?? '100');
    const size = Math.min(asked, options.pageRows ?? asked);
    const from = Number(url.searchParams.get('next_page_token') ?? '0');
    const selected = days.filter((day) => day.date >= start.slice(0, 10));
    const rows = selected.slice(from, from + size).map((day, index) => {
      const row: Record<string, string | null> = {
        asset: 'btc',
        time: `${day.date}T00:00:00.000000000Z`,
        BlkCnt: day.BlkCnt,
        FeeTotNtv: day.FeeTotNtv,
        HashRate: day.HashRate,
        IssTotUSD: day.IssTotUSD,
        PriceUSD: day.PriceUSD,
      };
      return options.row ? options.row(row, from + index) : row;
    });
    const page: { data: Record<string, string | null>[]; next_page_token?: string; next_page_url?: string } = {
      data: rows,
    };
    if (from + size < selected.length) {
      const next = new URL(url);
      next.searchParams.set('next_page_token', String(from + size));
      page.next_page_token = String(from + size);
      page.next_page_url = next.href;
    }
    const body = JSON.stringify(options.page ? options.page(page) : page);
    if (options.fault?.(requests.length, request, response, Buffer.from(body))) return;
    send(200, body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, requests, close: () => closeServer(server, sockets) };
}

/** Starts a test server on 127.0.0.1 (and no other address), on a port the system picks; its close ends every connection. */
async function listenOnLoopback<R>(
  server: Server,
  sockets: Set<Socket>,
  requests: R,
): Promise<{ url: string; requests: R; close: () => Promise<void> }> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => closeServer(server, sockets),
  };
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A tiny HTTP proxy on 127.0.0.1 (CONNECT tunnels and absolute-URL requests), recording what went through it. */
export async function startProxy(): Promise<LiveServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const target = new URL(request.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: request.method,
        headers: request.headers,
      },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.add(upstream);
  });
  return listenOnLoopback(server, sockets, requests);
}

/** How many runs of {@link runCliAsync} are running in this process now (0 or 1). */
let runsInProcess = 0;

/**
 * Runs the CLI at a width where nothing wraps, without blocking this process (whose local servers must keep
 * answering): in process, as the other CLI tests do; as the built binary when the test needs the process itself
 * (`onSpawn`, to send it a signal) or when another run is under way in process.
 */
export function runCliAsync(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<RunResult> {
  // One run at a time in process: a run sets the environment and captures stdout and stderr until it ends, so runs
  // started together (writers racing for a lock) are processes of their own.
  if (onSpawn === undefined && runsInProcess === 0) {
    runsInProcess++;
    return runCli(args, { COLUMNS: '1000', ...env }).finally(() => runsInProcess--);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, DEBUG: undefined, COLUMNS: '1000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(child);
  });
}

/** CBECI's daily export as the tests serve it: the import fixture (2010-07-18 to 2024-11-16), `extraDays` more after. */
export function cbeciExport(extraDays = 0): string {
  const text = readFileSync(`${FIXTURES}import/cbeci_revised_daily_export_2010-07-18_2024-11-16.csv`, 'utf8');
  const lines = text.trimEnd().split(/\r?\n/);
  const last = (lines.at(-1) as string).split(',');
  for (let day = 1; day <= extraDays; day++) {
    const seconds = Number(last[0]) + day * 86_400;
    const date = new Date(seconds * 1000).toISOString().slice(0, 19);
    lines.push([String(seconds), date, ...last.slice(2)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A local stand-in for CBECI's data API on 127.0.0.1 (LIVE-SOURCES §2): the export as CSV served as text/html,
 * gzip-encoded, at /cbeci/api/{version}/download/data?price=0.05; `answer` decides per version.
 */
export async function startCbeciServer(
  body: string,
  answer: (version: string, response: ServerResponse) => boolean = () => false,
): Promise<LiveServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const match = /^\/cbeci\/api\/(v[\d.]+)\/download\/data\?price=0\.05$/.exec(request.url ?? '');
    if (!match) return response.writeHead(404).end('not found');
    if (answer(match[1] as string, response)) return undefined;
    const bytes = gzipSync(Buffer.from(body));
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': 'gzip',
      'content-length': String(bytes.length),
    });
    return response.end(bytes);
  });
  return listenOnLoopback(server, sockets, requests);
}

/** The recorded responses of Ember's yearly file and Our World in Data's grapher files (test/fixtures/live). */
export const EMBER_FIXTURE = readFileSync(`${FIXTURES}live/ember-yearly.csv`, 'utf8');
export const OWID_DEMAND_FIXTURE = readFileSync(`${FIXTURES}live/owid-electricity-demand.csv`, 'utf8');
export const OWID_INTENSITY_FIXTURE = readFileSync(`${FIXTURES}live/owid-carbon-intensity-electricity.csv`, 'utf8');

/** The requests of Ember's and OWID's files (LIVE-SOURCES §4), path and query. */
export const EMBER_REQUEST = '/public-downloads/generation/outputs/release_generation_yearly_global.csv';
export const OWID_DEMAND_REQUEST = '/grapher/electricity-demand.csv?v=1&csvType=full&useColumnShortNames=true';
export const OWID_INTENSITY_REQUEST =
  '/grapher/carbon-intensity-electricity.csv?v=1&csvType=full&useColumnShortNames=true';

/**
 * A local stand-in on 127.0.0.1 for a server of files (Ember's, OWID's): each request (path and query, exactly) has
 * its body, served as text/csv, gzip-encoded when the client accepts it (unless `gzip` is false); `fault` may answer
 * a request itself (`n` counts the requests from 1). Anything else is a 404.
 */
export async function startFileServer(
  files: Record<string, string>,
  options: { fault?: Fault; gzip?: boolean } = {},
): Promise<LiveServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const body = files[request.url ?? ''];
    if (body === undefined) return response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    if (options.fault?.(requests.length, request, response, Buffer.from(body))) return undefined;
    const gzip = options.gzip !== false && /gzip/.test(String(request.headers['accept-encoding']));
    const bytes = gzip ? gzipSync(Buffer.from(body)) : Buffer.from(body);
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': String(bytes.length),
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    return response.end(bytes);
  });
  return listenOnLoopback(server, sockets, requests);
}
