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
import { describeErrorCode, errorCodeOf, formatMs, probeHeaders, probeWords, RUN_TIMEOUT, runCutShort, said, STEP_TIMEOUT } from './step.js';
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
    return result({ outcome: 'unreachable', httpStatus: null, location: null, errorCode: errorCodeOf(error), ...said(probeWords('probe.detail.context', { context: check.url, words: describeErrorCode(errorCodeOf(error), '', error) })) });
  }
  if (options.signal?.aborted) return result({ outcome: 'timeout', httpStatus: null, location: null, errorCode: RUN_TIMEOUT, ...said(runCutShort(options.signal).detailWords) });

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
      ...said(cutShort ? runCutShort(options.signal).detailWords : probeWords('probe.detail.captiveNoAnswer', { host: url.host, time: formatMs(timeoutMs) })),
    });
  }
  if (winner.kind === 'error') {
    const code = errorCodeOf(winner.error);
    return result({ outcome: 'unreachable', httpStatus: null, location: null, errorCode: code, ...said(describeErrorCode(code, url.host, winner.error)) });
  }
  return result(judge(check, url, winner));
}

function judge(check: CaptiveCheck, url: URL, answer: Extract<Answer, { kind: 'response' }>): Omit<CaptiveResult, 'check' | 'durationMs'> {
  const { status, location, body } = answer;
  const base = { httpStatus: status, location: null, errorCode: null };
  const values = { host: url.host, status: String(status), expected: String(check.expectStatus) };
  if (status >= 300 && status <= 399) {
    const words = location ? probeWords('probe.detail.captiveRedirectTo', { ...values, location }) : probeWords('probe.detail.captiveRedirect', values);
    return { ...base, outcome: 'portal', location, ...said(words) };
  }
  if (status === 407) {
    return { ...base, outcome: 'unreachable', errorCode: 'PROXY_AUTH_REQUIRED', ...said(probeWords('probe.detail.captiveProxyAuth', values)) };
  }
  if (check.expectStatus === 204) {
    // Android counts a 200 with an empty body as 204: some networks rewrite the status, not the content.
    if (status === 204 || (status === 200 && body.length === 0 && answer.complete)) return { ...base, outcome: 'ok', ...said(probeWords('probe.detail.captiveExpected', values)) };
    if (status >= 200 && status <= 299) return { ...base, outcome: 'portal', ...said(probeWords('probe.detail.captivePageFor204', values)) };
  } else if (status === check.expectStatus) {
    if (check.expectBody === null || (answer.complete && body === check.expectBody)) return { ...base, outcome: 'ok', ...said(probeWords('probe.detail.captiveExpectedContent', values)) };
    return { ...base, outcome: 'portal', ...said(probeWords('probe.detail.captiveOtherContent', values)) };
  } else if (status >= 200 && status <= 299) {
    return { ...base, outcome: 'portal', ...said(probeWords('probe.detail.captiveInstead', values)) };
  }
  return { ...base, outcome: 'unreachable', errorCode: `HTTP_${status}`, ...said(probeWords('probe.detail.captiveWrongStatus', values)) };
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
