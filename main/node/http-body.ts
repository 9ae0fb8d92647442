/**
 * What both HTTP adapters (undici in Node, Electron's network stack in the app) share: request
 * headers, body decoding, the one deadline per request, and the decisions about redirects and
 * 304s, so the two follow the polling rules identically and differ only in transport.
 */
import type { HttpFailure, HttpRequest, HttpResult, HttpValidators } from '../core/ports.js';
import { checkFetchableUrl } from './url-policy.js';

export const DEFAULT_ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.1';

/** Decodes a body as UTF-8 unless a BOM or the declared charset says UTF-16; strips the BOM. */
export function decodeBody(bytes: Uint8Array, charset: string | null): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return utf16be(buffer.subarray(2));
  if (charset === 'utf-16le') return buffer.toString('utf16le');
  // RFC 2781: UTF-16 without a BOM is big-endian.
  if (charset === 'utf-16be' || charset === 'utf-16') return utf16be(buffer);
  return buffer.toString('utf8');
}

// Swapped by hand: TextDecoder('utf-16be') needs full ICU, which not every Node/Electron build has.
function utf16be(buffer: Buffer): string {
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  swapped.swap16();
  return swapped.toString('utf16le');
}


export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export function fail(failure: HttpFailure): HttpResult {
  return { ok: false, failure };
}

export function cancelled(): HttpFailure {
  return { kind: 'network', code: 'ABORTED', message: 'the request was cancelled' };
}

// Validators come back from storage; a corrupted one must not make every request throw.
export function isSafeHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value.length <= 1024;
}

/** One redirect hop: the URL to follow, or the result that ends the request. */
export type RedirectStep = { readonly follow: URL } | { readonly result: HttpResult };

/**
 * Decides a redirect hop: at most `maxRedirects`, every hop re-checked against the URL rules (an
 * https page must not send us to plain http elsewhere), and a URL seen before is a loop.
 */
export function redirectStep(status: number, location: string | null, from: URL, hop: number, maxRedirects: number, visited: Set<string>): RedirectStep {
  if (location === null) return { result: fail({ kind: 'status', status, retryAfterMs: null }) };
  if (hop >= maxRedirects) return { result: fail({ kind: 'redirects', limit: maxRedirects }) };
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    return { result: fail({ kind: 'bad-url', message: 'redirect to an invalid location' }) };
  }
  next.hash = '';
  const check = checkFetchableUrl(next);
  if (!check.ok) return { result: check };
  // We keep no cookies, so a URL seen before means the chain can only go round in circles.
  if (visited.has(check.url.href)) return { result: fail({ kind: 'redirects', limit: maxRedirects }) };
  visited.add(check.url.href);
  return { follow: check.url };
}

/** A 304 to our conditional request: the data we hold stays fresh, with any new validators. */
export function notModifiedResult(fresh: HttpValidators, sent: HttpValidators | null | undefined): HttpResult {
  return {
    ok: true,
    notModified: true,
    status: 304,
    validators: { etag: fresh.etag ?? sent?.etag ?? null, lastModified: fresh.lastModified ?? sent?.lastModified ?? null },
    bytes: 0,
  };
}

/** The most specific `code` on the error or its causes (fetch and undici wrap Node's socket errors). */
export function innermostCode(error: unknown): string | null {
  let found: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') found = code;
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/** An error's message, bounded: errors can quote untrusted input. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export interface DeadlineRun {
  readonly timeoutMs: number;
  /** The whole exchange for one URL (redirects and body included), to stop when `signal` aborts. */
  readonly exchange: (url: URL, signal: AbortSignal) => Promise<HttpResult>;
  /** What an error thrown by `exchange` means, once the deadline and a cancel are ruled out. */
  readonly failureOf: (error: unknown) => HttpFailure;
  /** Asked first when `exchange` throws, e.g. "the client was closed meanwhile". */
  readonly interrupted?: () => HttpFailure | null;
  /** Where the request's controller is kept while it runs, so that closing can abort it. */
  readonly inFlight?: Set<AbortController>;
}

/**
 * One `get` under the polling rules' single deadline: the URL checked first, then the exchange
 * raced against the timer, so the answer comes in time even if some stage ignores the abort.
 * Never throws; the caller's own signal cancels.
 */
export async function getUnderDeadline(request: HttpRequest, run: DeadlineRun): Promise<HttpResult> {
  const check = checkFetchableUrl(request.url);
  if (!check.ok) return check;
  const url = check.url;
  url.hash = '';
  if (request.signal?.aborted) return fail(cancelled());

  const { timeoutMs } = run;
  const controller = new AbortController();
  let deadlineHit = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<HttpResult>((resolve) => {
    timer = setTimeout(() => {
      deadlineHit = true;
      controller.abort();
      resolve(fail({ kind: 'timeout', afterMs: timeoutMs }));
    }, timeoutMs);
  });
  const onCallerAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  run.inFlight?.add(controller);

  const work = run.exchange(url, controller.signal).catch((error: unknown): HttpResult => {
    if (deadlineHit) return fail({ kind: 'timeout', afterMs: timeoutMs });
    const interruption = run.interrupted?.() ?? null;
    if (interruption !== null) return fail(interruption);
    if (request.signal?.aborted) return fail(cancelled());
    return fail(run.failureOf(error));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
    run.inFlight?.delete(controller);
    // Whatever is still streaming after we answered is of no use to anyone.
    controller.abort();
  }
}
