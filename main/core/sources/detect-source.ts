/**
 * Add a status page by its URL: find out which format it speaks, what to write in a config's
 * `sources[]`, and which components it has to choose from, or say clearly why not.
 *
 * Rules (issue 14):
 * - The first request reads the URL as given. If that is already a status document or a feed,
 *   its shape decides the type: a feed stays `rss` (nothing it links is followed to upgrade it).
 * - A web page is checked for a login (a password field, or a redirect to a login address), then
 *   probed for the Statuspage, incident.io and Instatus APIs UNDER the given path
 *   (`https://host/sp` → `https://host/sp/api/v2/summary.json`), the vendor its markup gives
 *   away first, and last for a `<link rel="alternate">` RSS/Atom feed. A linked feed is followed
 *   only on the same origin (scheme, host and port) as the page asked for or the page it
 *   redirected to: a status page's feed lives on its own site, and a feed elsewhere would make
 *   another party's content pose as this page; the message names it so a person can paste it.
 * - Every answer counts only by its shape, confirmed by the format's parser and content-type
 *   rule (detect-shape.ts): many sites answer 200 with HTML for every path.
 * - At most {@link MAX_DETECT_REQUESTS} requests, each through the Http port and so under its
 *   limits (10 s, 2 MiB, 3 redirects, https only except loopback).
 */
import { describeHttpFailure, type Clock, type Http, type HttpFailure, type HttpResult } from '../ports.js';
import type { Component, SourceSnapshot, SourceType } from '../model.js';
import { cleanName, readResponse, sourceIdFor, type DetectableType, type HtmlPage, type Reading } from './detect-shape.js';
import { sourceRequestUrl } from './source-fetch.js';
import { checkSourceUrl } from './url-rules.js';
import { renderPhrase } from '../i18n/phrase.js';

export interface DetectedSource {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  readonly url: string;
}

export interface DetectedComponent {
  readonly id: string;
  readonly name: string;
}

export type DetectFailure = 'bad-url' | 'not-status-page' | 'login' | 'blocked' | 'unreachable';

export type DetectOutcome =
  | { readonly ok: true; readonly source: DetectedSource; readonly components: readonly DetectedComponent[] }
  | { readonly ok: false; readonly reason: DetectFailure; readonly message: string };

/** The most requests one detection makes (the page, three API probes, then a feed or the component list). */
export const MAX_DETECT_REQUESTS = 5;

/** The most components listed to pick from (the parsers read at most 500 rows). */
const MAX_COMPONENTS = 500;

/** Where a type reads its document under a page root (source-fetch.ts's rule, checked against sourceRequestUrl). */
const ROOT_DOCUMENTS: Readonly<Partial<Record<DetectableType, string>>> = {
  statuspage: '/api/v2/summary.json',
  incidentio: '/api/v1/summary',
  instatus: '/summary.json',
  slack: '/api/v2.0.0/current',
  'google-workspace': '/incidents.json',
};

type ProbedType = 'statuspage' | 'incidentio' | 'instatus';
const PROBES: readonly ProbedType[] = ['statuspage', 'incidentio', 'instatus'];

/** Where a detected type keeps the full list of components when the document read lacks it. */
const COMPONENT_DOCUMENTS: Readonly<Partial<Record<DetectableType, { readonly path: string; readonly type: DetectableType }>>> = {
  // The widget lists only the components an event touches; the page's Statuspage-compatible summary lists all.
  incidentio: { path: '/api/v2/summary.json', type: 'statuspage' },
  instatus: { path: '/v2/components.json', type: 'instatus' },
};

/** The Http port with a request budget; `null` once it is spent. */
interface Fetcher {
  readonly left: () => number;
  readonly get: (url: string) => Promise<HttpResult | null>;
}

function budgeted(http: Http, max: number): Fetcher {
  let used = 0;
  return {
    left: () => max - used,
    get: async (url) => {
      if (used >= max) return null;
      used++;
      try {
        return await http.get({ url });
      } catch (error) {
        // The port promises never to reject; an adapter that does still gets an answer in words.
        return { ok: false, failure: { kind: 'network', code: 'EFAILED', message: error instanceof Error ? error.message : String(error) } };
      }
    },
  };
}

function refuse(reason: DetectFailure, message: string): DetectOutcome {
  return { ok: false, reason, message };
}

/**
 * Detects the status format at `rawUrl` (see the module comment). Never throws; makes at most
 * {@link MAX_DETECT_REQUESTS} requests through `deps.http`.
 */
export async function detectSource(rawUrl: string, deps: { readonly http: Http; readonly clock: Clock }): Promise<DetectOutcome> {
  const checked = checkSourceUrl(rawUrl.trim());
  if (!checked.ok) return refuse('bad-url', renderPhrase(checked.reason));
  const given = checked.url;
  given.hash = '';
  const fetcher = budgeted(deps.http, MAX_DETECT_REQUESTS);
  const first = await fetcher.get(given.href);
  if (first === null) return refuse('unreachable', 'no request could be made');
  if (!first.ok) {
    const failure = first.failure;
    if (failure.kind === 'status' && (failure.status === 404 || failure.status === 410)) {
      // Nothing at the address itself; an API may still live under it.
      const probed = await probeApis(fetcher, apiBase(given), [], 0, deps.clock);
      if (probed.found !== null) return found(probed.found, null, fetcher, deps.clock);
      if (probed.blocked !== null) return refuseFailure(probed.blocked, probed.blockedUrl ?? given.href);
      return refuse('not-status-page', `${given.href} is not a status page: nothing is there (HTTP ${failure.status}) and no Statuspage, incident.io or Instatus API answers under it`);
    }
    return refuseFailure(failure, given.href);
  }
  if (first.notModified) return refuse('not-status-page', `${given.href} answered 304 Not Modified to a plain request, which no status page does`);
  const reading = readResponse(first.contentType, first.body, deps.clock.now(), first.finalUrl);
  if (reading.kind === 'source') return found({ type: reading.type, url: given.href, snapshot: reading.snapshot }, null, fetcher, deps.clock);
  if (reading.kind === 'other') return refuse('not-status-page', `${given.href} is not a status page: it answered with ${reading.found}`);
  return fromWebPage(reading.page, given, first.finalUrl, fetcher, deps.clock);
}

async function fromWebPage(page: HtmlPage, given: URL, finalUrl: string, fetcher: Fetcher, clock: Clock): Promise<DetectOutcome> {
  if (page.hasPasswordField || isLoginRedirect(given, finalUrl)) {
    return refuse('login', `${given.href} is a login page: the status page needs a sign-in, which Outage Radar cannot do; ask for its public status address or its RSS feed`);
  }
  const feeds = page.feeds.filter((feed) => checkSourceUrl(feed).ok);
  const onSite = feeds.filter((feed) => sameOrigin(feed, given.href) || sameOrigin(feed, finalUrl));
  const elsewhere = page.feeds.filter((feed) => !onSite.includes(feed));
  const probed = await probeApis(fetcher, apiBase(given), page.vendors, onSite.length > 0 ? 1 : 0, clock);
  if (probed.found !== null) return found(probed.found, page.title, fetcher, clock);
  for (const feed of onSite) {
    const reading = await read(fetcher, feed, clock);
    if (reading?.kind === 'source' && reading.type === 'rss') return found({ type: 'rss', url: feed, snapshot: reading.snapshot }, page.title, fetcher, clock);
  }
  if (probed.blocked !== null) return refuseFailure(probed.blocked, probed.blockedUrl ?? given.href);
  const apis = 'no Statuspage, incident.io or Instatus API answers under it';
  if (onSite.length > 0) return refuse('not-status-page', `${given.href} is a web page without a readable status feed: ${apis}, and the feed it links (${onSite[0]}) is not an RSS or Atom feed we can read`);
  const other = elsewhere[0];
  const hint = other === undefined ? 'and it links no RSS or Atom feed' : `and the only feed it links is on another site (${other}), which is not followed: paste that address to add the feed itself`;
  return refuse('not-status-page', `${given.href} is a web page without a status feed: ${apis}, ${hint}`);
}

interface Find {
  readonly type: DetectableType;
  /** The document that was read. */
  readonly url: string;
  readonly snapshot: SourceSnapshot;
}

interface Probed {
  readonly found: Find | null;
  /** A probe that was refused (rate limit, proxy): said instead of "not a status page" when nothing else was found. */
  readonly blocked: HttpFailure | null;
  readonly blockedUrl: string | null;
}

/** Tries each vendor's API under `base`, the vendors the page names first, keeping `reserve` requests. */
async function probeApis(fetcher: Fetcher, base: string, vendors: readonly ProbedType[], reserve: number, clock: Clock): Promise<Probed> {
  const order = [...vendors, ...PROBES.filter((type) => !vendors.includes(type))];
  let blocked: HttpFailure | null = null;
  let blockedUrl: string | null = null;
  for (const type of order) {
    if (fetcher.left() <= reserve) break;
    const url = `${base}${ROOT_DOCUMENTS[type] ?? ''}`;
    const response = await fetcher.get(url);
    if (response === null) break;
    if (!response.ok) {
      if (blocked === null && isBlocking(response.failure)) {
        blocked = response.failure;
        blockedUrl = url;
      }
      continue;
    }
    if (response.notModified) continue;
    const reading = readResponse(response.contentType, response.body, clock.now(), response.finalUrl);
    // Only the format the path belongs to: a page that answers its own HTML for every path is no API.
    if (reading.kind === 'source' && reading.type === type) return { found: { type, url, snapshot: reading.snapshot }, blocked: null, blockedUrl: null };
  }
  return { found: null, blocked, blockedUrl };
}

async function read(fetcher: Fetcher, url: string, clock: Clock): Promise<Reading | null> {
  if (fetcher.left() <= 0) return null;
  const response = await fetcher.get(url);
  if (response === null || !response.ok || response.notModified) return null;
  return readResponse(response.contentType, response.body, clock.now(), response.finalUrl);
}

/** Turns a find into the outcome: the address to configure, the page's name and its components. */
async function found(find: Find, pageTitle: string | null, fetcher: Fetcher, clock: Clock): Promise<DetectOutcome> {
  let { url: documentUrl, snapshot } = find;
  const type = find.type;
  // A Statuspage document other than the summary (status.json, incidents.json): the summary at
  // the same root is what a source of the page root reads, and it lists the components.
  const summaryUrl = type === 'statuspage' ? statuspageSummaryFor(documentUrl) : null;
  if (summaryUrl !== null) {
    const summary = await read(fetcher, summaryUrl, clock);
    if (summary?.kind === 'source' && summary.type === 'statuspage') {
      documentUrl = summaryUrl;
      snapshot = summary.snapshot;
    }
  }
  const url = configUrl(type, documentUrl);
  let components: readonly Component[] = snapshot.components;
  const more = COMPONENT_DOCUMENTS[type];
  if (more !== undefined && url !== documentUrl && (type === 'incidentio' || components.length === 0)) {
    const list = await read(fetcher, `${url}${more.path}`, clock);
    if (list?.kind === 'source' && list.type === more.type) components = [...components, ...list.snapshot.components];
  }
  const name = pageName(type, snapshot.pageName) ?? cleanName(pageTitle) ?? fallbackName(type, documentUrl);
  return { ok: true, source: { id: sourceIdFor(name, url), type, name, url }, components: listComponents(components) };
}

function pageName(type: DetectableType, raw: string | null): string | null {
  const name = cleanName(raw);
  // Statuspage feeds are titled "<Page> Status - Incident History": the page is the name.
  return type === 'rss' && name !== null ? cleanName(name.replace(/\s*[-–—|:]\s*incident history$/i, '')) : name;
}

function fallbackName(type: DetectableType, documentUrl: string): string {
  const url = new URL(documentUrl);
  if (type === 'statusio') {
    const pageId = url.pathname.split('/').filter((part) => part !== '').pop();
    if (pageId !== undefined) return cleanName(`status.io page ${pageId}`) ?? url.hostname;
  }
  return url.hostname.replace(/^www\./, '');
}

function listComponents(components: readonly Component[]): DetectedComponent[] {
  const out: DetectedComponent[] = [];
  const seen = new Set<string>();
  for (const component of components) {
    if (seen.has(component.id) || out.length >= MAX_COMPONENTS) continue;
    seen.add(component.id);
    out.push({ id: component.id, name: cleanName(component.name) ?? component.id });
  }
  return out;
}

/**
 * The address to put in a config's `sources[].url`: the page root when the type reads this very
 * document under it (so Statuspage's light polling applies), else the document's own address
 * (feeds, status.io, a components document).
 */
export function configUrl(type: DetectableType, documentUrl: string): string {
  const document = ROOT_DOCUMENTS[type];
  if (document === undefined) return documentUrl;
  const url = new URL(documentUrl);
  if (url.search !== '' || !url.pathname.endsWith(document)) return documentUrl;
  const root = `${url.origin}${url.pathname.slice(0, -document.length)}`;
  try {
    return sourceRequestUrl({ type, url: root }) === url.href ? root : documentUrl;
  } catch {
    return documentUrl;
  }
}

function statuspageSummaryFor(documentUrl: string): string | null {
  const url = new URL(documentUrl);
  const match = /^(.*)\/api\/v2\/([\w-]+)\.json$/.exec(url.pathname);
  if (match === null || match[2] === 'summary' || url.search !== '') return null;
  return `${url.origin}${match[1] ?? ''}/api/v2/summary.json`;
}

/** The base an API path goes under: the given path without query, trailing slash or a web-page file name. */
export function apiBase(url: URL): string {
  const path = url.pathname.replace(/\/+$/, '').replace(/\/[^/]*\.(html?|php|aspx?|jsp)$/i, '');
  return `${url.origin}${path}`;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

const LOGIN_PATH = /(^|\/)(login|log-in|signin|sign-in|sign_in|sso|saml2?|oauth2?|auth|authorize|session|sessions|account\/login)(\/|$)/i;
const LOGIN_HOST = /^(login|sso|auth|signin|accounts|id)\./i;

/** A page that redirected to a sign-in address (an SSO portal in front of an internal status page). */
function isLoginRedirect(given: URL, finalUrl: string): boolean {
  let final: URL;
  try {
    final = new URL(finalUrl);
  } catch {
    return false;
  }
  if (final.href === given.href) return false;
  const newHost = final.hostname !== given.hostname && LOGIN_HOST.test(final.hostname);
  const newPath = final.pathname !== given.pathname && LOGIN_PATH.test(final.pathname);
  return newHost || newPath;
}

function isBlocking(failure: HttpFailure): boolean {
  return failure.kind === 'proxy-auth' || (failure.kind === 'status' && failure.status === 429);
}

/** An HTTP failure as the reason a person is told. */
function refuseFailure(failure: HttpFailure, url: string): DetectOutcome {
  const said = describeHttpFailure(failure);
  switch (failure.kind) {
    case 'bad-url':
      return refuse('bad-url', said);
    case 'proxy-auth':
      return refuse('blocked', `${url} could not be read: ${said}; the proxy blocks it`);
    case 'status': {
      const status = failure.status;
      if (status === 401 || status === 403 || status === 407 || status === 429 || status === 451) {
        const why = status === 429 ? 'the site limits how often it may be asked; try again later' : 'the site, a proxy or a firewall refuses it';
        return refuse('blocked', `${url} could not be read: ${said}: ${why}`);
      }
      if (status >= 500) return refuse('unreachable', `${url} could not be read: the server failed (${said}); try again later`);
      return refuse('not-status-page', `${url} is not a status page: the server answered ${said}`);
    }
    case 'too-large':
      return refuse('not-status-page', `${url} is not a status page: its ${said}, far larger than a status document`);
    case 'insecure-url':
    case 'timeout':
    case 'network':
    case 'bad-response':
    case 'redirects':
      return refuse('unreachable', `${url} could not be reached: ${said}`);
    default: {
      const never: never = failure;
      return refuse('unreachable', String(never));
    }
  }
}
