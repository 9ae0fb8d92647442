/**
 * The `Http` port over Electron's network stack (connectivity.md B4), with `net.request`.
 *
 * Chromium's stack, so the system proxy, PAC/WPAD, Kerberos/NTLM proxy auth and the OS
 * certificate store all apply, which undici in Node cannot offer. Not `session.fetch`: with
 * `redirect: 'manual'` it rejects every redirect (electron/electron#43715), which made every
 * redirecting status page unknown. `net.request` with `redirect: 'manual'` reports each hop in a
 * `'redirect'` event, where the shared interpreter (`main/core/sources/http-response.ts`) decides
 * synchronously, as Electron requires, to `followRedirect()` or `abort()`. Every rule is the
 * undici adapter's: same interpreter, same deadline (`getUnderDeadline`).
 *
 * Chromium advertises and decodes gzip, deflate, br and zstd itself; the chunks we get are
 * already decoded, so the cap counts decoded bytes here too.
 */
import {
  bodyResult,
  DEFAULT_ACCEPT,
  exceedsBodyCap,
  interpretHead,
  redirectStep,
  requestHeaders,
  tooLarge,
  type ExchangeLimits,
  type HeadContext,
  type ResponseHead,
} from '../core/sources/http-response.js';
import { HTTP_LIMITS, type Http, type HttpFailure, type HttpRequest, type HttpResult, type HttpValidators } from '../core/ports.js';
import { getUnderDeadline, innermostCode, messageOf } from '../node/http-body.js';

/** Codings Chromium's network stack undoes before handing us the body. */
const CHROMIUM_DECODED_CODINGS: readonly string[] = ['gzip', 'deflate', 'br', 'zstd'];

/** The options we pass to `net.request` (the app adds its status session). */
export interface NetRequestOptions {
  readonly method: 'GET';
  readonly url: string;
  readonly redirect: 'manual';
  readonly headers: Record<string, string>;
  // Conditional requests are ours; Chromium's HTTP cache would answer 304s from disk.
  readonly cache: 'no-store';
  readonly credentials: 'omit';
}

/** The slice of Electron's `IncomingMessage` we use. */
export interface NetResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The slice of Electron's `ClientRequest` we use. */
export interface NetClientRequest {
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => void): unknown;
  on(event: 'response', listener: (response: NetResponse) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'abort', listener: () => void): unknown;
  followRedirect(): void;
  abort(): void;
  end(): unknown;
}

/** `(options) => net.request({ ...options, session })` in the app; a fake of it in tests. */
export type NetRequestFunction = (options: NetRequestOptions) => NetClientRequest;

export interface ElectronHttpOptions {
  readonly request: NetRequestFunction;
  /** Sent as `User-Agent`, e.g. `OutageRadar/1.2.3`. */
  readonly userAgent: string;
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxRedirects?: number;
  readonly accept?: string;
}

/** Creates the adapter. Each `get` has its own deadline; one hanging source never delays another. */
export function createElectronHttp(options: ElectronHttpOptions): Http {
  const timeoutMs = options.timeoutMs ?? HTTP_LIMITS.timeoutMs;
  const limits: ExchangeLimits = {
    maxBodyBytes: options.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes,
    maxRedirects: options.maxRedirects ?? HTTP_LIMITS.maxRedirects,
  };
  const accept = options.accept ?? DEFAULT_ACCEPT;

  function exchange(start: URL, validators: HttpValidators | null, signal: AbortSignal): Promise<HttpResult> {
    // No Accept-Encoding of ours: Chromium sends its own and decodes only what it asked for.
    const { headers, sentValidators } = requestHeaders(options.userAgent, accept, validators, null);
    return new Promise<HttpResult>((resolve, reject) => {
      const visited = new Set<string>([start.href]);
      let url = start;
      let hop = 0;
      let settled = false;
      const context = (): HeadContext => ({ url, hop, visited, sentValidators, limits, nowMs: Date.now(), decodedByTransport: CHROMIUM_DECODED_CODINGS });

      const request = options.request({ method: 'GET', url: start.href, redirect: 'manual', headers, cache: 'no-store', credentials: 'omit' });
      const finish = (outcome: { result: HttpResult } | { error: unknown }): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if ('result' in outcome) resolve(outcome.result);
        else reject(outcome.error);
      };
      /** Ends the request with `result`; Electron answers abort() with 'abort', which is then ignored. */
      const stop = (result: HttpResult): void => {
        finish({ result });
        request.abort();
      };
      const onAbort = (): void => {
        finish({ error: new Error('net::ERR_ABORTED') });
        request.abort();
      };
      signal.addEventListener('abort', onAbort, { once: true });

      request.on('redirect', (statusCode, _method, redirectUrl) => {
        // Decided synchronously: Electron cancels a manual redirect not followed within this event.
        const step = redirectStep(statusCode, redirectUrl, context());
        if ('failure' in step) return stop({ ok: false, failure: step.failure });
        visited.add(step.url.href);
        url = step.url;
        hop += 1;
        request.followRedirect();
      });
      request.on('response', (response) => {
        const head: ResponseHead = { status: response.statusCode, header: (name) => headerValue(response.headers, name) };
        const decision = interpretHead(head, context());
        if (decision.action === 'follow') {
          // Chromium reports redirects in 'redirect'; a 3xx here carried no usable location.
          return stop({ ok: false, failure: { kind: 'network', code: 'ERR_UNEXPECTED_REDIRECT', message: `HTTP ${head.status} without a redirect Chromium would follow` } });
        }
        if (decision.action === 'finish') return stop(decision.result);
        const chunks: Buffer[] = [];
        let total = 0;
        response.on('data', (chunk) => {
          if (settled) return;
          total += chunk.length;
          if (exceedsBodyCap(total, limits)) return stop(tooLarge(limits.maxBodyBytes));
          chunks.push(chunk);
        });
        response.on('end', () => finish({ result: bodyResult(head, Buffer.concat(chunks, total), url, total) }));
        response.on('error', (error) => finish({ error }));
        response.on('aborted', () => finish({ error: new Error('net::ERR_ABORTED') }));
      });
      request.on('error', (error) => finish({ error }));
      request.on('abort', () => finish({ error: new Error('net::ERR_ABORTED') }));
      request.end();
    });
  }

  return {
    get: (request: HttpRequest): Promise<HttpResult> =>
      getUnderDeadline(request, {
        timeoutMs,
        exchange: (url, signal) => exchange(url, request.validators ?? null, signal),
        failureOf: (error) => failureFromError(error, timeoutMs),
      }),
  };
}

function headerValue(headers: Record<string, string | string[]>, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first;
}

/** Chromium's errors that mean a proxy wants credentials we do not have. */
const PROXY_AUTH_ERRORS = new Set(['ERR_PROXY_AUTH_REQUESTED', 'ERR_PROXY_AUTH_UNSUPPORTED', 'ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION']);
const TIMEOUT_ERRORS = new Set(['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT']);
/** What Chromium's own decoders report for corrupt compressed data; said in words a person can act on. */
const DECODING_ERRORS = new Set(['ERR_CONTENT_DECODING_FAILED', 'ERR_CONTENT_DECODING_INIT_FAILED']);

/** Maps what Electron's `net` emitted (`net::ERR_*` in the message) to a failure. */
function failureFromError(error: unknown, timeoutMs: number): HttpFailure {
  const message = messageOf(error);
  const code = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1] ?? innermostCode(error);
  if (code !== null && PROXY_AUTH_ERRORS.has(code)) return { kind: 'proxy-auth', status: 407 };
  if (code !== null && TIMEOUT_ERRORS.has(code)) return { kind: 'timeout', afterMs: timeoutMs };
  if (code !== null && DECODING_ERRORS.has(code)) return { kind: 'bad-response', code, message: 'the compressed response is corrupt and could not be decoded' };
  return { kind: 'network', code: code ?? 'UNKNOWN', message };
}
