/**
 * Ladder step 1: which way a request travels, DIRECT or through a proxy (the CONNECT tunnel
 * through it is proxy-tunnel.ts). The decision comes, in order, from the app's config, from an
 * injected resolver (the Electron shell passes `session.resolveProxy`, which knows the OS
 * settings, WPAD and PAC), or from HTTP(S)_PROXY / NO_PROXY in the environment. With a proxy, DNS is the
 * proxy's job, TCP goes to the proxy, TLS runs inside a CONNECT tunnel, and a 407 means the proxy
 * wants credentials (PROXY_AUTH_REQUIRED). See connectivity.md B4, B5.
 */
import type { ProxyInfo, StepResult } from '../../core/verdict/connectivity-model.js';
import type { Phrase } from '../../core/i18n/phrase.js';
import { formatHostPort } from './proxy-tunnel.js';
import { probeWords, said, timedStep } from './step.js';

const PROXY_TIMEOUT_MS = 2000;

/** What Electron's `session.resolveProxy(url)` does: a PAC-style answer such as `PROXY p:8080; DIRECT`. */
export type ProxyResolver = (url: string) => Promise<string>;

export interface ProxySettings {
  /** From config/policy: `DIRECT`, a PAC-style `PROXY host:port`, or a proxy URL `http://host:port`. Wins over the rest. */
  readonly config?: string | null;
  /** Injected by the Electron shell (`session.resolveProxy`). */
  readonly resolveProxy?: ProxyResolver;
  /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface ProxyEndpoint {
  readonly host: string;
  readonly port: number;
  /** `Basic ...` built from credentials in a proxy URL; never shown in paths or details. */
  readonly authorization: string | null;
}

/** How one request travels. */
interface ProxyRoute {
  /** `DIRECT`, `PROXY host:port`, or the unsupported entry as given (`SOCKS5 h:1080`, `HTTPS h:443`). */
  readonly path: string;
  /** The HTTP proxy to tunnel through; null for DIRECT and for unsupported kinds. */
  readonly proxy: ProxyEndpoint | null;
  /** Why the path cannot be probed beyond TCP (SOCKS and HTTPS proxies); null when it can. */
  readonly unsupported: Phrase | null;
  /** Where the TCP step connects when the path is not DIRECT. */
  readonly via: { readonly host: string; readonly port: number } | null;
}

const DIRECT: ProxyRoute = { path: 'DIRECT', proxy: null, unsupported: null, via: null };

export type RouteParse = { readonly ok: true; readonly route: ProxyRoute } | { readonly ok: false; readonly reason: Phrase };

/**
 * Parses a PAC-style answer (`DIRECT`, `PROXY h:p; DIRECT`, `SOCKS5 h:1080`). Like Chromium we
 * take the first entry; fallbacks after it are used only when that one fails, which is what the
 * probe should see.
 */
export function parsePacResult(answer: string): RouteParse {
  const first = answer.split(';').map((entry) => entry.trim()).find((entry) => entry !== '');
  if (first === undefined || /^DIRECT$/i.test(first)) return { ok: true, route: DIRECT };
  const match = /^(PROXY|HTTPS|SOCKS|SOCKS4|SOCKS5|QUIC)\s+(\S+)$/i.exec(first);
  if (!match) return { ok: false, reason: probeWords('probe.detail.pacInvalid', { answer: answer.slice(0, 120) }) };
  const kind = (match[1] ?? '').toUpperCase();
  const defaultPort = kind === 'PROXY' ? 80 : kind === 'HTTPS' || kind === 'QUIC' ? 443 : 1080;
  const endpoint = hostPort(match[2] ?? '', defaultPort);
  if (!endpoint) return { ok: false, reason: probeWords('probe.detail.pacNoHost', { answer: answer.slice(0, 120) }) };
  const label = formatHostPort(endpoint.host, endpoint.port);
  if (kind === 'PROXY') {
    return { ok: true, route: { path: `PROXY ${label}`, proxy: { ...endpoint, authorization: null }, unsupported: null, via: endpoint } };
  }
  return {
    ok: true,
    route: { path: `${kind} ${label}`, proxy: null, unsupported: probeWords('probe.detail.proxyTcpOnly', { kind }), via: endpoint },
  };
}

/**
 * Parses a proxy given as a URL (`http://user:pass@proxy:8080`) or bare `host:port`, as
 * HTTP(S)_PROXY and config files write it. Credentials become a Basic authorization.
 */
function parseProxyUrl(text: string): RouteParse {
  const raw = text.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return { ok: false, reason: probeWords('probe.detail.proxyUrlInvalid', { proxy: redact(raw) }) };
  }
  if (url.hostname === '') return { ok: false, reason: probeWords('probe.detail.proxyNoHost', { proxy: redact(raw) }) };
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (scheme === 'http') {
    const port = url.port === '' ? 80 : Number(url.port);
    const authorization =
      url.username !== '' || url.password !== ''
        ? `Basic ${Buffer.from(`${safeDecode(url.username)}:${safeDecode(url.password)}`).toString('base64')}`
        : null;
    return { ok: true, route: { path: `PROXY ${formatHostPort(host, port)}`, proxy: { host, port, authorization }, unsupported: null, via: { host, port } } };
  }
  const kinds: Record<string, [string, number]> = { https: ['HTTPS', 443], socks: ['SOCKS', 1080], socks4: ['SOCKS4', 1080], socks5: ['SOCKS5', 1080], socks5h: ['SOCKS5', 1080] };
  const known = kinds[scheme];
  if (!known) return { ok: false, reason: probeWords('probe.detail.proxySchemeUnsupported', { scheme }) };
  const port = url.port === '' ? known[1] : Number(url.port);
  return {
    ok: true,
    route: {
      path: `${known[0]} ${formatHostPort(host, port)}`,
      proxy: null,
      unsupported: probeWords('probe.detail.proxyTcpOnly', { kind: known[0] }),
      via: { host, port },
    },
  };
}

/** A config value: PAC-style (`DIRECT`, `PROXY h:p`) or a URL. */
export function parseProxySetting(text: string): RouteParse {
  return /^\s*(DIRECT|PROXY|HTTPS|SOCKS4?|SOCKS5|QUIC)(\s|;|$)/i.test(text) ? parsePacResult(text) : parseProxyUrl(text);
}

/** HTTP(S)_PROXY and NO_PROXY as undici's EnvHttpProxyAgent reads them (lower case wins). */
export function routeFromEnv(target: URL, env: Readonly<Record<string, string | undefined>>): RouteParse {
  const read = (name: string): string | undefined => nonEmpty(env[name.toLowerCase()]) ?? nonEmpty(env[name.toUpperCase()]);
  const httpProxy = read('http_proxy');
  const proxy = target.protocol === 'https:' ? (read('https_proxy') ?? httpProxy) : httpProxy;
  if (proxy === undefined) return { ok: true, route: DIRECT };
  if (bypassesProxy(target, read('no_proxy') ?? '')) return { ok: true, route: DIRECT };
  return parseProxyUrl(proxy);
}

/** Whether NO_PROXY exempts `target`: `*`, exact hosts, domain suffixes (`.corp`, `*.corp`, `corp`), optional `:port`. */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port === '' ? (target.protocol === 'https:' ? '443' : '80') : target.port;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const portMatch = /^(.*?)(?::(\d+))?$/.exec(entry.startsWith('[') ? entry.replace(/^\[([^\]]*)\]/, '$1') : entry);
    let name = portMatch?.[1] ?? entry;
    const entryPort = portMatch?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    name = name.replace(/^\*?\./, '');
    if (name === '') continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

export interface RouteDecision {
  readonly result: StepResult;
  /** The route to use; DIRECT when the decision failed (as Chromium falls back when a PAC script is unreachable). */
  readonly route: ProxyRoute;
  /** The answer as given (PAC string, env URL without credentials, config value), for the log. */
  readonly answer: string;
}

/** Step 1 for one URL: decide its route, within `timeoutMs` when an injected resolver is asked. */
export async function decideRoute(
  url: URL,
  settings: ProxySettings,
  options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
): Promise<RouteDecision> {
  let route: ProxyRoute = DIRECT;
  let answer = 'DIRECT';
  const result = await timedStep('proxy', options.timeoutMs ?? PROXY_TIMEOUT_MS, options.signal, async () => {
    let parsed: RouteParse;
    let source: 'config' | 'system' | 'env';
    if (settings.config !== undefined && settings.config !== null && settings.config.trim() !== '') {
      answer = redact(settings.config.trim());
      parsed = parseProxySetting(settings.config);
      source = 'config';
    } else if (settings.resolveProxy) {
      let resolved: string;
      try {
        resolved = String(await settings.resolveProxy(url.href));
      } catch (error) {
        return {
          outcome: 'fail',
          errorCode: 'PROXY_RESOLVE_FAILED',
          ...said(probeWords('probe.detail.proxyResolveFailed', { error: error instanceof Error ? error.message : String(error) })),
        };
      }
      answer = resolved;
      parsed = parsePacResult(resolved);
      source = 'system';
    } else {
      parsed = routeFromEnv(url, settings.env ?? process.env);
      source = 'env';
      if (parsed.ok) answer = parsed.route.path;
    }
    if (!parsed.ok) return { outcome: 'fail', errorCode: 'PROXY_SETTING_INVALID', ...said(probeWords('probe.detail.proxyInvalid', { reason: parsed.reason })) };
    route = parsed.route;
    return { outcome: 'ok', errorCode: null, ...said(probeWords('probe.detail.proxyRoute', { path: route.path, host: url.host, source })) };
  });
  if (result.outcome === 'timeout') route = DIRECT;
  return { result, route, answer };
}

/** The ladder's summary of proxy use, from the settings and the first route decided. */
export function describeProxy(settings: ProxySettings, firstAnswer: string | null): ProxyInfo {
  if (settings.config !== undefined && settings.config !== null && settings.config.trim() !== '') {
    return { mode: redact(settings.config.trim()), source: 'config' };
  }
  if (settings.resolveProxy) return { mode: firstAnswer ?? 'unknown', source: 'system' };
  const env = settings.env ?? process.env;
  const anySet = ['https_proxy', 'http_proxy'].some((name) => nonEmpty(env[name]) !== undefined || nonEmpty(env[name.toUpperCase()]) !== undefined);
  if (!anySet) return { mode: 'DIRECT', source: 'none' };
  const generic = routeFromEnv(new URL('https://example.invalid/'), { ...env, no_proxy: '', NO_PROXY: '' });
  return { mode: generic.ok ? generic.route.path : 'invalid', source: 'env' };
}

function hostPort(text: string, defaultPort: number): { host: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(text);
  if (!match) return null;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

/** A proxy string without any credentials, safe to show and log. */
function redact(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//***@');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
