/**
 * The `app://` scheme the window is loaded from (Electron security checklist item 18: a custom
 * protocol instead of `file://`).
 *
 * `app://renderer/<path>` serves files from `out/renderer` and nothing else: the path is decoded
 * and normalised, then must still lie inside that folder, so `..`, encoded dots, backslashes and
 * NUL bytes cannot reach other files. Every answer carries the CSP as a header too, so even a
 * page without the meta tag is locked down.
 */
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** The window's start page. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (call before `app` is ready): `standard`
 * gives relative URLs and an origin, `secure` makes the page a secure context. No CORS, no
 * service workers, no fetch from other origins.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** The window's Content-Security-Policy: own scripts and styles only, no network, no frames, no plugins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppProtocolOptions {
  /** The folder served as `app://renderer/` (the built `out/renderer`). */
  readonly rootDir: string;
  readonly readFile?: (path: string) => Promise<Uint8Array>;
  readonly log?: { warn(message: string): void };
}

/** Maps a request URL to a file inside `rootDir`, or says why it may not be served. */
export function resolveAppPath(rawUrl: string, rootDir: string): { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: `unknown host ${url.host}` };
  // Node's URL keeps %2e%2e and backslashes as written for non-special schemes; decode first,
  // then judge the decoded path, so no spelling of ".." gets through.
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 403, reason: 'forbidden character in path' };
  if (path === '' || path === '/') path = '/index.html';
  const root = resolve(rootDir);
  const target = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (!target.startsWith(root + sep)) return { ok: false, status: 403, reason: 'path outside the app folder' };
  return { ok: true, path: target };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
  });
}

/** The `protocol.handle(APP_SCHEME, …)` handler. Never throws; failures are 4xx answers. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((path: string) => fsReadFile(path));
  const log = options.log ?? console;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const resolved = resolveAppPath(request.url, options.rootDir);
    if (!resolved.ok) {
      log.warn(`app protocol: refused ${request.url.slice(0, 300)}: ${resolved.reason}`);
      return plain(resolved.status, resolved.reason);
    }
    let body: Uint8Array;
    try {
      body = await readFile(resolved.path);
    } catch {
      return plain(404, 'not found');
    }
    const contentType = CONTENT_TYPES[extname(resolved.path).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status: 200,
      headers: {
        'content-type': contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}
