import { isIPv4 } from 'node:net';
import type { HttpFailure } from '../core/ports.js';

/**
 * Which URLs Outage Radar may fetch (DESIGN.md, "Polling rules"): https anywhere, plain http only
 * to this machine. Status data steers what a worker is told, so it must not be forgeable by anyone
 * on the path; loopback stays open for a local relay and for tests.
 */

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly failure: HttpFailure };

/** True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped 127.x (brackets and a trailing dot allowed). */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  return isIpv6Loopback(host);
}

function isIpv6Loopback(host: string): boolean {
  if (!host.includes(':')) return false;
  if (host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host)) return true;
  // The WHATWG URL parser writes [::ffff:127.0.0.1] as [::ffff:7f00:1].
  const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
  if (mapped === undefined) return false;
  if (isIPv4(mapped)) return mapped.startsWith('127.');
  const high = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(mapped)?.[1];
  return high !== undefined && (parseInt(high, 16) & 0xff00) === 0x7f00;
}

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
