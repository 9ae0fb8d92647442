/**
 * One source, one attempt: fetch through the Http port, check what came back, parse it, and
 * turn it into a SourceResult that says how fresh it is and, if it failed, why.
 */
import type { SourceDef } from './catalog.js';
import { assertNever, type Health } from '../health.js';
import { emptySnapshot, type ParseOutcome, type SourceResult, type SourceSnapshot, type SourceType } from '../model.js';
import { isStale } from '../staleness.js';
import { httpFailurePhrase, type Clock, type Http, type HttpFailure, type HttpValidators } from '../ports.js';
import { failed, problem, renderPhrase, type Phrase } from './source-problem.js';
import { parseGoogleWorkspace } from './google-workspace.js';
import { parseIncidentio } from './incidentio.js';
import { parseInstatus } from './instatus.js';
import { fullReadReason, NO_LIGHT_MEMORY, parsePageStatus, type LightMemory, type PageStatus } from './statuspage-light.js';
import { parseMicrosoftPublic } from './microsoft-public.js';
import { parseOrgFeed } from './org-feed.js';
import { parseRssFeed } from './rss-feed.js';
import { parseSlack } from './slack.js';
import { parseStatuspage } from './statuspage.js';
import { parseStatusio } from './statusio.js';

/** What we remember about a source between polls (the desktop app keeps it; the CLI starts empty). */
export interface SourceMemory {
  readonly snapshot: SourceSnapshot | null;
  readonly fetchedAt: number | null;
  readonly validators: HttpValidators | null;
  /** Statuspage light polling: what status.json said and when the summary was last read in full. */
  readonly light?: LightMemory;
}

export interface FetchOutcome {
  readonly result: SourceResult;
  readonly memory: SourceMemory;
  /** False when no HTTP answer came back at all (DNS, refused, TLS, timeout): the verdict needs this. */
  readonly reachedServer: boolean;
  readonly failure: HttpFailure | null;
  readonly notModified: boolean;
  readonly bytes: number;
}

/**
 * Where each type's document lives under the page URL a person configures. A URL that already
 * names the API or feed document is read as is; status.io's API has no page URL, so its source
 * URL is always the API address (`https://api.status.io/1.0/status/<page id>`).
 */
const DOCUMENT_PATHS: Readonly<Record<SourceType, { readonly path: string; readonly isDocument: (path: string) => boolean } | null>> = {
  statuspage: { path: '/api/v2/summary.json', isDocument: (path) => path.endsWith('.json') },
  slack: { path: '/api/v2.0.0/current', isDocument: (path) => /\/api\/v[\d.]+\/(current|history)$/.test(path) || path.endsWith('.json') },
  'google-workspace': { path: '/incidents.json', isDocument: (path) => path.endsWith('.json') },
  incidentio: { path: '/api/v1/summary', isDocument: (path) => /\/api\/v\d\/[\w.-]+$/.test(path) || /\/proxy\/[^/]+(\/widget)?$/.test(path) || path.endsWith('.json') },
  instatus: { path: '/summary.json', isDocument: (path) => path.endsWith('.json') },
  rss: { path: '/history.atom', isDocument: (path) => /\.(rss|atom|xml)$/.test(path) || /\/(feed|rss|atom)(\/[\w.-]*)?$/.test(path) },
  statusio: null,
  'microsoft-public': null,
  'org-feed': null,
};

/**
 * The small status.json of a Statuspage source configured by its page address, or null: a source
 * that names a document (`…/summary.json`, `…/incidents.json`) is read as it says, every poll.
 */
export function lightStatusUrl(def: Pick<SourceDef, 'type' | 'url'>): string | null {
  if (def.type !== 'statuspage') return null;
  try {
    const url = new URL(def.url);
    const path = url.pathname.replace(/\/+$/, '');
    if (DOCUMENT_PATHS.statuspage?.isDocument(path.toLowerCase())) return null;
    url.pathname = `${path}/api/v2/status.json`;
    return url.toString();
  } catch {
    return null;
  }
}

/** The URL a source's document is read from (see {@link DOCUMENT_PATHS}). Throws on an invalid URL. */
export function sourceRequestUrl(def: Pick<SourceDef, 'type' | 'url'>): string {
  const rule = DOCUMENT_PATHS[def.type];
  if (rule === null) return def.url;
  const url = new URL(def.url);
  const path = url.pathname.replace(/\/+$/, '');
  if (rule.isDocument(path.toLowerCase())) return url.toString();
  url.pathname = `${path}${rule.path}`;
  return url.toString();
}

export function parseSourceBody(type: SourceType, body: string, now: number): ParseOutcome {
  switch (type) {
    case 'statuspage':
      return parseStatuspage(body, now);
    case 'microsoft-public':
      return parseMicrosoftPublic(body);
    case 'org-feed':
      return parseOrgFeed(body, now);
    case 'statusio':
      return parseStatusio(body, now);
    case 'rss':
      return parseRssFeed(body, now);
    case 'slack':
      return parseSlack(body, now);
    case 'google-workspace':
      return parseGoogleWorkspace(body, now);
    case 'incidentio':
      return parseIncidentio(body, now);
    case 'instatus':
      return parseInstatus(body, now);
    default:
      return assertNever(type, 'source type');
  }
}

const XML_TYPES: ReadonlySet<string> = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml']);

/**
 * Feeds (`rss`) speak XML, every other source JSON. An HTML page served with 200 is a login wall,
 * an app shell or an error page: a failure, never health. A feed served as JSON, or JSON served
 * as a feed, is the wrong address. Null when the type fits; the media type is quoted verbatim.
 */
export function contentTypePhrase(contentType: string, body: string, sourceType: SourceType = 'statuspage'): Phrase | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const isFeed = sourceType === 'rss';
  const expected = problem(isFeed ? 'source.problem.expected.feed' : 'source.problem.expected.json');
  const isJson = type === 'application/json' || type.endsWith('+json') || type === 'text/json';
  const isXml = XML_TYPES.has(type) || type.endsWith('+xml');
  if (isFeed ? isXml && type !== 'application/xhtml+xml' : isJson) return null;
  if (isFeed && isJson) return problem('source.problem.contentType.jsonForFeed', { expected, type });
  if (!isFeed && isXml && type !== 'application/xhtml+xml') return problem('source.problem.contentType.xmlForJson', { type });
  const looksHtml = isFeed ? /^\s*(<!doctype html|<html)/i.test(body) : /^\s*</.test(body);
  if (type === 'text/html' || type === 'application/xhtml+xml' || looksHtml) {
    return problem('source.problem.contentType.webPage', { expected, type: type || problem('source.problem.contentType.none') });
  }
  // Hand-hosted org feeds (and some status feeds) are served as text/plain; the body must still parse.
  if (type === 'text/plain' || type === 'application/octet-stream' || type === '') return null;
  return problem('source.problem.contentType.other', { expected, type });
}

/** {@link contentTypePhrase} in English (JSON output, logs, the source finder). */
export function contentTypeProblem(contentType: string, body: string, sourceType: SourceType = 'statuspage'): string | null {
  const said = contentTypePhrase(contentType, body, sourceType);
  return said === null ? null : renderPhrase(said);
}

function toResult(
  def: SourceDef,
  snapshot: SourceSnapshot,
  fetchedAt: number | null,
  checkedAt: number,
  error: Phrase | null,
  intervalMs: number,
): SourceResult {
  const stale = isStale(fetchedAt, checkedAt, intervalMs);
  // Old data is kept for display, but its health is no longer vouched for.
  const lastKnown = snapshot.lastKnown ?? null;
  const health: Health = stale || fetchedAt === null || lastKnown !== null ? 'unknown' : snapshot.health;
  return {
    id: def.id,
    type: def.type,
    // A configured source is called what its author called it (its name, else its id), never
    // what the page it points at calls itself: a mirror or a wrong address must not pose as another.
    name: def.name,
    url: def.url,
    health,
    fetchedAt: fetchedAt === null ? null : new Date(fetchedAt).toISOString(),
    checkedAt: new Date(checkedAt).toISOString(),
    error: error === null ? null : renderPhrase(error),
    stale,
    components: snapshot.components,
    incidents: snapshot.incidents,
    upcoming: snapshot.upcoming,
    // Kept like the incidents; those of a last-known source drive no advice (check.ts).
    recentlyResolved: snapshot.recentlyResolved,
    messages: snapshot.messages,
    warnings: snapshot.warnings,
    words: { error, warnings: snapshotWarningWords(snapshot) },
    lastKnown,
  };
}

/**
 * The snapshot's warnings as data, entry for entry; a snapshot without them (one kept from before
 * they existed) has its English said as is.
 */
function snapshotWarningWords(snapshot: SourceSnapshot): readonly Phrase[] {
  const words = snapshot.warningWords;
  if (words !== undefined && words.length === snapshot.warnings.length) return words;
  return snapshot.warnings.map((text) => problem('source.problem.verbatim', { text }));
}

/**
 * Recomputes staleness of a remembered result without fetching (e.g. the tray after sleep).
 * `error` is why the last attempt failed, as data (its English becomes `SourceResult.error`), or
 * English without words (tests, a cached report), said as is in every language.
 */
export function ageResult(def: SourceDef, memory: SourceMemory, error: Phrase | string | null, now: number, intervalMs: number): SourceResult {
  // A string has no words: it is said as is in every language.
  const words = typeof error === 'string' ? problem('source.problem.verbatim', { text: error }) : error;
  return toResult(def, memory.snapshot ?? emptySnapshot(), memory.fetchedAt, now, words, intervalMs);
}

export async function fetchSource(
  def: SourceDef,
  deps: { readonly http: Http; readonly clock: Clock },
  memory: SourceMemory | null,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<FetchOutcome> {
  const kept: SourceMemory = memory ?? { snapshot: null, fetchedAt: null, validators: null };
  const statusUrl = lightStatusUrl(def);
  if (statusUrl === null) return withoutBody(await fetchDocument(def, deps, kept, intervalMs, signal));
  if (kept.snapshot === null) {
    // Nothing kept (the CLI's one check, an app's first poll): status.json could only say "read
    // the summary", so the summary is read at once, and its own page and status blocks (the same
    // as status.json's) are what the next light poll compares with.
    const first = await fetchDocument(def, deps, kept, intervalMs, signal);
    const status = first.body === undefined ? null : parsePageStatus(first.body);
    if (status === null || !status.ok) return withoutBody(first);
    const light: LightMemory = { validators: null, last: status.status, atFullRead: status.status, fullReadAt: deps.clock.now() };
    return { ...withoutBody(first), memory: { ...first.memory, light } };
  }
  // Statuspage light poll: status.json first; the summary only when it may have changed.
  const light = kept.light ?? NO_LIGHT_MEMORY;
  const response = await deps.http.get({ url: statusUrl, validators: kept.snapshot ? light.validators : null, ...(signal ? { signal } : {}) });
  let status: PageStatus | null = null;
  let validators = light.validators;
  if (response.ok && response.notModified) {
    status = light.last;
    validators = mergeValidators(light.validators, response.validators);
  } else if (response.ok && contentTypeProblem(response.contentType, response.body, 'statuspage') === null) {
    const parsed = parsePageStatus(response.body);
    if (parsed.ok) {
      status = parsed.status;
      validators = response.validators;
    }
  }
  const lightBytes = response.ok ? response.bytes : 0;
  const now = deps.clock.now();
  if (status !== null && fullReadReason(status, light, kept.snapshot !== null, now) === null) {
    // Nothing changed since the last full read: the kept summary is confirmed current.
    const fresh: SourceMemory = { ...kept, fetchedAt: now, light: { ...light, validators, last: status } };
    return { result: ageResult(def, fresh, null, now, intervalMs), memory: fresh, reachedServer: true, failure: null, notModified: true, bytes: lightBytes };
  }
  // A failed or odd status.json does not decide anything: the summary is read and tells.
  const full = await fetchDocument(def, deps, kept, intervalMs, signal);
  const read = full.result.error === null;
  const nextLight: LightMemory = read && status !== null ? { validators, last: status, atFullRead: status, fullReadAt: deps.clock.now() } : { ...light, validators, last: status ?? light.last };
  return { ...withoutBody(full), memory: { ...full.memory, light: nextLight }, bytes: full.bytes + lightBytes };
}

/** The outcome without the body it was parsed from: nothing keeps a response body around. */
function withoutBody(outcome: FetchOutcome & { readonly body?: string }): FetchOutcome {
  const { result, memory, reachedServer, failure, notModified, bytes } = outcome;
  return { result, memory, reachedServer, failure, notModified, bytes };
}

/** One request for the source's document, parsed into a result. */
async function fetchDocument(
  def: SourceDef,
  deps: { readonly http: Http; readonly clock: Clock },
  kept: SourceMemory,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<FetchOutcome & { readonly body?: string }> {
  let url: string;
  try {
    url = sourceRequestUrl(def);
  } catch {
    const error = problem('source.problem.invalidUrl', { url: JSON.stringify(def.url) });
    return { result: ageResult(def, kept, error, deps.clock.now(), intervalMs), memory: kept, reachedServer: false, failure: null, notModified: false, bytes: 0 };
  }
  // Conditional requests only make sense when we still hold the body the validators describe.
  const validators = kept.snapshot ? kept.validators : null;
  const response = await deps.http.get({ url, validators, ...(signal ? { signal } : {}) });
  const now = deps.clock.now();
  if (!response.ok) {
    const reachedServer = response.failure.kind === 'status' || response.failure.kind === 'too-large' || response.failure.kind === 'redirects' || response.failure.kind === 'bad-response';
    return {
      result: ageResult(def, kept, httpFailurePhrase(response.failure), now, intervalMs),
      memory: kept,
      reachedServer,
      failure: response.failure,
      notModified: false,
      bytes: 0,
    };
  }
  if (response.notModified) {
    if (kept.snapshot) {
      const fresh: SourceMemory = { ...kept, fetchedAt: now, validators: mergeValidators(kept.validators, response.validators) };
      return { result: ageResult(def, fresh, null, now, intervalMs), memory: fresh, reachedServer: true, failure: null, notModified: true, bytes: response.bytes };
    }
    const error = problem('source.problem.unaskedNotModified');
    return { result: ageResult(def, kept, error, now, intervalMs), memory: kept, reachedServer: true, failure: null, notModified: true, bytes: response.bytes };
  }
  const typeProblem = contentTypePhrase(response.contentType, response.body, def.type);
  const parsed: ParseOutcome = typeProblem ? failed(typeProblem) : parseSourceBody(def.type, response.body, now);
  if (!parsed.ok) {
    const error = parsed.errorWords ?? problem('source.problem.verbatim', { text: parsed.error });
    return { result: ageResult(def, kept, error, now, intervalMs), memory: kept, reachedServer: true, failure: null, notModified: false, bytes: response.bytes };
  }
  const next: SourceMemory = { ...kept, snapshot: parsed.snapshot, fetchedAt: now, validators: response.validators };
  return { result: ageResult(def, next, null, now, intervalMs), memory: next, reachedServer: true, failure: null, notModified: false, bytes: response.bytes, body: response.body };
}

function mergeValidators(old: HttpValidators | null, fresh: HttpValidators): HttpValidators {
  return { etag: fresh.etag ?? old?.etag ?? null, lastModified: fresh.lastModified ?? old?.lastModified ?? null };
}
