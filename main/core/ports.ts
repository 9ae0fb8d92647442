/**
 * The ports through which the core reaches the outside world. Adapters live in `main/node`
 * (plain Node) and `main/shell` (Electron); tests use the node adapters against loopback servers.
 */
import type { ProcessInfo } from './advice/clients.js';
import { phrase, renderPhrase, type Phrase } from './i18n/phrase.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Why an HTTP fetch failed, as data the user can be told about. */
export type HttpFailure =
  | { readonly kind: 'bad-url'; readonly message: string }
  | { readonly kind: 'insecure-url'; readonly url: string; readonly redirectFrom?: string }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'network'; readonly code: string; readonly message: string }
  /** The server answered, but with a body we cannot read (corrupt or unrequested compression). */
  | { readonly kind: 'bad-response'; readonly code: string; readonly message: string }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterMs: number | null }
  | { readonly kind: 'too-large'; readonly limitBytes: number }
  | { readonly kind: 'redirects'; readonly limit: number }
  | { readonly kind: 'proxy-auth'; readonly status: 407 };

export interface HttpValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type HttpResult =
  | {
      readonly ok: true;
      readonly notModified: false;
      readonly status: number;
      readonly contentType: string;
      readonly body: string;
      readonly validators: HttpValidators;
      readonly bytes: number;
      readonly finalUrl: string;
    }
  | { readonly ok: true; readonly notModified: true; readonly status: 304; readonly validators: HttpValidators; readonly bytes: number }
  | { readonly ok: false; readonly failure: HttpFailure };

export interface HttpRequest {
  readonly url: string;
  /** Validators from the previous good response; sent as If-None-Match / If-Modified-Since. */
  readonly validators?: HttpValidators | null;
  readonly signal?: AbortSignal;
}

export interface Http {
  get(request: HttpRequest): Promise<HttpResult>;
}

/**
 * The current user's running processes (main/node/process-list.ts). Asked only when a watched
 * service's incident ended recently, so it costs nothing on a normal day. Never rejects: on any
 * failure it resolves to an empty list.
 */
export interface ProcessLister {
  list(): Promise<readonly ProcessInfo[]>;
}

/**
 * Why a request failed, as data (`i18n/phrase.ts`): said in the person's language by a human
 * output, in English by `describeHttpFailure`. Codes (ECONNREFUSED, HTTP 503) and the runtime's
 * own message (English from Node, quoted as a detail) stay verbatim in every language.
 */
export function httpFailurePhrase(failure: HttpFailure): Phrase {
  switch (failure.kind) {
    case 'bad-url':
      return phrase('source.problem.http.badUrl', { message: failure.message });
    case 'insecure-url':
      return failure.redirectFrom !== undefined
        ? phrase('source.problem.http.insecureRedirect', { url: failure.url })
        : phrase('source.problem.http.insecure', { url: failure.url });
    case 'timeout':
      return phrase('source.problem.http.timeout', { seconds: String(Math.round(failure.afterMs / 1000)) });
    case 'network':
      return phrase('source.problem.http.network', { code: failure.code, message: failure.message });
    case 'bad-response':
      return phrase('source.problem.http.badResponse', { code: failure.code, message: failure.message });
    case 'status':
      return failure.retryAfterMs === null
        ? phrase('source.problem.http.status', { status: String(failure.status) })
        : phrase('source.problem.http.statusRetry', { status: String(failure.status), seconds: String(Math.round(failure.retryAfterMs / 1000)) });
    case 'too-large':
      return phrase('source.problem.http.tooLarge', { kib: String(Math.round(failure.limitBytes / 1024)) });
    case 'redirects':
      return phrase('source.problem.http.redirects', { limit: String(failure.limit) });
    case 'proxy-auth':
      return phrase('source.problem.http.proxyAuth');
    default: {
      const never: never = failure;
      return phrase('source.problem.http.other', { message: String(never) });
    }
  }
}

/** Limits every fetch obeys (DESIGN.md, "Polling rules"). */
export const HTTP_LIMITS = {
  timeoutMs: 10_000,
  maxBodyBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
} as const;

/** Why a request failed, in English (JSON output, logs): {@link httpFailurePhrase} rendered. */
export function describeHttpFailure(failure: HttpFailure): string {
  return renderPhrase(httpFailurePhrase(failure));
}
