/**
 * One source, one attempt: fetch through the Http port, check what came back, parse it, and
 * turn it into a SourceResult that says how fresh it is and, if it failed, why.
 */
import type { SourceDef } from './catalog.js';
import { assertNever, type Health } from '../health.js';
import { emptySnapshot, type ParseOutcome, type SourceResult, type SourceSnapshot, type SourceType } from '../model.js';
import { isStale } from '../staleness.js';
import { describeHttpFailure, type Clock, type Http, type HttpFailure, type HttpValidators } from '../ports.js';
import { parseMicrosoftPublic } from './microsoft-public.js';
import { parseOrgFeed } from './org-feed.js';
import { parseStatuspage } from './statuspage.js';

/** What we remember about a source between polls (the desktop app keeps it; the CLI starts empty). */
export interface SourceMemory {
  readonly snapshot: SourceSnapshot | null;
  readonly fetchedAt: number | null;
  readonly validators: HttpValidators | null;
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

/** Statuspage sources are configured by page URL; summary.json lives under it. */
export function sourceRequestUrl(def: SourceDef): string {
  if (def.type !== 'statuspage') return def.url;
  const url = new URL(def.url);
  if (url.pathname.endsWith('.json')) return url.toString();
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v2/summary.json`;
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
    default:
      return assertNever(type, 'source type');
  }
}

/**
 * Every source we read speaks JSON. An HTML page served with 200 is a login wall, an app shell
 * or an error page: a failure, never health.
 */
export function contentTypeProblem(contentType: string, body: string): string | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') return null;
  const looksHtml = /^\s*</.test(body);
  if (type === 'text/html' || type === 'application/xhtml+xml' || looksHtml) {
    return `expected JSON but got a web page (${type || 'no content type'}); the address may be wrong or a login page is in the way`;
  }
  // Hand-hosted org feeds are often served as text/plain; the body must still parse.
  if (type === 'text/plain' || type === 'application/octet-stream' || type === '') return null;
  return `expected JSON but got ${type}`;
}

function toResult(
  def: SourceDef,
  snapshot: SourceSnapshot,
  fetchedAt: number | null,
  checkedAt: number,
  error: string | null,
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
    error,
    stale,
    components: snapshot.components,
    incidents: snapshot.incidents,
    upcoming: snapshot.upcoming,
    // Kept like the incidents; those of a last-known source drive no advice (check.ts).
    recentlyResolved: snapshot.recentlyResolved,
    messages: snapshot.messages,
    warnings: snapshot.warnings,
    lastKnown,
  };
}

/** Recomputes staleness of a remembered result without fetching (e.g. the tray after sleep). */
export function ageResult(def: SourceDef, memory: SourceMemory, error: string | null, now: number, intervalMs: number): SourceResult {
  return toResult(def, memory.snapshot ?? emptySnapshot(), memory.fetchedAt, now, error, intervalMs);
}

export async function fetchSource(
  def: SourceDef,
  deps: { readonly http: Http; readonly clock: Clock },
  memory: SourceMemory | null,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<FetchOutcome> {
  const kept: SourceMemory = memory ?? { snapshot: null, fetchedAt: null, validators: null };
  let url: string;
  try {
    url = sourceRequestUrl(def);
  } catch {
    const error = `invalid URL ${JSON.stringify(def.url)}`;
    return { result: ageResult(def, kept, error, deps.clock.now(), intervalMs), memory: kept, reachedServer: false, failure: null, notModified: false, bytes: 0 };
  }
  // Conditional requests only make sense when we still hold the body the validators describe.
  const validators = kept.snapshot ? kept.validators : null;
  const response = await deps.http.get({ url, validators, ...(signal ? { signal } : {}) });
  const now = deps.clock.now();
  if (!response.ok) {
    const reachedServer = response.failure.kind === 'status' || response.failure.kind === 'too-large' || response.failure.kind === 'redirects' || response.failure.kind === 'bad-response';
    return {
      result: ageResult(def, kept, describeHttpFailure(response.failure), now, intervalMs),
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
    const error = 'the server answered 304 Not Modified to a request that was not conditional';
    return { result: ageResult(def, kept, error, now, intervalMs), memory: kept, reachedServer: true, failure: null, notModified: true, bytes: response.bytes };
  }
  const typeProblem = contentTypeProblem(response.contentType, response.body);
  const parsed: ParseOutcome = typeProblem ? { ok: false, error: typeProblem } : parseSourceBody(def.type, response.body, now);
  if (!parsed.ok) {
    return { result: ageResult(def, kept, parsed.error, now, intervalMs), memory: kept, reachedServer: true, failure: null, notModified: false, bytes: response.bytes };
  }
  const next: SourceMemory = { snapshot: parsed.snapshot, fetchedAt: now, validators: response.validators };
  return { result: ageResult(def, next, null, now, intervalMs), memory: next, reachedServer: true, failure: null, notModified: false, bytes: response.bytes };
}

function mergeValidators(old: HttpValidators | null, fresh: HttpValidators): HttpValidators {
  return { etag: fresh.etag ?? old?.etag ?? null, lastModified: fresh.lastModified ?? old?.lastModified ?? null };
}
