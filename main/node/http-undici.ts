import { pipeline, type Readable } from 'node:stream';
import * as tls from 'node:tls';
import { createBrotliDecompress, createGunzip, type BrotliDecompress, type Gunzip } from 'node:zlib';
import { EnvHttpProxyAgent, type Dispatcher } from './undici-parts.js';
import {
  ACCEPT_ENCODING,
  bodyResult,
  decodingFailure,
  DEFAULT_ACCEPT,
  exceedsBodyCap,
  fail,
  interpretHead,
  requestHeaders,
  tooLarge,
  type ContentCoding,
  type ExchangeLimits,
  type ResponseHead,
} from '../core/sources/http-response.js';
import { HTTP_LIMITS, type Http, type HttpFailure, type HttpRequest, type HttpResult, type HttpValidators } from '../core/ports.js';
import { getUnderDeadline, innermostCode, messageOf } from './http-body.js';

/**
 * The Node HTTP adapter behind the `Http` port, on undici.
 *
 * Transport only: what a response means is decided by `main/core/sources/http-response.ts`, shared with
 * the Electron adapter. Here: one dispatcher for the adapter's lifetime (connections and TLS
 * sessions are reused across polls to the same host), `Accept-Encoding: gzip, br` decoded with
 * node:zlib while streaming, one deadline for the whole exchange (`getUnderDeadline`), and
 * failures as data. `get()` never throws.
 */

/**
 * A body we will not use is drained up to this size so its connection can serve the next poll;
 * a bigger one is cut off, which costs a new connection but never a large read.
 */
const DRAIN_LIMIT_BYTES = 64 * 1024;

interface ProxySettings {
  readonly httpsProxy?: string;
  readonly httpProxy?: string;
  readonly noProxy?: string;
}

export interface UndiciHttpOptions {
  /** Sent as `User-Agent`, e.g. `OutageRadar/1.2.3`. */
  readonly userAgent: string;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxRedirects?: number;
  /**
   * PEM bundle trusted IN ADDITION to the built-in roots, for TLS-inspecting corporate proxies.
   * Node's `ca` option replaces the defaults, so the defaults are passed along with it.
   */
  readonly extraCaPem?: string | null;
  /** 'env' (default) reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) once, at creation. */
  readonly proxy?: ProxySettings | 'env';
  readonly accept?: string;
}

export type UndiciHttp = Http & {
  /** Aborts anything in flight and releases every connection; later gets fail with code CLOSED. */
  close(): Promise<void>;
};


/** Creates an adapter with its own dispatcher (the global dispatcher is never touched). */
export function createUndiciHttp(options: UndiciHttpOptions): UndiciHttp {
  const timeoutMs = options.timeoutMs ?? HTTP_LIMITS.timeoutMs;
  const maxBodyBytes = options.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes;
  const maxRedirects = options.maxRedirects ?? HTTP_LIMITS.maxRedirects;
  const accept = options.accept ?? DEFAULT_ACCEPT;
  const limits: ExchangeLimits = { maxBodyBytes, maxRedirects };
  const built = buildDispatcher(options, timeoutMs);
  let closed = false;
  const inFlight = new Set<AbortController>();

  async function exchange(dispatcher: Dispatcher, start: URL, validators: HttpValidators | null, signal: AbortSignal): Promise<HttpResult> {
    const { headers, sentValidators } = requestHeaders(options.userAgent, accept, validators, ACCEPT_ENCODING);
    const visited = new Set<string>([start.href]);
    let url = start;

    for (let hop = 0; ; hop++) {
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        signal,
        // Per-hop guards under the overall deadline, in case an abort is ever missed.
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const responseHeaders = response.headers;
      const head: ResponseHead = { status: response.statusCode, header: (name) => headerValue(responseHeaders, name) };
      const decision = interpretHead(head, { url, hop, visited, sentValidators, limits, nowMs: Date.now(), decodedByTransport: [] });
      switch (decision.action) {
        case 'follow':
          await release(response.body);
          visited.add(decision.url.href);
          url = decision.url;
          continue;
        case 'finish':
          await release(response.body);
          return decision.result;
        case 'read':
          return readBody(response.body, decision.decoders, limits, (body, wireBytes) => bodyResult(head, body, url, wireBytes));
      }
    }
  }

  async function get(request: HttpRequest): Promise<HttpResult> {
    if (closed) return fail(closedFailure());
    const dispatcher = built.dispatcher;
    if (dispatcher === null) return fail(built.failure);
    return getUnderDeadline(request, {
      timeoutMs,
      exchange: (url, signal) => exchange(dispatcher, url, request.validators ?? null, signal),
      failureOf: (error) => failureFromError(error, timeoutMs),
      interrupted: () => (closed ? closedFailure() : null),
      inFlight,
    });
  }

  return {
    get,
    async close() {
      if (closed) return;
      closed = true;
      for (const controller of inFlight) controller.abort();
      await built.dispatcher?.destroy().catch(() => undefined);
    },
  };
}

function closedFailure(): HttpFailure {
  return { kind: 'network', code: 'CLOSED', message: 'the HTTP client was closed' };
}

type BuiltDispatcher = { dispatcher: Dispatcher; failure: null } | { dispatcher: null; failure: HttpFailure };

function buildDispatcher(options: UndiciHttpOptions, timeoutMs: number): BuiltDispatcher {
  const proxy = options.proxy === undefined || options.proxy === 'env' ? proxyFromEnv(process.env) : options.proxy;
  const httpProxy = normalizeProxyUrl(proxy.httpProxy);
  const httpsProxy = normalizeProxyUrl(proxy.httpsProxy);
  for (const [name, value] of [['httpProxy', httpProxy], ['httpsProxy', httpsProxy]] as const) {
    if (value === null) {
      return { dispatcher: null, failure: { kind: 'bad-url', message: `the ${name} setting is not a valid http(s) proxy URL` } };
    }
  }
  const ca = options.extraCaPem ? [...builtInRoots(), options.extraCaPem] : undefined;
  const tlsOptions = { timeout: timeoutMs, ...(ca ? { ca } : {}) };
  try {
    const dispatcher = new EnvHttpProxyAgent({
      // Empty strings (not undefined) so undici never falls back to reading the environment itself.
      httpProxy: httpProxy ?? '',
      httpsProxy: httpsProxy ?? '',
      noProxy: proxy.noProxy ?? '',
      connect: tlsOptions,
      // Through a proxy the TLS session to the target is built from requestTls, not connect.
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
      // http targets are forwarded the classic way (absolute URI); https ones use CONNECT.
      proxyTunnel: false,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return { dispatcher, failure: null };
  } catch (error) {
    return { dispatcher: null, failure: { kind: 'bad-url', message: `invalid proxy setting: ${messageOf(error)}` } };
  }
}

function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (lower: string, upper: string): string | undefined => (env[lower] || env[upper]) || undefined;
  const httpProxy = pick('http_proxy', 'HTTP_PROXY');
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY');
  const noProxy = pick('no_proxy', 'NO_PROXY');
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
}

/**
 * '' or undefined -> undefined (no proxy); a valid URL -> its href; anything else -> null.
 * `proxy.corp:8080` without a scheme is common in corporate environments and means http.
 */
function normalizeProxyUrl(value: string | undefined): string | undefined | null {
  const text = value?.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function builtInRoots(): string[] {
  // 'default' also includes NODE_EXTRA_CA_CERTS (and the OS store under --use-system-ca); older
  // Node builds only have the bundled list.
  const getCaCertificates = (tls as { getCACertificates?: (type?: 'default') => string[] }).getCACertificates;
  return typeof getCaCertificates === 'function' ? getCaCertificates('default') : [...tls.rootCertificates];
}

type ResponseBody = Dispatcher.ResponseData['body'];

/** Drops a body we will not read; the connection closes, which is cheap next to reading junk. */
function discard(body: ResponseBody): void {
  // undici's body emits an AbortError when destroyed unread; nobody is listening for it.
  body.on('error', () => undefined);
  body.destroy();
}

/** Reads a small unwanted body (a redirect's, a 304's, an error page) so its connection stays open for reuse. */
async function release(body: ResponseBody): Promise<void> {
  body.on('error', () => undefined);
  await body.dump({ limit: DRAIN_LIMIT_BYTES }).catch(() => undefined);
  // undici marks the connection idle a turn after the body ends; the next hop or poll sent
  // before that would open a second connection (and a second TLS handshake) to the same host.
  await new Promise((resolve) => setImmediate(resolve));
}

type Decoder = Gunzip | BrotliDecompress;

function newDecoder(coding: ContentCoding): Decoder {
  switch (coding) {
    case 'gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
  }
}

/**
 * Reads the body through its decoders, counting DECODED bytes against the cap, and stops as soon
 * as they pass it: a few KiB of gzip that would inflate to gigabytes are never inflated.
 */
async function readBody(
  body: ResponseBody,
  codings: readonly ContentCoding[],
  limits: ExchangeLimits,
  answer: (body: Uint8Array, wireBytes: number) => HttpResult,
): Promise<HttpResult> {
  const decoders = codings.map(newDecoder);
  let decodeError: { coding: ContentCoding; error: unknown } | null = null;
  decoders.forEach((decoder, index) =>
    decoder.once('error', (error: unknown) => {
      decodeError ??= isZlibError(error) ? { coding: codings[index] ?? 'gzip', error } : null;
    }),
  );
  const output: Readable = decoders.at(-1) ?? body;
  if (decoders.length > 0) pipeline([body, ...decoders], () => undefined);
  let wireBytes = 0;
  if (decoders.length === 0) body.on('data', (chunk: Buffer) => void (wireBytes += chunk.length));

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (exceedsBodyCap(total, limits)) {
        decoders.forEach((decoder) => decoder.destroy());
        discard(body);
        return tooLarge(limits.maxBodyBytes);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    const failed = decodeError as { coding: ContentCoding; error: unknown } | null;
    if (failed !== null) return fail(decodingFailure(failed.coding, messageOf(failed.error)));
    throw error;
  }
  // The first decoder saw every byte that crossed the network.
  if (decoders[0] !== undefined) wireBytes = decoders[0].bytesWritten;
  return answer(Buffer.concat(chunks, total), wireBytes);
}

/** zlib and brotli report bad input with Z_* or ERR_BROTLI_* / ERR__ERROR_FORMAT_* codes. */
function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.includes('BROTLI') || code.startsWith('ERR__ERROR_FORMAT'));
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

function headerValue(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Maps what undici or Node threw to a failure the user can be told about. */
function failureFromError(error: unknown, timeoutMs: number): HttpFailure {
  const message = messageOf(error);
  if (/Proxy Authentication Required \(407\)|Proxy response \(407\)/.test(message)) return { kind: 'proxy-auth', status: 407 };
  const tunnel = /Proxy response \((\d{3})\) !== 200/.exec(message);
  if (tunnel) {
    // Chromium's name for the same situation, which connectivity.md's error tables use.
    return { kind: 'network', code: 'ERR_TUNNEL_CONNECTION_FAILED', message: `the proxy refused the tunnel with HTTP ${tunnel[1]}` };
  }
  const code = innermostCode(error);
  if (code !== null && TIMEOUT_CODES.has(code)) return { kind: 'timeout', afterMs: timeoutMs };
  // undici reports a peer that hung up as UND_ERR_SOCKET; ECONNRESET is the name people search for.
  if (code === 'UND_ERR_SOCKET') return { kind: 'network', code: 'ECONNRESET', message };
  return { kind: 'network', code: code ?? 'UNKNOWN', message };
}


