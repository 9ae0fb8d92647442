/**
 * The ports through which the core reaches the outside world. Adapters live in `main/node`
 * (plain Node) and `main/shell` (Electron); tests use the node adapters against loopback servers.
 */
import type { ProcessInfo } from './advice/clients.js';

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

/** Limits every fetch obeys (DESIGN.md, "Polling rules"). */
export const HTTP_LIMITS = {
  timeoutMs: 10_000,
  maxBodyBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
} as const;

export function describeHttpFailure(failure: HttpFailure): string {
  switch (failure.kind) {
    case 'bad-url':
      return `invalid URL: ${failure.message}`;
    case 'insecure-url':
      return failure.redirectFrom !== undefined
        ? `refusing the redirect from https to plain http (${failure.url}): it would drop encryption`
        : `refusing plain http for a non-loopback host (${failure.url}); use https`;
    case 'timeout':
      return `no complete answer within ${Math.round(failure.afterMs / 1000)} s`;
    case 'network':
      return `network error ${failure.code}: ${failure.message}`;
    case 'bad-response':
      return `unreadable answer ${failure.code}: ${failure.message}`;
    case 'status': {
      const wait = failure.retryAfterMs === null ? '' : `, asked to retry after ${Math.round(failure.retryAfterMs / 1000)} s`;
      return `HTTP ${failure.status}${wait}`;
    }
    case 'too-large':
      return `response larger than ${Math.round(failure.limitBytes / 1024)} KiB; refused`;
    case 'redirects':
      return `more than ${failure.limit} redirects`;
    case 'proxy-auth':
      return 'the proxy requires authentication (HTTP 407)';
    default: {
      const never: never = failure;
      return String(never);
    }
  }
}
