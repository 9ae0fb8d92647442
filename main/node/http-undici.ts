import * as tls from 'node:tls';
import { EnvHttpProxyAgent, type Dispatcher } from './undici-parts.js';
import { HTTP_LIMITS, type Http, type HttpFailure, type HttpRequest, type HttpResult, type HttpValidators } from '../core/ports.js';
import { decodeBody, DEFAULT_ACCEPT, fail, getUnderDeadline, innermostCode, isSafeHeaderValue, messageOf, notModifiedResult, redirectStep, REDIRECT_STATUSES } from './http-body.js';
import { parseRetryAfter } from './retry-after.js';

export { decodeBody, DEFAULT_ACCEPT };

/**
 * The Node HTTP adapter behind the `Http` port, on undici.
 *
 * It enforces DESIGN.md's polling rules for every request: https only (plain http to loopback),
 * one deadline for the whole exchange including redirects and body, a body cap, at most
 * `maxRedirects` hops each re-checked by the URL policy, conditional requests, and failures as
 * data. `get()` never throws.
 */


export interface ProxySettings {
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
  const built = buildDispatcher(options, timeoutMs);
  let closed = false;
  const inFlight = new Set<AbortController>();

  async function exchange(dispatcher: Dispatcher, start: URL, validators: HttpValidators | null, signal: AbortSignal): Promise<HttpResult> {
    const headers: Record<string, string> = { 'user-agent': options.userAgent, accept };
    if (validators?.etag && isSafeHeaderValue(validators.etag)) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified && isSafeHeaderValue(validators.lastModified)) headers['if-modified-since'] = validators.lastModified;
    const sentValidators = 'if-none-match' in headers || 'if-modified-since' in headers;
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
      const status = response.statusCode;
      const responseHeaders = response.headers;

      if (REDIRECT_STATUSES.has(status)) {
        discard(response.body);
        const step = redirectStep(status, headerValue(responseHeaders, 'location'), url, hop, maxRedirects, visited);
        if ('result' in step) return step.result;
        url = step.follow;
        continue;
      }

      if (status === 304 && sentValidators) {
        discard(response.body);
        return notModifiedResult(validatorsOf(responseHeaders), validators);
      }

      if (status === 407) {
        discard(response.body);
        return fail({ kind: 'proxy-auth', status: 407 });
      }

      if (status < 200 || status > 299) {
        discard(response.body);
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headerValue(responseHeaders, 'retry-after'), Date.now()) : null;
        return fail({ kind: 'status', status, retryAfterMs });
      }

      const declaredLength = Number(headerValue(responseHeaders, 'content-length') ?? NaN);
      if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
        discard(response.body);
        return fail({ kind: 'too-large', limitBytes: maxBodyBytes });
      }
      const body = await readCapped(response.body, maxBodyBytes);
      if (body === null) return fail({ kind: 'too-large', limitBytes: maxBodyBytes });

      const contentTypeHeader = headerValue(responseHeaders, 'content-type') ?? '';
      return {
        ok: true,
        notModified: false,
        status,
        contentType: mediaTypeOf(contentTypeHeader),
        body: decodeBody(body, charsetOf(contentTypeHeader)),
        validators: validatorsOf(responseHeaders),
        bytes: body.length,
        finalUrl: url.href,
      };
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

async function readCapped(body: ResponseBody, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(body);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** UTF-8 unless a BOM or the declared charset says UTF-16; a BOM is never part of the text. */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function charsetOf(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

function headerValue(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first;
}

function validatorsOf(headers: ResponseHeaders): HttpValidators {
  return { etag: headerValue(headers, 'etag'), lastModified: headerValue(headers, 'last-modified') };
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


