/**
 * Microsoft's public, unauthenticated status (status.cloud.microsoft), reverse-engineered and
 * undocumented: `/api/posts/mac` returns ONE post object, `/api/posts/m365Consumer` an ARRAY of
 * posts, one per consumer service. It is only updated for broad incidents, so "Available" means
 * "no broad incident", never "your tenant is fine". Reference: shared/reference/sources.md §2.1.
 *
 * `LastUpdatedTime` is a per-request clock and is deliberately never read: using it would make
 * every response look new.
 */
import { failed, jsonTypeWords, problem, quoted, type PhraseValue } from './source-problem.js';
import { lookupEnum, worstHealth, type Health } from '../health.js';
import type { Component, Incident, ParseOutcome, SourceSnapshot } from '../model.js';
import {
  createWarningLog,
  idText,
  isoTime,
  isRecord,
  looksLikeHtml,
  own,
  parseJsonSafely,
  text,
  type JsonObject,
  type WarningLog,
} from './json-safe.js';

const MICROSOFT_PUBLIC_PAGE_NAME = 'Microsoft 365 public status';
const MICROSOFT_PUBLIC_PAGE_URL = 'https://status.cloud.microsoft/';

/** Keys are the status words with case, spaces, dashes and underscores removed ("Service degradation"). */
const STATUS_HEALTH: Readonly<Record<string, Health>> = {
  available: 'operational',
  operational: 'operational',
  servicerestored: 'operational',
  servicedegradation: 'degraded',
  unknown: 'unknown',
};

const POST_FIELDS = ['Id', 'Status', 'Title', 'Message', 'AuthoredDateTime', 'ServiceDisplayName', 'ServiceWorkloadName'];

function statusHealth(raw: unknown, where: PhraseValue, warnings: WarningLog): Health {
  const squeezed = typeof raw === 'string' ? raw.replace(/[\s_-]+/g, '') : raw;
  const health = lookupEnum<Health | null>(STATUS_HEALTH, squeezed, null);
  if (health === null) {
    if (raw === undefined) warnings.count(problem('source.problem.microsoft.noStatus', { where }));
    else if (typeof raw !== 'string') warnings.count(problem('source.problem.microsoft.statusNotWord', { type: jsonTypeWords(raw), where }));
    else warnings.count(problem('source.problem.microsoft.unknownStatus', { word: quoted(raw), where }));
    return 'unknown';
  }
  if (health === 'unknown') warnings.count(problem('source.problem.microsoft.statusUnknown', { where }));
  return health;
}

function rawStatus(post: JsonObject): string {
  const value = own(post, 'Status');
  return typeof value === 'string' ? value : '';
}

/** One incident for a degraded post; the Message is HTML and stays marked as such. */
function incidentFrom(post: JsonObject, id: string, title: string, affects: readonly string[]): Incident {
  const authored = isoTime(own(post, 'AuthoredDateTime'));
  const message = text(post, 'Message');
  return {
    id,
    title: text(post, 'Title') ?? title,
    kind: 'incident',
    health: 'degraded',
    // The feed has no investigating/resolved phases; claiming one would be invented.
    status: 'unknown',
    impact: text(post, 'Status'),
    startedAt: authored,
    updatedAt: authored,
    endsAt: null,
    // The public feed drops a post once it is over: it never says when an incident ended.
    endedAt: null,
    url: MICROSOFT_PUBLIC_PAGE_URL,
    affects,
    updates: message === null ? [] : [{ id: null, status: 'unknown', at: authored, body: { format: 'html', content: message } }],
  };
}

function snapshotOf(health: Health, components: readonly Component[], incidents: readonly Incident[], warnings: WarningLog): SourceSnapshot {
  return {
    health,
    pageName: MICROSOFT_PUBLIC_PAGE_NAME,
    pageUrl: MICROSOFT_PUBLIC_PAGE_URL,
    components,
    incidents,
    upcoming: [],
    recentlyResolved: [],
    messages: [],
    warnings: warnings.list(),
    warningWords: warnings.phrases(),
  };
}

/**
 * Microsoft service names (as Graph and the org feed spell them) that a banner post's words name.
 * The banner has no service field: a post about Teams alone must not mark mail as failing.
 */
const NAMED_IN_POST: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:exchange|outlook)\b/i, 'Exchange Online'],
  [/\bteams\b/i, 'Microsoft Teams'],
  [/\bsharepoint\b/i, 'SharePoint Online'],
  [/\bonedrive\b/i, 'OneDrive for Business'],
  [/\bdefender\b/i, 'Microsoft 365 Defender'],
  [/\bpurview\b/i, 'Microsoft Purview'],
  [/\bintune\b/i, 'Microsoft Intune'],
];

/** Microsoft's incident ids (EX1224375, TM252802, MO1221364): two capitals and digits. */
const INCIDENT_CODE = /\b[A-Z]{2}\d{5,8}\b/;

/** The services a banner post names, in its title or message; none named = it may concern any. */
export function servicesNamedInPost(words: string): string[] {
  return NAMED_IN_POST.filter(([pattern]) => pattern.test(words)).map(([, name]) => name);
}

function parseSinglePost(post: JsonObject): ParseOutcome {
  const warnings = createWarningLog();
  const health = statusHealth(own(post, 'Status'), '', warnings);
  if (health !== 'degraded') return { ok: true, snapshot: snapshotOf(health, [], [], warnings) };
  const words = `${text(post, 'Title') ?? ''} ${(text(post, 'Message') ?? '').replace(/<[^>]*>/g, ' ')}`;
  // The post's Id changes with each edit of the banner; the incident it tells about does not. Keyed
  // by the incident's code (or one id for "the" banner incident), an edited post is an update of
  // the same incident, never "resolved" followed by a new one.
  const id = INCIDENT_CODE.exec(words)?.[0] ?? 'microsoft-365-public';
  const incidents = [incidentFrom(post, id, 'Microsoft 365 service incident', servicesNamedInPost(words))];
  return { ok: true, snapshot: snapshotOf(health, [], incidents, warnings) };
}

/**
 * One component per consumer service. Posts that share an Id describe one incident touching
 * several services, so they become one incident whose `affects` lists them all.
 */
function parsePostList(posts: readonly unknown[]): ParseOutcome {
  const warnings = createWarningLog();
  const components: Component[] = [];
  const incidents = new Map<string, Incident>();
  const seen = new Set<string>();
  // A skipped post may be the one service that is down: the list no longer vouches for health.
  let lost = false;
  for (const post of posts) {
    if (!isRecord(post)) {
      lost = true;
      warnings.count(problem('source.problem.skip.notObject', { row: problem('source.problem.row.post'), type: jsonTypeWords(post) }));
      continue;
    }
    const name = text(post, 'ServiceDisplayName') ?? text(post, 'ServiceWorkloadName');
    const id = text(post, 'ServiceWorkloadName') ?? name;
    if (id === null || name === null) {
      lost = true;
      warnings.count(problem('source.problem.microsoft.postWithoutService'));
      continue;
    }
    if (seen.has(id)) {
      warnings.count(problem('source.problem.microsoft.repeatedService', { id: JSON.stringify(id) }));
      continue;
    }
    seen.add(id);
    const health = statusHealth(own(post, 'Status'), problem('source.problem.microsoft.forService', { name }), warnings);
    components.push({ id, name, health, status: rawStatus(post) });
    if (health !== 'degraded') continue;
    const incidentId = idText(post, 'Id') ?? `microsoft-365-public:${id}`;
    const existing = incidents.get(incidentId);
    incidents.set(
      incidentId,
      existing === undefined
        ? incidentFrom(post, incidentId, `${name} service incident`, [name])
        : { ...existing, affects: [...existing.affects, name] },
    );
  }
  if (components.length === 0) warnings.add(problem('source.problem.microsoft.noServices'));
  return { ok: true, snapshot: snapshotOf(worstHealth([...components.map((c) => c.health), ...(lost ? ['unknown' as const] : [])]), components, [...incidents.values()], warnings) };
}

/**
 * Parses `https://status.cloud.microsoft/api/posts/mac` (one post object) or
 * `/api/posts/m365Consumer` (an array of posts, one per service). The site answers unknown paths
 * with its HTML app shell and status 200; that is an error here, never "healthy". Never throws.
 */
export function parseMicrosoftPublic(body: string): ParseOutcome {
  if (looksLikeHtml(body)) {
    return failed(problem('source.problem.microsoft.webPage'));
  }
  const parsed = parseJsonSafely(body);
  if (!parsed.ok) return failed(problem('source.problem.microsoft.unreadable', { why: parsed.errorWords }));
  const value = parsed.value;
  if (Array.isArray(value)) return parsePostList(value);
  if (!isRecord(value)) {
    return failed(problem('source.problem.microsoft.notPosts', { type: jsonTypeWords(value) }));
  }
  if (!POST_FIELDS.some((field) => own(value, field) !== undefined)) {
    return failed(problem('source.problem.microsoft.noFields'));
  }
  return parseSinglePost(value);
}
