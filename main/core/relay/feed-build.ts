/**
 * Microsoft Graph service health → the org feed (docs/org-feed.md), as pure functions.
 *
 * What goes in: every service of `healthOverviews` with its health mapped per sources.md §1.7 and
 * Graph's raw status word; every issue (from the overviews' expanded `issues` and from the `issues`
 * list, merged by id) that is open or ended in the last 24 hours, with its posts, Graph's HTML kept
 * as `html` for the app to sanitise; the helpdesk's messages; and `expiresAt`, so a relay that
 * stops leaves trays unknown rather than green. Everything is clipped to the schema's limits:
 * a relay must never publish a feed the app refuses.
 */
import { RECENTLY_RESOLVED_MS } from '../advice/phases.js';
import type { Health } from '../health.js';
import type { JsonObject } from '../sources/json-safe.js';
import schema from '../../../schema/org-feed.schema.json' with { type: 'json' };
import { boolField, recordsField, textField, field } from './graph-read.js';
import { feedClassificationFor, feedStatusFor, isClosedStatus, issueHealthFor, serviceHealthFor, type FeedIncidentStatus } from './graph-words.js';
import type { FeedMessage } from './helpdesk-messages.js';

export interface FeedService {
  readonly id: string;
  readonly name: string;
  readonly health: Health;
  readonly status: string | null;
}

export interface FeedPost {
  readonly at: string;
  readonly format: 'html' | 'text';
  readonly content: string;
}

export interface FeedIncident {
  readonly id: string;
  readonly title: string;
  readonly service: string;
  readonly classification: 'incident' | 'advisory';
  readonly health: Health;
  readonly status: FeedIncidentStatus | 'unknown';
  readonly sourceStatus: string | null;
  readonly impact: string | null;
  readonly startedAt: string;
  readonly updatedAt: string | null;
  readonly endedAt: string | null;
  readonly posts: readonly FeedPost[];
}

/** The org feed document the relay publishes (version 1). */
export interface OrgFeedDocument {
  readonly format: 'outage-radar/org-feed';
  readonly version: 1;
  readonly generatedAt: string;
  readonly expiresAt: string;
  readonly publisher: { readonly name: string };
  readonly services: readonly FeedService[];
  readonly incidents: readonly FeedIncident[];
  readonly messages: readonly FeedMessage[];
}

/** What one poll of Graph returned: the raw items of both collections. */
export interface GraphHealth {
  readonly overviews: readonly JsonObject[];
  readonly issues: readonly JsonObject[];
}

export interface FeedInputs {
  readonly graph: GraphHealth;
  readonly messages: readonly FeedMessage[];
  /** Epoch ms. */
  readonly now: number;
  readonly publisherName: string;
  /** How long the feed stays valid after `now`. */
  readonly ttlMs: number;
}

export interface BuiltFeed {
  readonly feed: OrgFeedDocument;
  /** Issues or services left out, and why; the relay logs them. */
  readonly warnings: readonly string[];
}

const LIMITS = {
  services: schema.properties.services.maxItems,
  incidents: schema.properties.incidents.maxItems,
  posts: schema.$defs.incident.properties.posts.maxItems,
  id: schema.$defs.id.maxLength,
  name: schema.$defs.name.maxLength,
  word: schema.$defs.word.maxLength,
  title: schema.$defs.incident.properties.title.maxLength,
  impact: schema.$defs.incident.properties.impact.maxLength,
  postContent: schema.$defs.post.properties.content.maxLength,
} as const;

/** How far ahead of the relay's clock a resolved issue's end may lie and still count as recent. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

const FEED_TIME = new RegExp(schema.$defs.dateTime.pattern);

/** Clips to `max` UTF-16 units without splitting a surrogate pair; the schema counts code points, so this is never over. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** A time the schema accepts, or null: Graph's own form is kept as sent when it already fits. */
function feedTime(raw: string | null): string | null {
  if (raw === null) return null;
  if (FEED_TIME.test(raw) && Number.isFinite(Date.parse(raw))) return raw;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const word = (raw: string | null): string | null => (raw === null ? null : clip(raw.trim(), LIMITS.word));

/**
 * Merges the two issue collections by id. The copy modified last wins; on a tie the `issues` list
 * (asked for second, so never older) does.
 */
function mergeIssues(graph: GraphHealth): JsonObject[] {
  const byId = new Map<string, JsonObject>();
  const expanded = graph.overviews.flatMap((service) => recordsField(service, 'issues'));
  for (const issue of [...expanded, ...graph.issues]) {
    const id = textField(issue, 'id');
    if (id === null) continue;
    const seen = byId.get(id);
    if (seen === undefined || modifiedMs(issue) >= modifiedMs(seen)) byId.set(id, issue);
  }
  return [...byId.values()];
}

function modifiedMs(issue: JsonObject): number {
  const ms = Date.parse(textField(issue, 'lastModifiedDateTime') ?? '');
  return Number.isFinite(ms) ? ms : 0;
}

interface ReadIssue {
  readonly incident: FeedIncident;
  readonly open: boolean;
}

function readPosts(issue: JsonObject): FeedPost[] {
  const posts: FeedPost[] = [];
  for (const post of recordsField(issue, 'posts')) {
    const at = feedTime(textField(post, 'createdDateTime'));
    const description = field(post, 'description');
    if (at === null || typeof description !== 'object' || description === null || Array.isArray(description)) continue;
    const body = description as JsonObject;
    const content = field(body, 'content');
    if (typeof content !== 'string') continue;
    const format = (textField(body, 'contentType') ?? 'html').trim().toLowerCase() === 'text' ? 'text' : 'html';
    posts.push({ at, format, content: clip(content, LIMITS.postContent) });
  }
  // The newest posts matter most when Graph sends more than the feed may carry.
  posts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return posts.slice(-LIMITS.posts);
}

function readIssue(issue: JsonObject, serviceStatusByName: ReadonlyMap<string, string | null>, now: number, warnings: string[]): ReadIssue | null {
  const id = textField(issue, 'id');
  const service = textField(issue, 'service');
  const startedAt = feedTime(textField(issue, 'startDateTime'));
  if (id === null || service === null || startedAt === null) {
    warnings.push(`issue ${id ?? '(without id)'} left out: it has no ${id === null ? 'id' : service === null ? 'service' : 'readable startDateTime'}`);
    return null;
  }
  const rawStatus = textField(issue, 'status');
  const mapped = feedStatusFor(rawStatus);
  const resolvedFlag = boolField(issue, 'isResolved') === true;
  // Graph's isResolved is the authority on whether an issue is over: an issue it calls resolved
  // never reads as open, whatever its last status word says.
  const status: FeedIncident['status'] = resolvedFlag && !isClosedStatus(mapped) ? 'resolved' : (mapped ?? 'unknown');
  const closed = isClosedStatus(status === 'unknown' ? null : status);
  const updatedAt = feedTime(textField(issue, 'lastModifiedDateTime'));
  // An open issue must carry no endedAt (the app treats an endedAt in the past as closed); a
  // closed one without Graph's endDateTime ended, at the latest, when it was last modified.
  const endedAt = closed ? (feedTime(textField(issue, 'endDateTime')) ?? updatedAt) : null;
  if (closed) {
    const ended = endedAt === null ? NaN : Date.parse(endedAt);
    // "Resolved in the last 24 hours"; an end a little ahead of our clock is Microsoft's clock.
    if (!Number.isFinite(ended) || now - ended > RECENTLY_RESOLVED_MS || ended - now > CLOCK_SKEW_MS) return null;
  }
  const classification = feedClassificationFor(textField(issue, 'classification'));
  const health: Health = closed ? 'operational' : issueHealthFor(rawStatus, classification, serviceStatusByName.get(service.trim().toLowerCase()) ?? null);
  const impact = textField(issue, 'impactDescription');
  return {
    open: !closed,
    incident: {
      id: clip(id, LIMITS.id),
      title: clip(textField(issue, 'title') ?? id, LIMITS.title),
      service: clip(service, LIMITS.name),
      classification,
      health,
      status,
      sourceStatus: word(rawStatus),
      impact: impact === null ? null : clip(impact, LIMITS.impact),
      startedAt,
      updatedAt,
      endedAt,
      posts: readPosts(issue),
    },
  };
}

function readServices(graph: GraphHealth, openByService: ReadonlyMap<string, number>, warnings: string[]): FeedService[] {
  const services: FeedService[] = [];
  const seen = new Set<string>();
  for (const overview of graph.overviews) {
    const name = textField(overview, 'service');
    if (name === null) {
      warnings.push(`service ${textField(overview, 'id') ?? '(without id)'} left out: it has no display name`);
      continue;
    }
    const id = clip(textField(overview, 'id') ?? name, LIMITS.id);
    if (seen.has(id)) continue;
    seen.add(id);
    const status = textField(overview, 'status');
    services.push({ id, name: clip(name, LIMITS.name), health: serviceHealthFor(status, openByService.get(name.trim().toLowerCase()) ?? 0), status: word(status) });
  }
  if (services.length > LIMITS.services) warnings.push(`${services.length - LIMITS.services} services left out: the feed carries at most ${LIMITS.services}`);
  return services.slice(0, LIMITS.services);
}

/** The feed for what Graph said at `now`, with the helpdesk's messages. Never throws. */
export function buildOrgFeed(inputs: FeedInputs): BuiltFeed {
  const warnings: string[] = [];
  const serviceStatusByName = new Map<string, string | null>();
  for (const overview of inputs.graph.overviews) {
    const name = textField(overview, 'service');
    if (name !== null) serviceStatusByName.set(name.trim().toLowerCase(), textField(overview, 'status'));
  }
  const read = mergeIssues(inputs.graph)
    .map((issue) => readIssue(issue, serviceStatusByName, inputs.now, warnings))
    .filter((r): r is ReadIssue => r !== null);
  const openByService = new Map<string, number>();
  for (const r of read) {
    if (!r.open) continue;
    const key = r.incident.service.trim().toLowerCase();
    openByService.set(key, (openByService.get(key) ?? 0) + 1);
  }
  // Open issues first, then the most recently changed: what is cut at the limit matters least.
  read.sort((a, b) => Number(b.open) - Number(a.open) || (b.incident.updatedAt ?? '').localeCompare(a.incident.updatedAt ?? '') || a.incident.id.localeCompare(b.incident.id));
  if (read.length > LIMITS.incidents) warnings.push(`${read.length - LIMITS.incidents} issues left out: the feed carries at most ${LIMITS.incidents}`);
  return {
    feed: {
      format: 'outage-radar/org-feed',
      version: 1,
      generatedAt: new Date(inputs.now).toISOString(),
      expiresAt: new Date(inputs.now + inputs.ttlMs).toISOString(),
      publisher: { name: clip(inputs.publisherName, LIMITS.name) },
      services: readServices(inputs.graph, openByService, warnings),
      incidents: read.slice(0, LIMITS.incidents).map((r) => r.incident),
      messages: inputs.messages,
    },
    warnings,
  };
}

/** The id of the message through which an unavailable feed says why. */
export const UNAVAILABLE_MESSAGE_ID = 'outage-radar-relay-unavailable';

export interface UnavailableInputs {
  /** The last feed built from Graph's answer, or null when Graph never answered. */
  readonly lastGood: OrgFeedDocument | null;
  readonly reason: string;
  readonly messages: readonly FeedMessage[];
  /** Epoch ms of the first failure in a row: the notice's postedAt, so it stays the same message. */
  readonly failingSince: number;
  readonly now: number;
  readonly ttlMs: number;
  readonly publisherName: string;
}

/**
 * The feed once the last good one has expired and Graph still fails: the same services, every
 * one unknown, no incidents (they may be long over), and the reason as an `info` message, so trays
 * say "unknown, because …" instead of green or stale red. Without a last good feed (nothing ever
 * worked) it lists no services, which the app reads as unknown too.
 */
export function unavailableFeed(inputs: UnavailableInputs): OrgFeedDocument {
  const { lastGood, now } = inputs;
  const since = lastGood === null ? '' : ` Last good data: ${lastGood.generatedAt}.`;
  return {
    format: 'outage-radar/org-feed',
    version: 1,
    generatedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + inputs.ttlMs).toISOString(),
    publisher: { name: clip(inputs.publisherName, LIMITS.name) },
    services: (lastGood?.services ?? []).map((s) => ({ ...s, health: 'unknown' as const, status: 'unknown' })),
    incidents: [],
    messages: [
      ...inputs.messages.filter((m) => m.id !== UNAVAILABLE_MESSAGE_ID).slice(0, schema.properties.messages.maxItems - 1),
      {
        id: UNAVAILABLE_MESSAGE_ID,
        severity: 'info',
        text: clip(`Microsoft 365 service health for our organization is unavailable: ${inputs.reason.replace(/[\s.]+$/, '')}.${since}`, schema.$defs.message.properties.text.maxLength),
        postedAt: new Date(inputs.failingSince).toISOString(),
      },
    ],
  };
}

/** The feed without its timestamps: two feeds with the same key say the same thing. */
export function feedContentKey(feed: OrgFeedDocument): string {
  return JSON.stringify({ ...feed, generatedAt: null, expiresAt: null });
}

/**
 * Whether to publish `next` over `previous`: when what it says changed, or when `previous` was
 * written `refreshMs` ago or more (its `expiresAt` must move on before trays give up on it).
 * Publishing only then keeps the file and its ETag unchanged between polls, so trays get 304s.
 */
export function shouldPublish(previous: OrgFeedDocument | null, next: OrgFeedDocument, refreshMs: number): boolean {
  if (previous === null) return true;
  if (feedContentKey(previous) !== feedContentKey(next)) return true;
  const written = Date.parse(previous.generatedAt);
  return !Number.isFinite(written) || Date.parse(next.generatedAt) - written >= refreshMs;
}
