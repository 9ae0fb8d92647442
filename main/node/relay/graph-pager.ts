/**
 * Reads one Graph collection to its end: each page with the bearer token, `@odata.nextLink`
 * followed exactly as given (only on Graph's own origin: the token must not travel elsewhere),
 * 429/503 waited out per `Retry-After`, and one new token when Graph answers 401.
 */
import type { JsonObject } from '../../core/sources/json-safe.js';
import { parseGraphPage } from '../../core/relay/graph-read.js';
import { nextLinkVerdict } from '../../core/relay/endpoints.js';
import { describeTarget, type RelayTransport } from './relay-http.js';
import { sendThrottled, type ThrottleDeps } from './throttle.js';
import type { TokenClient } from './token-client.js';

export type CollectionOutcome =
  | { readonly ok: true; readonly items: readonly JsonObject[] }
  | { readonly ok: false; readonly error: string; readonly retryAfterMs: number | null };

export interface PagerDeps extends ThrottleDeps {
  readonly transport: RelayTransport;
  readonly tokens: TokenClient;
  readonly graphOrigin: string;
}

/** Graph pages hold 100 items; 50 pages is far beyond any tenant's issue history, and ends a link loop. */
const MAX_PAGES = 50;

export async function readCollection(firstUrl: string, deps: PagerDeps): Promise<CollectionOutcome> {
  const items: JsonObject[] = [];
  const visited = new Set<string>();
  let url: string | null = firstUrl;
  for (let page = 0; url !== null; page++) {
    if (page >= MAX_PAGES || visited.has(url)) return { ok: false, error: `Graph's @odata.nextLink chain at ${describeTarget(firstUrl)} goes on past ${MAX_PAGES} pages or loops`, retryAfterMs: null };
    visited.add(url);
    const answer = await readPage(url, deps);
    if (!answer.ok) return answer;
    const parsed = parseGraphPage(answer.body);
    if (!parsed.ok) return { ok: false, error: `unreadable answer from ${describeTarget(url)}: ${parsed.error}`, retryAfterMs: null };
    items.push(...parsed.page.items);
    if (parsed.page.nextLink === null) url = null;
    else {
      const next = nextLinkVerdict(parsed.page.nextLink, deps.graphOrigin);
      if (!next.ok) return { ok: false, error: next.error, retryAfterMs: null };
      url = next.url;
    }
  }
  return { ok: true, items };
}

async function readPage(url: string, deps: PagerDeps): Promise<{ ok: true; body: string } | { ok: false; error: string; retryAfterMs: number | null }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await deps.tokens.token(deps);
    if (!token.ok) return token;
    const sent = await sendThrottled(() => deps.transport.send({ method: 'GET', url, headers: { authorization: `Bearer ${token.token}` } }), 'Graph', deps);
    if (!sent.ok) return sent;
    const { status, body } = sent.response;
    if (status === 200) return { ok: true, body };
    if (status === 401 && attempt === 0) {
      // The token may have been revoked or have expired early: one new token, one more try.
      deps.tokens.invalidate();
      continue;
    }
    return { ok: false, error: `Graph answered HTTP ${status} for ${describeTarget(url)}${graphHint(status)}`, retryAfterMs: null };
  }
  return { ok: false, error: `Graph answered HTTP 401 for ${describeTarget(url)} even with a new token${graphHint(401)}`, retryAfterMs: null };
}

function graphHint(status: number): string {
  if (status === 401 || status === 403) return ': does the app have the ServiceHealth.Read.All application permission, with admin consent?';
  return '';
}
