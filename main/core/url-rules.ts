/**
 * Which URLs the app may fetch: https anywhere, plain http only to this machine (tests, local
 * relays). Shared by config validation (core) and the HTTP adapters (node, shell).
 */

/** 127.0.0.0/8, ::1 (with or without brackets) and `localhost` / `*.localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255) && v4[1] === '127';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  return mapped ? isLoopbackHost(mapped[1] ?? '') : false;
}

export type UrlVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Parses and checks a URL we are about to fetch or store in settings. */
export function checkSourceUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `not a valid URL: ${JSON.stringify(raw.slice(0, 200))}` };
  }
  if (url.username || url.password) return { ok: false, reason: 'URLs with embedded credentials are not allowed' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? { ok: true, url }
      : { ok: false, reason: `plain http is only allowed for loopback hosts; use https for ${url.host}` };
  }
  return { ok: false, reason: `unsupported scheme ${url.protocol} (expected https)` };
}
