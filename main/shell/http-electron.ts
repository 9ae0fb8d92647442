/**
 * The `Http` port over Electron's network stack (connectivity.md B4).
 *
 * In the app the injected `fetch` is `session.fetch` of a dedicated session: Chromium's stack,
 * so the system proxy, PAC/WPAD, Kerberos/NTLM proxy auth and the OS certificate store all apply,
 * which undici in Node cannot offer. The rules are the undici adapter's (`main/node/http-undici.ts`):
 * https only (plain http to loopback), one deadline for the whole exchange including redirects
 * and the body, a body cap enforced while streaming, at most 3 redirects each re-checked by the
 * URL policy, conditional requests, `Retry-After`, 407 as proxy-auth, our User-Agent, and
 * failures as data: `get()` never throws.
 *
 * Written against the WHATWG Fetch API only, so tests pass Node's global `fetch` and real
 * loopback servers: same semantics, no Electron needed.
 */
import { HTTP_LIMITS, type Http, type HttpFailure, type HttpRequest, type HttpResult, type HttpValidators } from '../core/ports.js';
import { decodeBody, DEFAULT_ACCEPT, fail, getUnderDeadline, innermostCode, isSafeHeaderValue, messageOf, notModifiedResult, redirectStep, REDIRECT_STATUSES } from '../node/http-body.js';
import { parseRetryAfter } from '../node/retry-after.js';

/** A WHATWG fetch: `session.fetch` / `net.fetch` in the app, Node's `fetch` in tests. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface ElectronHttpOptions {
  readonly fetch: FetchFunction;
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
  const maxBodyBytes = options.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes;
  const maxRedirects = options.maxRedirects ?? HTTP_LIMITS.maxRedirects;
  const accept = options.accept ?? DEFAULT_ACCEPT;

  async function exchange(start: URL, validators: HttpValidators | null, signal: AbortSignal): Promise<HttpResult> {
    const headers: Record<string, string> = { 'user-agent': options.userAgent, accept };
    if (validators?.etag && isSafeHeaderValue(validators.etag)) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified && isSafeHeaderValue(validators.lastModified)) headers['if-modified-since'] = validators.lastModified;
    const sentValidators = 'if-none-match' in headers || 'if-modified-since' in headers;
    const visited = new Set<string>([start.href]);
    let url = start;

    for (let hop = 0; ; hop++) {
      const response = await options.fetch(url.href, {
        method: 'GET',
        headers,
        // Every hop is checked here against the URL policy, so the stack must not follow any itself.
        redirect: 'manual',
        // Conditional requests are ours; Chromium's HTTP cache would answer 304s from disk.
        cache: 'no-store',
        credentials: 'omit',
        signal,
      });
      const status = response.status;

      // A browser-style "opaque redirect" hides the Location; treat it as a redirect we cannot follow.
      if (response.type === 'opaqueredirect' || status === 0) {
        await discard(response);
        return fail({ kind: 'network', code: 'ERR_UNEXPECTED_REDIRECT', message: 'a redirect without a readable location' });
      }

      if (REDIRECT_STATUSES.has(status)) {
        await discard(response);
        const step = redirectStep(status, response.headers.get('location'), url, hop, maxRedirects, visited);
        if ('result' in step) return step.result;
        url = step.follow;
        continue;
      }

      if (status === 304 && sentValidators) {
        await discard(response);
        return notModifiedResult(validatorsOf(response.headers), validators);
      }

      if (status === 407) {
        await discard(response);
        return fail({ kind: 'proxy-auth', status: 407 });
      }

      if (status < 200 || status > 299) {
        await discard(response);
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : null;
        return fail({ kind: 'status', status, retryAfterMs });
      }

      const declaredLength = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
        await discard(response);
        return fail({ kind: 'too-large', limitBytes: maxBodyBytes });
      }
      const body = await readCapped(response, maxBodyBytes);
      if (body === null) return fail({ kind: 'too-large', limitBytes: maxBodyBytes });

      const contentTypeHeader = response.headers.get('content-type') ?? '';
      return {
        ok: true,
        notModified: false,
        status,
        contentType: mediaTypeOf(contentTypeHeader),
        body: decodeBody(body, charsetOf(contentTypeHeader)),
        validators: validatorsOf(response.headers),
        bytes: body.length,
        finalUrl: url.href,
      };
    }
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

/** Drops a body we will not read. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already closed or errored: nothing left to release.
  }
}

/** Reads the body chunk by chunk and gives up as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function charsetOf(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

function validatorsOf(headers: Headers): HttpValidators {
  return { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
}




/** Chromium's errors that mean a proxy wants credentials we do not have. */
const PROXY_AUTH_ERRORS = new Set(['ERR_PROXY_AUTH_REQUESTED', 'ERR_PROXY_AUTH_UNSUPPORTED', 'ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION']);
const TIMEOUT_ERRORS = new Set(['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Maps what the fetch threw to a failure. Electron's `net` rejects with `net::ERR_*` in the
 * message; Node's fetch with `TypeError('fetch failed')` and the socket error as `cause`.
 */
export function failureFromError(error: unknown, timeoutMs: number): HttpFailure {
  const message = messageOf(error);
  const chromium = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1] ?? null;
  const code = chromium ?? innermostCode(error);
  if (code !== null && PROXY_AUTH_ERRORS.has(code)) return { kind: 'proxy-auth', status: 407 };
  if (code !== null && TIMEOUT_ERRORS.has(code)) return { kind: 'timeout', afterMs: timeoutMs };
  if (code === 'UND_ERR_SOCKET') return { kind: 'network', code: 'ECONNRESET', message: innermostMessage(error) };
  return { kind: 'network', code: code ?? 'UNKNOWN', message: innermostMessage(error) };
}


/** "fetch failed" says nothing; the deepest cause's message says what happened. */
function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = messageOf(error);
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof Error && current.message) message = messageOf(current);
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

