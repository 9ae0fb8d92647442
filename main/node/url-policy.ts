import type { HttpFailure } from '../core/ports.js';
import { isLoopbackHost } from '../core/url-rules.js';

export { isLoopbackHost };

/**
 * Which URLs Outage Radar may fetch (DESIGN.md, "Polling rules"): https anywhere, plain http only
 * to this machine. Status data steers what a worker is told, so it must not be forgeable by anyone
 * on the path; loopback stays open for a local relay and for tests.
 */

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly failure: HttpFailure };

/** Parses `url` and decides whether it may be fetched; the failure says why not. */
export function checkFetchableUrl(url: string | URL): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return { ok: false, failure: { kind: 'bad-url', message: `not a valid URL: ${truncate(String(url))}` } };
  }
  if (parsed.protocol === 'https:') return { ok: true, url: parsed };
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return { ok: true, url: parsed };
    return { ok: false, failure: { kind: 'insecure-url', url: parsed.href } };
  }
  return { ok: false, failure: { kind: 'bad-url', message: `unsupported scheme ${truncate(parsed.protocol)} (only https, or http to this machine)` } };
}

// URLs come from config files and redirects; a hostile one must not flood an error message.
function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
