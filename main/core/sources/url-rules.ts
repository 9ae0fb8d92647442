/**
 * Which URLs the app may fetch: https anywhere, plain http only to this machine (tests, local
 * relays). Shared by config validation (core) and the HTTP adapters (node, shell).
 */
import { phrase, type Phrase } from '../i18n/phrase.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped 127.x (brackets and a trailing dot allowed). */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (IPV4.test(host)) return host.startsWith('127.');
  return isIpv6Loopback(host);
}

function isIpv6Loopback(host: string): boolean {
  if (!host.includes(':')) return false;
  if (host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host)) return true;
  // The WHATWG URL parser writes [::ffff:127.0.0.1] as [::ffff:7f00:1].
  const mapped = /^::ffff:(.+)$/.exec(host)?.[1];
  if (mapped === undefined) return false;
  if (IPV4.test(mapped)) return mapped.startsWith('127.');
  const high = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(mapped)?.[1];
  return high !== undefined && (parseInt(high, 16) & 0xff00) === 0x7f00;
}

/** A refusal's reason is a phrase: said in English for logs and errors, in the person's language in the window. */
export type UrlVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: Phrase };

/** Parses and checks a URL we are about to fetch or store in settings. */
export function checkSourceUrl(raw: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: phrase('problem.url.invalid', { url: JSON.stringify(raw.slice(0, 200)) }) };
  }
  if (url.username || url.password) return { ok: false, reason: phrase('problem.url.credentials') };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? { ok: true, url }
      : { ok: false, reason: phrase('problem.url.plainHttp', { host: url.host }) };
  }
  return { ok: false, reason: phrase('problem.url.scheme', { scheme: url.protocol }) };
}
