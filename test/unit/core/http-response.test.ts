import { describe, expect, it } from 'vitest';
import { decodeText, decodingPlan, interpretHead, type HeadContext, type ResponseHead } from '../../../main/core/sources/http-response.js';

const NOW = Date.UTC(2024, 2, 10, 12, 0, 0);
const LIMITS = { maxBodyBytes: 1000, maxRedirects: 3 };

function head(status: number, headers: Record<string, string> = {}): ResponseHead {
  return { status, header: (name) => headers[name] ?? null };
}

function context(url: string, overrides: Partial<HeadContext> = {}): HeadContext {
  return { url: new URL(url), hop: 0, visited: new Set([url]), sentValidators: null, limits: LIMITS, nowMs: NOW, decodedByTransport: [], ...overrides };
}

describe('interpretHead: one meaning for every answer, in both adapters', () => {
  const page = 'https://status.example/api/v2/summary.json';

  it.each<[string, ResponseHead, Partial<HeadContext>, unknown]>([
    ['a plain 200 is read as is', head(200), {}, { action: 'read', decoders: [] }],
    ['gzip is undone by us', head(200, { 'content-encoding': 'gzip' }), {}, { action: 'read', decoders: ['gzip'] }],
    ['stacked codings are undone last to first', head(200, { 'content-encoding': 'gzip, br' }), {}, { action: 'read', decoders: ['br', 'gzip'] }],
    ['what Chromium decoded needs nothing more', head(200, { 'content-encoding': 'br' }), { decodedByTransport: ['gzip', 'br'] }, { action: 'read', decoders: [] }],
    ['a declared length over the cap is refused unread', head(200, { 'content-length': '1001' }), {}, { action: 'finish', result: { ok: false, failure: { kind: 'too-large', limitBytes: 1000 } } }],
    ['407 is proxy-auth', head(407), {}, { action: 'finish', result: { ok: false, failure: { kind: 'proxy-auth', status: 407 } } }],
    ['429 carries its Retry-After', head(429, { 'retry-after': '120' }), {}, { action: 'finish', result: { ok: false, failure: { kind: 'status', status: 429, retryAfterMs: 120_000 } } }],
    ['500 ignores Retry-After', head(500, { 'retry-after': '5' }), {}, { action: 'finish', result: { ok: false, failure: { kind: 'status', status: 500, retryAfterMs: null } } }],
    ['304 to an unconditional request is a status failure', head(304), {}, { action: 'finish', result: { ok: false, failure: { kind: 'status', status: 304, retryAfterMs: null } } }],
    ['a redirect without a location is a status failure', head(302), {}, { action: 'finish', result: { ok: false, failure: { kind: 'status', status: 302, retryAfterMs: null } } }],
  ])('%s', (_name, response, overrides, expected) => {
    expect(interpretHead(response, context(page, overrides))).toEqual(expected);
  });

  it('keeps the validators it sent when a 304 brings none', () => {
    const sentValidators = { etag: '"v1"', lastModified: null };
    expect(interpretHead(head(304), context(page, { sentValidators }))).toEqual({
      action: 'finish',
      result: { ok: true, notModified: true, status: 304, validators: sentValidators, bytes: 0 },
    });
  });

  it('follows a redirect to https, relative or absolute', () => {
    const decision = interpretHead(head(301, { location: '/v2/summary.json' }), context(page));
    expect(decision).toEqual({ action: 'follow', url: new URL('https://status.example/v2/summary.json') });
  });

  it('refuses a redirect from https down to http, even to this machine', () => {
    expect(interpretHead(head(302, { location: 'http://127.0.0.1:8080/feed.json' }), context(page))).toEqual({
      action: 'finish',
      result: { ok: false, failure: { kind: 'insecure-url', url: 'http://127.0.0.1:8080/feed.json', redirectFrom: page } },
    });
  });

  it('lets a loopback http page redirect within loopback http, but not to another machine', () => {
    const local = 'http://127.0.0.1:8080/a';
    expect(interpretHead(head(302, { location: '/b' }), context(local))).toMatchObject({ action: 'follow' });
    expect(interpretHead(head(302, { location: 'http://192.0.2.1/b' }), context(local))).toMatchObject({ result: { failure: { kind: 'insecure-url' } } });
  });

  it('stops at the redirect limit and on a loop', () => {
    const limit = { action: 'finish', result: { ok: false, failure: { kind: 'redirects', limit: 3 } } };
    expect(interpretHead(head(302, { location: '/next' }), context(page, { hop: 3 }))).toEqual(limit);
    expect(interpretHead(head(302, { location: page }), context(page))).toEqual(limit);
  });
});

describe('decodingPlan', () => {
  it('refuses codings it did not ask for, and piles of layers, with a reason', () => {
    expect(decodingPlan('deflate', [])).toMatchObject({ failure: { code: 'ERR_UNSUPPORTED_CONTENT_ENCODING', message: expect.stringContaining('"deflate"') } });
    expect(decodingPlan('compress', ['gzip', 'br'])).toMatchObject({ failure: { code: 'ERR_UNSUPPORTED_CONTENT_ENCODING' } });
    expect(decodingPlan('gzip, gzip, gzip', [])).toMatchObject({ failure: { message: expect.stringContaining('3 layers') } });
    expect(decodingPlan('identity, x-gzip', [])).toEqual({ decoders: ['gzip'] });
  });
});

describe('decodeText', () => {
  it('strips BOMs and honours UTF-16 by BOM or charset', () => {
    const text = 'Zürich — 東京';
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(Buffer.from(text, 'utf16le').swap16());
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]), null)).toBe(text);
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]), null)).toBe(text);
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]), null)).toBe(text);
    expect(decodeText(be, 'utf-16')).toBe(text);
    expect(decodeText(le, 'utf-16le')).toBe(text);
  });
});
