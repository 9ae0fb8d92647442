/**
 * The one HTTP response interpreter both adapters share (undici in Node, Chromium's `net` in the
 * app). The adapters move bytes; every decision about what an answer means lives here, so the
 * CLI and the desktop app follow DESIGN.md's polling rules identically:
 *
 * - which URLs may be fetched at all (https anywhere, plain http only to this machine),
 * - redirects: at most `maxRedirects`, every hop re-checked, never from https down to http,
 *   no loops,
 * - statuses: 304 to a conditional request, 407, 429/503 with `Retry-After`, anything else not 2xx,
 * - size: a declared length over the cap is refused before reading, and the DECODED body is
 *   counted against the same cap, so a small compressed bomb is refused too,
 * - content codings: which ones we decode, which the transport decoded, and refusing the rest,
 * - the body's text: charset and byte-order mark.
 *
 * Pure: no I/O, no timers, no Node modules. Whether an HTML page served with 200 is acceptable is
 * a question about the SOURCE, answered in `source-fetch.ts` from `contentType`.
 */
import type { HttpFailure, HttpResult, HttpValidators } from '../ports.js';
import { parseRetryAfter } from './retry-after.js';
import { isLoopbackHost } from './url-rules.js';

export const DEFAULT_ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.1';

/** What the undici adapter asks for and can decode itself (node:zlib). */
export const ACCEPT_ENCODING = 'gzip, br';

/** A content coding we can undo ourselves. */
export type ContentCoding = 'gzip' | 'br';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** More layers than this is not a real server's answer but an attempt to make us work. */
const MAX_CODING_LAYERS = 2;

/** Response headers by lower-case name (the first value when a header is repeated). */
export type HeaderLookup = (name: string) => string | null;

export interface ResponseHead {
  readonly status: number;
  readonly header: HeaderLookup;
}

export interface ExchangeLimits {
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
}

/** Where an exchange stands when a response head arrives. */
export interface HeadContext {
  /** The URL this response answers. */
  readonly url: URL;
  /** Redirects followed so far. */
  readonly hop: number;
  /** Every URL requested so far, the first one included. */
  readonly visited: ReadonlySet<string>;
  /** The validators sent with the request, or null for an unconditional request. */
  readonly sentValidators: HttpValidators | null;
  readonly limits: ExchangeLimits;
  /** Epoch ms, for a `Retry-After` given as a date. */
  readonly nowMs: number;
  /**
   * Content codings the transport has already undone (Chromium decodes gzip, deflate, br and
   * zstd itself); empty when the adapter decodes.
   */
  readonly decodedByTransport: readonly string[];
}

/** What to do with a response head. */
export type HeadDecision =
  | { readonly action: 'follow'; readonly url: URL }
  | { readonly action: 'finish'; readonly result: HttpResult }
  /** Read the body, undoing `decoders` in order, and count the decoded bytes against the cap. */
  | { readonly action: 'read'; readonly decoders: readonly ContentCoding[] };

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly failure: HttpFailure };

/** Parses `url` and decides whether it may be fetched: https anywhere, plain http only to this machine. */
export function checkFetchableUrl(url: string | URL): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return { ok: false, failure: { kind: 'bad-url', message: `not a valid URL: ${truncate(String(url))}` } };
  }
  parsed.hash = '';
  if (parsed.protocol === 'https:') return { ok: true, url: parsed };
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return { ok: true, url: parsed };
    return { ok: false, failure: { kind: 'insecure-url', url: parsed.href } };
  }
  return { ok: false, failure: { kind: 'bad-url', message: `unsupported scheme ${truncate(parsed.protocol)} (only https, or http to this machine)` } };
}

/** The headers of every request: our User-Agent, Accept, and the validators when they are safe to send. */
export function requestHeaders(
  userAgent: string,
  accept: string,
  validators: HttpValidators | null | undefined,
  acceptEncoding: string | null,
): { readonly headers: Record<string, string>; readonly sentValidators: HttpValidators | null } {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept };
  if (acceptEncoding !== null) headers['accept-encoding'] = acceptEncoding;
  const etag = validators?.etag && isSafeHeaderValue(validators.etag) ? validators.etag : null;
  const lastModified = validators?.lastModified && isSafeHeaderValue(validators.lastModified) ? validators.lastModified : null;
  if (etag !== null) headers['if-none-match'] = etag;
  if (lastModified !== null) headers['if-modified-since'] = lastModified;
  return { headers, sentValidators: etag === null && lastModified === null ? null : { etag, lastModified } };
}

// Validators come back from storage; a corrupted one must not make every request throw.
function isSafeHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) && value.length <= 1024;
}

/** Decides what a response head means: follow it, finish with a result, or read the body. */
export function interpretHead(head: ResponseHead, context: HeadContext): HeadDecision {
  const { status } = head;
  if (REDIRECT_STATUSES.has(status)) {
    const step = redirectStep(status, head.header('location'), context);
    return 'url' in step ? { action: 'follow', url: step.url } : { action: 'finish', result: fail(step.failure) };
  }
  if (status === 304 && context.sentValidators !== null) {
    return { action: 'finish', result: notModifiedResult(validatorsOf(head.header), context.sentValidators) };
  }
  if (status === 407) return { action: 'finish', result: fail({ kind: 'proxy-auth', status: 407 }) };
  if (status < 200 || status > 299) {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(head.header('retry-after'), context.nowMs) : null;
    return { action: 'finish', result: fail({ kind: 'status', status, retryAfterMs }) };
  }
  const declaredLength = Number(head.header('content-length') ?? NaN);
  if (Number.isFinite(declaredLength) && declaredLength > context.limits.maxBodyBytes) {
    return { action: 'finish', result: tooLarge(context.limits.maxBodyBytes) };
  }
  const plan = decodingPlan(head.header('content-encoding'), context.decodedByTransport);
  if ('failure' in plan) return { action: 'finish', result: fail(plan.failure) };
  return { action: 'read', decoders: plan.decoders };
}

/**
 * Decides a redirect hop given the `Location` (or the transport's resolved redirect URL).
 * Refused: no location, more than `maxRedirects`, an invalid or unfetchable target, https to
 * plain http (even to this machine: a page we reached securely must not hand us to a channel
 * anyone on the path can forge), and a URL seen before (we keep no cookies, so it is a loop).
 */
export function redirectStep(
  status: number,
  location: string | null,
  context: Pick<HeadContext, 'url' | 'hop' | 'visited' | 'limits'>,
): { readonly url: URL } | { readonly failure: HttpFailure } {
  const { maxRedirects } = context.limits;
  if (location === null || location === '') return { failure: { kind: 'status', status, retryAfterMs: null } };
  if (context.hop >= maxRedirects) return { failure: { kind: 'redirects', limit: maxRedirects } };
  let next: URL;
  try {
    next = new URL(location, context.url);
  } catch {
    return { failure: { kind: 'bad-url', message: 'redirect to an invalid location' } };
  }
  const check = checkFetchableUrl(next);
  if (!check.ok) return { failure: check.failure };
  if (context.url.protocol === 'https:' && check.url.protocol !== 'https:') return { failure: { kind: 'insecure-url', url: check.url.href, redirectFrom: context.url.href } };
  if (context.visited.has(check.url.href)) return { failure: { kind: 'redirects', limit: maxRedirects } };
  return { url: check.url };
}

/**
 * Which decoders a `Content-Encoding` needs. Codings the transport already undid need none;
 * gzip and br we undo ourselves; anything else (or a pile of layers) is refused with a reason,
 * because reading compressed bytes as text would only produce a confusing parse error.
 */
export function decodingPlan(
  contentEncoding: string | null,
  decodedByTransport: readonly string[],
): { readonly decoders: readonly ContentCoding[] } | { readonly failure: HttpFailure } {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .map((coding) => (coding === 'x-gzip' ? 'gzip' : coding));
  if (codings.length > MAX_CODING_LAYERS) {
    return { failure: unsupportedEncoding(`${codings.length} layers of content encoding (${truncate(codings.join(', '))})`) };
  }
  if (decodedByTransport.length > 0) {
    const unknown = codings.find((coding) => !decodedByTransport.includes(coding));
    return unknown === undefined ? { decoders: [] } : { failure: unsupportedEncoding(`content encoding "${truncate(unknown)}"`) };
  }
  const decoders: ContentCoding[] = [];
  // Codings are listed in the order they were applied, so they are undone last to first.
  for (const coding of [...codings].reverse()) {
    if (coding !== 'gzip' && coding !== 'br') return { failure: unsupportedEncoding(`content encoding "${truncate(coding)}"`) };
    decoders.push(coding);
  }
  return { decoders };
}

function unsupportedEncoding(what: string): HttpFailure {
  return { kind: 'bad-response', code: 'ERR_UNSUPPORTED_CONTENT_ENCODING', message: `the server sent ${what}, which Outage Radar did not ask for and cannot read` };
}

/** Compressed data that does not decode (truncated, corrupt, or not what the header says). */
export function decodingFailure(coding: string, detail: string): HttpFailure {
  return { kind: 'bad-response', code: 'ERR_CONTENT_DECODING_FAILED', message: `the ${coding}-compressed response is corrupt: ${truncate(detail)}` };
}

/** True once the decoded bytes read so far pass the cap: stop reading and answer `tooLarge`. */
export function exceedsBodyCap(decodedBytes: number, limits: Pick<ExchangeLimits, 'maxBodyBytes'>): boolean {
  return decodedBytes > limits.maxBodyBytes;
}

export function tooLarge(maxBodyBytes: number): HttpResult {
  return fail({ kind: 'too-large', limitBytes: maxBodyBytes });
}

/** The answer for a fully read 2xx body. `wireBytes` is what crossed the network (compressed). */
export function bodyResult(head: ResponseHead, body: Uint8Array, url: URL, wireBytes: number): HttpResult {
  const contentType = head.header('content-type') ?? '';
  return {
    ok: true,
    notModified: false,
    status: head.status,
    contentType: mediaTypeOf(contentType),
    body: decodeText(body, charsetOf(contentType)),
    validators: validatorsOf(head.header),
    bytes: wireBytes,
    finalUrl: url.href,
  };
}

/** A 304 to our conditional request: the data we hold stays fresh, with any new validators. */
function notModifiedResult(fresh: HttpValidators, sent: HttpValidators | null): HttpResult {
  return {
    ok: true,
    notModified: true,
    status: 304,
    validators: { etag: fresh.etag ?? sent?.etag ?? null, lastModified: fresh.lastModified ?? sent?.lastModified ?? null },
    bytes: 0,
  };
}

export function fail(failure: HttpFailure): HttpResult {
  return { ok: false, failure };
}

function validatorsOf(header: HeaderLookup): HttpValidators {
  return { etag: header('etag'), lastModified: header('last-modified') };
}

/** `application/json; charset=utf-8` -> `application/json`. */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function charsetOf(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Decodes a body as UTF-8 unless a BOM or the declared charset says UTF-16; strips the BOM. */
export function decodeText(bytes: Uint8Array, charset: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  if (charset === 'utf-16le') return utf16le(bytes);
  // RFC 2781: UTF-16 without a BOM is big-endian.
  if (charset === 'utf-16be' || charset === 'utf-16') return utf16be(bytes);
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function utf16le(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
}

// Swapped by hand: TextDecoder('utf-16be') needs full ICU, which not every Node/Electron build has.
function utf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i < swapped.length; i += 2) {
    swapped[i] = bytes[i + 1] ?? 0;
    swapped[i + 1] = bytes[i] ?? 0;
  }
  return utf16le(swapped);
}

// URLs and codings come from servers; a hostile one must not flood an error message.
function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
