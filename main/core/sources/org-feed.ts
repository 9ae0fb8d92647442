/**
 * The org feed: Outage Radar's own versioned JSON format through which an organization publishes
 * tenant incidents, per-service health and helpdesk messages to every tray (docs/org-feed.md).
 *
 * `outage-radar relay` writes it from Microsoft Graph; a helpdesk may also write it by hand. The
 * JSON Schema in schema/org-feed.schema.json checks shape, types, required fields and size limits;
 * this module adds what a schema cannot say well: case-insensitive enum words with an `unknown`
 * fallback, https-only links, expiry against the clock, and the roll-up to one health.
 */
import type { ValidateFunction } from 'ajv';
import validateOrgFeed from '../generated/validate-org-feed.js';
import { describeSchemaErrors, type SchemaWording } from '../json-schema.js';
import { isLoopbackHost } from '../url-rules.js';
import schema from '../../../schema/org-feed.schema.json' with { type: 'json' };
import { lookupEnum, rollUp, type Health } from '../health.js';
import type {
  Component,
  HelpdeskMessage,
  Incident,
  IncidentStatus,
  IncidentUpdate,
  MessageSeverity,
  ParseOutcome,
  SourceSnapshot,
} from '../model.js';
import { createWarningLog, httpUrl, isRecord, isoTime, own, parseJsonSafely, type WarningLog } from './json-safe.js';

/** The value of the feed's `format` field. */
export const ORG_FEED_FORMAT = 'outage-radar/org-feed';

/** The highest major `version` this app reads. */
export const ORG_FEED_VERSION = 1;

/** Size limits, taken from the schema so the documentation, the schema and the parser agree. */
export const ORG_FEED_LIMITS = {
  services: schema.properties.services.maxItems,
  incidents: schema.properties.incidents.maxItems,
  messages: schema.properties.messages.maxItems,
  postsPerIncident: schema.$defs.incident.properties.posts.maxItems,
} as const;

/** Only this many schema problems are reported: the first few are enough to fix a hand-written file. */
const MAX_REPORTED_PROBLEMS = 3;

/** The shape the schema guarantees. Enum words are still raw strings in any letter case. */
interface RawFeed {
  readonly format: string;
  readonly version: number;
  readonly generatedAt: string;
  readonly expiresAt?: string | null;
  readonly publisher?: { readonly name: string; readonly url?: string | null };
  readonly services?: readonly RawService[];
  readonly incidents?: readonly RawIncident[];
  readonly messages?: readonly RawMessage[];
}

interface RawService {
  readonly id?: string | null;
  readonly name: string;
  readonly health: string;
  readonly status?: string | null;
}

interface RawIncident {
  readonly id: string;
  readonly title: string;
  readonly service: string;
  readonly classification: string;
  readonly health: string;
  readonly status: string;
  readonly impact?: string | null;
  readonly startedAt: string;
  readonly updatedAt?: string | null;
  readonly endedAt?: string | null;
  readonly url?: string | null;
  readonly posts?: readonly RawPost[];
}

interface RawPost {
  readonly at: string;
  readonly status?: string | null;
  readonly format?: string | null;
  readonly content: string;
}

interface RawMessage {
  readonly id: string;
  readonly severity: string;
  readonly text: string;
  readonly postedAt?: string | null;
  readonly expiresAt?: string | null;
  readonly incidentId?: string | null;
  readonly url?: string | null;
}

const HEALTH_WORDS: Readonly<Record<string, Health>> = {
  operational: 'operational',
  maintenance: 'maintenance',
  degraded: 'degraded',
  outage: 'outage',
  unknown: 'unknown',
};

const STATUS_WORDS: Readonly<Record<string, IncidentStatus>> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: 'postmortem',
  scheduled: 'scheduled',
  'in-progress': 'in-progress',
  // Statuspage spells it with an underscore; helpdesks copying from there should not be punished.
  in_progress: 'in-progress',
  verifying: 'verifying',
  completed: 'completed',
  unknown: 'unknown',
};

const CLOSED_STATUSES: ReadonlySet<IncidentStatus> = new Set(['resolved', 'postmortem', 'completed']);

const KIND_WORDS: Readonly<Record<string, Incident['kind']>> = {
  incident: 'incident',
  advisory: 'advisory',
  maintenance: 'maintenance',
};

const SEVERITY_WORDS: Readonly<Record<string, MessageSeverity>> = {
  info: 'info',
  warning: 'warning',
  critical: 'critical',
};

const POST_FORMAT_WORDS: Readonly<Record<string, 'text' | 'html'>> = { text: 'text', html: 'html' };

/** Precompiled from schema/org-feed.schema.json by scripts/gen-validators.mjs. */
function validator(): ValidateFunction<RawFeed> {
  return validateOrgFeed as ValidateFunction<RawFeed>;
}

/**
 * Parses an org feed body into a snapshot.
 *
 * `now` (ms since the epoch) decides which helpdesk messages have expired, which maintenance has
 * not started yet, which incidents have ended, and whether the feed itself is out of date. Never
 * throws: malformed, hostile, oversized or too-new feeds give `{ ok: false, error }` in words that
 * name the JSON path and what was expected.
 */
export function parseOrgFeed(body: string, now: number): ParseOutcome {
  const json = parseJsonSafely(body);
  if (!json.ok) return { ok: false, error: json.error };
  const root = json.value;
  if (!isRecord(root)) return { ok: false, error: 'not an org feed: expected a JSON object at the top level' };

  const format = own(root, 'format');
  if (format !== ORG_FEED_FORMAT) {
    return { ok: false, error: `not an Outage Radar org feed: "format" must be "${ORG_FEED_FORMAT}"` };
  }
  // Checked before the schema: a newer major version may be shaped differently, and "update the
  // app" is the only useful thing to say about it.
  const version = own(root, 'version');
  if (typeof version === 'number' && Number.isInteger(version) && version > ORG_FEED_VERSION) {
    return {
      ok: false,
      error: `feed version ${version} is newer than this app understands (${ORG_FEED_VERSION}); update Outage Radar`,
    };
  }

  const validate = validator();
  if (!validate(root)) return { ok: false, error: describeProblems(describeSchemaErrors(validate.errors ?? [], root, FEED_WORDING)) };

  const dateProblems = findUnreadableDates(root);
  if (dateProblems.length > 0) return { ok: false, error: describeProblems(dateProblems) };

  return { ok: true, snapshot: toSnapshot(root, now) };
}

function toSnapshot(feed: RawFeed, now: number): SourceSnapshot {
  const warnings = createWarningLog();
  const components = readServices(feed.services ?? [], warnings);
  const { open, upcoming } = readIncidents(feed.incidents ?? [], now, warnings);
  const messages = readMessages(feed.messages ?? [], now, warnings);

  const expiresAt = isoTime(feed.expiresAt);
  const expired = expiresAt !== null && Date.parse(expiresAt) <= now;
  if (expired) {
    warnings.add(`the feed expired at ${expiresAt}: its publisher has stopped updating it, so its health is unknown`);
  }
  // An out-of-date feed vouches for nothing: its green services must not stay green.
  const shownComponents = expired ? components.map((c) => ({ ...c, health: 'unknown' as const })) : components;
  const health: Health = expired ? 'unknown' : rollUp([...components.map((c) => c.health), ...open.map((i) => i.health)]);

  return {
    health,
    pageName: feed.publisher?.name ?? null,
    pageUrl: linkOrNull(feed.publisher?.url, 'publisher.url', warnings),
    components: shownComponents,
    incidents: open,
    upcoming,
    messages,
    warnings: warnings.list(),
    lastKnown: expired ? { asOf: isoTime(feed.generatedAt), reason: `the feed expired at ${expiresAt}` } : null,
  };
}

function readServices(services: readonly RawService[], warnings: WarningLog): Component[] {
  const components: Component[] = [];
  const seen = new Set<string>();
  services.forEach((service, index) => {
    const id = service.id ?? service.name;
    if (seen.has(id)) {
      warnings.add(`services[${index}]: a second service with id "${id}"; ignored`);
      return;
    }
    seen.add(id);
    components.push({
      id,
      name: service.name,
      health: readWord(HEALTH_WORDS, service.health, 'unknown', `services[${index}].health`, 'health', warnings),
      status: service.status ?? service.health,
    });
  });
  return components;
}

function readIncidents(
  incidents: readonly RawIncident[],
  now: number,
  warnings: WarningLog,
): { open: Incident[]; upcoming: Incident[] } {
  const open: Incident[] = [];
  const upcoming: Incident[] = [];
  const seen = new Set<string>();
  incidents.forEach((raw, index) => {
    const path = `incidents[${index}]`;
    if (seen.has(raw.id)) {
      warnings.add(`${path}: a second incident with id "${raw.id}"; ignored`);
      return;
    }
    seen.add(raw.id);
    const incident = readIncident(raw, path, warnings);
    const endsAt = incident.endsAt === null ? null : Date.parse(incident.endsAt);
    const closed = CLOSED_STATUSES.has(incident.status) || (endsAt !== null && endsAt <= now);
    if (closed) return;
    // Only maintenance can be "not yet": an incident dated in the future is a clock problem on the
    // publisher's side, and hiding it could hide an outage.
    const notStarted = incident.kind === 'maintenance' && incident.startedAt !== null && Date.parse(incident.startedAt) > now;
    (notStarted ? upcoming : open).push(incident);
  });
  return { open, upcoming };
}

function readIncident(raw: RawIncident, path: string, warnings: WarningLog): Incident {
  const updates = (raw.posts ?? [])
    .map((post, index) => readPost(post, `${path}.posts[${index}]`, warnings))
    .sort((a, b) => Date.parse(b.at ?? '') - Date.parse(a.at ?? ''));
  return {
    id: raw.id,
    title: raw.title,
    kind: readWord(KIND_WORDS, raw.classification, 'incident', `${path}.classification`, 'classification', warnings, 'incident'),
    health: readWord(HEALTH_WORDS, raw.health, 'unknown', `${path}.health`, 'health', warnings),
    status: readWord(STATUS_WORDS, raw.status, 'unknown', `${path}.status`, 'status', warnings),
    impact: raw.impact ?? null,
    startedAt: isoTime(raw.startedAt),
    updatedAt: isoTime(raw.updatedAt) ?? updates[0]?.at ?? null,
    endsAt: isoTime(raw.endedAt),
    url: linkOrNull(raw.url, `${path}.url`, warnings),
    affects: [raw.service],
    updates,
  };
}

function readPost(post: RawPost, path: string, warnings: WarningLog): IncidentUpdate {
  const status =
    post.status === undefined || post.status === null
      ? 'unknown'
      : readWord(STATUS_WORDS, post.status, 'unknown', `${path}.status`, 'status', warnings);
  // Anything but a known word is shown as plain text: the safe way to display an unknown markup.
  const format =
    post.format === undefined || post.format === null
      ? 'text'
      : readWord(POST_FORMAT_WORDS, post.format, 'text', `${path}.format`, 'post format', warnings, 'plain text');
  return { id: null, status, at: isoTime(post.at), body: { format, content: post.content } };
}

function readMessages(messages: readonly RawMessage[], now: number, warnings: WarningLog): HelpdeskMessage[] {
  const current: HelpdeskMessage[] = [];
  const seen = new Set<string>();
  messages.forEach((raw, index) => {
    const path = `messages[${index}]`;
    const expiresAt = isoTime(raw.expiresAt);
    if (expiresAt !== null && Date.parse(expiresAt) <= now) return;
    if (seen.has(raw.id)) {
      warnings.add(`${path}: a second message with id "${raw.id}"; ignored`);
      return;
    }
    seen.add(raw.id);
    current.push({
      id: raw.id,
      // An unrecognised severity is still the helpdesk speaking: show it, neither whispered nor shouted.
      severity: readWord(SEVERITY_WORDS, raw.severity, 'warning', `${path}.severity`, 'severity', warnings, 'warning'),
      text: raw.text,
      postedAt: isoTime(raw.postedAt),
      expiresAt,
      incidentId: raw.incidentId ?? null,
      url: linkOrNull(raw.url, `${path}.url`, warnings),
    });
  });
  return current;
}

/** Case-insensitive lookup; a word we do not know becomes the fallback and is reported. */
function readWord<T>(
  table: Readonly<Record<string, T>>,
  raw: string,
  fallback: T,
  path: string,
  what: string,
  warnings: WarningLog,
  fallbackLabel = 'unknown',
): T {
  const known = Object.prototype.hasOwnProperty.call(table, raw.trim().toLowerCase());
  if (!known) warnings.add(`${path}: unknown ${what} "${raw}"; treated as ${fallbackLabel}`);
  return lookupEnum(table, raw, fallback);
}

/**
 * Links end up behind a click in the tray window, so only https is kept, plus plain http to this
 * machine (a helpdesk testing a feed on localhost).
 */
function linkOrNull(raw: string | null | undefined, path: string, warnings: WarningLog): string | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  const url = httpUrl(raw);
  if (url === null) {
    warnings.add(`${path}: not an http(s) URL; ignored`);
    return null;
  }
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return url;
  warnings.add(`${path}: plain http link to ${parsed.host} ignored; use https`);
  return null;
}

/** Strings that match the date pattern yet name no real moment, such as month 13. */
function findUnreadableDates(feed: RawFeed): string[] {
  const problems: string[] = [];
  const check = (raw: string | null | undefined, path: string): void => {
    if (typeof raw === 'string' && isoTime(raw) === null) problems.push(`${path}: expected ${DATE_TIME_EXPECTATION}, got ${JSON.stringify(raw)}`);
  };
  check(feed.generatedAt, 'generatedAt');
  check(feed.expiresAt, 'expiresAt');
  feed.incidents?.forEach((incident, i) => {
    check(incident.startedAt, `incidents[${i}].startedAt`);
    check(incident.updatedAt, `incidents[${i}].updatedAt`);
    check(incident.endedAt, `incidents[${i}].endedAt`);
    incident.posts?.forEach((post, p) => check(post.at, `incidents[${i}].posts[${p}].at`));
  });
  feed.messages?.forEach((message, m) => {
    check(message.postedAt, `messages[${m}].postedAt`);
    check(message.expiresAt, `messages[${m}].expiresAt`);
  });
  return problems;
}

const DATE_TIME_EXPECTATION = 'a date and time with a zone, such as 2025-03-04T08:15:00Z';

const FEED_WORDING: SchemaWording = { rootName: 'feed', patterns: { [schema.$defs.dateTime.pattern]: DATE_TIME_EXPECTATION } };

function describeProblems(problems: readonly string[]): string {
  const unique = [...new Set(problems)];
  const shown = unique.slice(0, MAX_REPORTED_PROBLEMS).join('; ');
  const more = unique.length - MAX_REPORTED_PROBLEMS;
  return `not a valid org feed: ${shown}${more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''}`;
}

