/**
 * Ladder step 2: captive-portal detection the way operating systems do it (connectivity.md B3):
 * plain HTTP, redirects not followed, no cache, exact body compare. A redirect (Location kept as
 * the portal address), a 200 with the wrong body, or a 200 page where a 204 was due all mean a
 * portal answered instead of the real server.
 */
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { CaptiveCheck, CaptiveResult } from '../../core/verdict/connectivity-model.js';
import type { ProxyEndpoint } from './proxy-route.js';
import { describeErrorCode, errorCodeOf, formatMs, probeHeaders, RUN_TIMEOUT, runCutShort, STEP_TIMEOUT } from './step.js';
import { httpRequest } from './node-http.js';

const CAPTIVE_TIMEOUT_MS = 5000;
/** The expected bodies are a few bytes; a portal page beyond this is not worth reading. */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_LOCATION_CHARS = 2048;

export interface CaptiveProbeOptions {
  readonly timeoutMs?: number;
  /** The run's global bound. */
  readonly signal?: AbortSignal;
  /** Send the request through this HTTP proxy (absolute-URI form) instead of directly. */
  readonly proxy?: ProxyEndpoint | null;
  /** Replaces the OS lookup for the host name (the CLI's lookup worker). */
  readonly lookup?: LookupFunction;
}

type Answer =
  | { readonly kind: 'response'; readonly status: number; readonly location: string | null; readonly body: string; readonly complete: boolean }
  | { readonly kind: 'error'; readonly error: unknown };

/** Runs one captive-portal check. Never throws. */
export async function probeCaptive(check: CaptiveCheck, options: CaptiveProbeOptions = {}): Promise<CaptiveResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? CAPTIVE_TIMEOUT_MS;
  const result = (fields: Omit<CaptiveResult, 'check' | 'durationMs'>): CaptiveResult => ({
    check,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  });
  let url: URL;
  try {
    url = new URL(check.url);
    if (url.protocol !== 'http:') throw Object.assign(new Error('captive-portal checks use plain http'), { code: 'ERR_INVALID_URL' });
  } catch (error) {
    return result({ outcome: 'unreachable', httpStatus: null, location: null, errorCode: errorCodeOf(error), detail: `${check.url}: ${describeErrorCode(errorCodeOf(error), '', error)}` });
  }
  if (options.signal?.aborted) return result({ outcome: 'timeout', httpStatus: null, location: null, errorCode: RUN_TIMEOUT, detail: runCutShort(options.signal).detail });

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onRunAbort: (() => void) | undefined;
  const limit = new Promise<'step-timeout' | 'run-abort'>((resolve) => {
    timer = setTimeout(() => resolve('step-timeout'), timeoutMs);
    onRunAbort = () => resolve('run-abort');
    options.signal?.addEventListener('abort', onRunAbort, { once: true });
  });
  const winner = await Promise.race([fetchOnce(url, options.proxy ?? null, controller.signal, options.lookup), limit]);
  clearTimeout(timer);
  if (onRunAbort) options.signal?.removeEventListener('abort', onRunAbort);
  if (winner === 'step-timeout' || winner === 'run-abort') {
    controller.abort();
    const cutShort = winner === 'run-abort' && options.signal;
    return result({
      outcome: 'timeout',
      httpStatus: null,
      location: null,
      errorCode: cutShort ? RUN_TIMEOUT : STEP_TIMEOUT,
      detail: cutShort ? runCutShort(options.signal).detail : `${url.host} did not answer within ${formatMs(timeoutMs)}`,
    });
  }
  if (winner.kind === 'error') {
    const code = errorCodeOf(winner.error);
    return result({ outcome: 'unreachable', httpStatus: null, location: null, errorCode: code, detail: describeErrorCode(code, url.host, winner.error) });
  }
  return result(judge(check, url, winner));
}

function judge(check: CaptiveCheck, url: URL, answer: Extract<Answer, { kind: 'response' }>): Omit<CaptiveResult, 'check' | 'durationMs'> {
  const { status, location, body } = answer;
  const base = { httpStatus: status, location: null, errorCode: null };
  if (status >= 300 && status <= 399) {
    return { ...base, outcome: 'portal', location, detail: `${url.host} redirected (HTTP ${status})${location ? ` to ${location}` : ''}: a sign-in page is intercepting web traffic` };
  }
  if (status === 407) {
    return { ...base, outcome: 'unreachable', errorCode: 'PROXY_AUTH_REQUIRED', detail: `a proxy asks for credentials (HTTP 407) before ${url.host} can be checked` };
  }
  if (check.expectStatus === 204) {
    // Android counts a 200 with an empty body as 204: some networks rewrite the status, not the content.
    if (status === 204 || (status === 200 && body.length === 0 && answer.complete)) return { ...base, outcome: 'ok', detail: `${url.host} answered as expected (HTTP ${status})` };
    if (status >= 200 && status <= 299) return { ...base, outcome: 'portal', detail: `${url.host} should answer with an empty 204 but sent a page (HTTP ${status}): a sign-in page is intercepting web traffic` };
  } else if (status === check.expectStatus) {
    if (check.expectBody === null || (answer.complete && body === check.expectBody)) return { ...base, outcome: 'ok', detail: `${url.host} answered with the expected content` };
    return { ...base, outcome: 'portal', detail: `${url.host} answered HTTP ${status} with different content than expected: a sign-in page is intercepting web traffic` };
  } else if (status >= 200 && status <= 299) {
    return { ...base, outcome: 'portal', detail: `${url.host} answered HTTP ${status} instead of ${check.expectStatus}: something in between answered for it` };
  }
  return { ...base, outcome: 'unreachable', errorCode: `HTTP_${status}`, detail: `${url.host} answered HTTP ${status} instead of ${check.expectStatus}` };
}

function fetchOnce(url: URL, proxy: ProxyEndpoint | null, signal: AbortSignal, lookup: LookupFunction | undefined): Promise<Answer> {
  return new Promise((resolve) => {
    const headers = probeHeaders(url, proxy?.authorization);
    const req = httpRequest({
      method: 'GET',
      host: proxy ? proxy.host : url.hostname.replace(/^\[|\]$/g, ''),
      port: proxy ? proxy.port : url.port === '' ? 80 : Number(url.port),
      path: proxy ? url.href : `${url.pathname}${url.search}`,
      headers,
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    let settled = false;
    const settle = (answer: Answer): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(answer);
    };
    const onAbort = (): void => settle({ kind: 'error', error: Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }) });
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('error', (error) => settle({ kind: 'error', error }));
    req.once('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      // We destroy the request once judged; a late 'aborted' error on the response is expected.
      res.on('error', () => undefined);
      const rawLocation = res.headers.location;
      const location = typeof rawLocation === 'string' ? rawLocation.slice(0, MAX_LOCATION_CHARS) : null;
      // Only a 2xx body is compared; for anything else the status line says it all.
      if (status < 200 || status > 299) {
        settle({ kind: 'response', status, location, body: '', complete: true });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (complete: boolean): void => settle({ kind: 'response', status, location, body: Buffer.concat(chunks).toString('utf8'), complete });
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          done(false);
          return;
        }
        chunks.push(chunk);
      });
      res.once('end', () => done(true));
      // A connection that breaks mid-body still told us the status; judge what arrived as incomplete.
      res.once('error', () => done(false));
      res.once('aborted', () => done(false));
    });
    req.end();
  });
}
