/**
 * What a schema-valid org feed means at a given moment: enum words read case-insensitively (a word
 * we do not know becomes unknown and a warning), closed and ended incidents kept apart for 24 hours
 * after their `endedAt` as recently resolved (never health) and dropped after that, maintenance
 * not yet started kept apart, expired helpdesk messages dropped, only https links kept (plain http
 * to this machine too), and an expired feed vouching for nothing. `org-feed.ts` checks the shape
 * first; this module never sees a feed the schema refused.
 */
import { problem, renderPhrase, type Phrase } from './source-problem.js';
import { lookupEnum, rollUp, type Health } from '../health.js';
import type { Component, HelpdeskMessage, Incident, IncidentStatus, IncidentUpdate, LastKnown, MessageSeverity, SourceSnapshot } from '../model.js';
import { RECENTLY_RESOLVED_MS } from '../advice/phases.js';
import { isLoopbackHost } from './url-rules.js';
import { createWarningLog, httpUrl, isoTime, type WarningLog } from './json-safe.js';

/** The shape the schema guarantees. Enum words are still raw strings in any letter case. */
export interface RawFeed {
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

/** One helpdesk message as the feed carries it (docs/org-feed.md, "Messages"); the relay publishes these too. */
export interface RawMessage {
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
  // Microsoft's own words (Graph serviceHealthStatus), copied by helpdesks: the fix is in, recovery
  // goes on. Read as monitoring so the advice says "back, but still unstable", not "still broken".
  restoringservice: 'monitoring',
  extendedrecovery: 'monitoring',
  mitigated: 'monitoring',
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

/**
 * What a schema-valid feed says now: open and upcoming incidents, current helpdesk messages,
 * one rolled-up health, and unknown once the feed has expired.
 */
export function toSnapshot(feed: RawFeed, now: number): SourceSnapshot {
  const warnings = createWarningLog();
  const components = readServices(feed.services ?? [], warnings);
  const { open, upcoming, recentlyResolved } = readIncidents(feed.incidents ?? [], now, warnings);
  const messages = readMessages(feed.messages ?? [], now, warnings);

  const expiresAt = isoTime(feed.expiresAt);
  const expired = expiresAt !== null && Date.parse(expiresAt) <= now;
  if (expired) {
    warnings.add(problem('source.problem.orgFeed.expired', { at: String(expiresAt) }));
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
    recentlyResolved,
    messages,
    warnings: warnings.list(),
    warningWords: warnings.phrases(),
    lastKnown: expired ? lastKnownOf(isoTime(feed.generatedAt), problem('source.problem.orgFeed.expiredAt', { at: String(expiresAt) })) : null,
  };
}

/** Data out of date, with why in English and as data. */
function lastKnownOf(asOf: string | null, reason: Phrase): LastKnown {
  return { asOf, reason: renderPhrase(reason), reasonWords: reason };
}

function readServices(services: readonly RawService[], warnings: WarningLog): Component[] {
  const components: Component[] = [];
  const seen = new Set<string>();
  services.forEach((service, index) => {
    const id = service.id ?? service.name;
    if (seen.has(id)) {
      warnings.add(problem('source.problem.orgFeed.repeatedService', { path: `services[${index}]`, id }));
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
): { open: Incident[]; upcoming: Incident[]; recentlyResolved: Incident[] } {
  const open: Incident[] = [];
  const upcoming: Incident[] = [];
  const recentlyResolved: Incident[] = [];
  const seen = new Set<string>();
  incidents.forEach((raw, index) => {
    const path = `incidents[${index}]`;
    if (seen.has(raw.id)) {
      warnings.add(problem('source.problem.orgFeed.repeatedIncident', { path, id: raw.id }));
      return;
    }
    seen.add(raw.id);
    const incident = readIncident(raw, path, warnings);
    const endsAt = incident.endsAt === null ? null : Date.parse(incident.endsAt);
    const closed = CLOSED_STATUSES.has(incident.status) || (endsAt !== null && endsAt <= now);
    if (closed) {
      // Over, but a client that ran through it may need a restart: kept for a day after its end.
      const ended = incident.endedAt === null ? Number.NaN : Date.parse(incident.endedAt);
      if (ended <= now && now - ended <= RECENTLY_RESOLVED_MS) recentlyResolved.push(incident);
      return;
    }
    // Only maintenance can be "not yet": an incident dated in the future is a clock problem on the
    // publisher's side, and hiding it could hide an outage.
    const notStarted = incident.kind === 'maintenance' && incident.startedAt !== null && Date.parse(incident.startedAt) > now;
    (notStarted ? upcoming : open).push(incident);
  });
  return { open, upcoming, recentlyResolved };
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
    endedAt: isoTime(raw.endedAt),
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
      : readWord(POST_FORMAT_WORDS, post.format, 'text', `${path}.format`, 'postFormat', warnings, 'plainText');
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
      warnings.add(problem('source.problem.orgFeed.repeatedMessage', { path, id: raw.id }));
      return;
    }
    seen.add(raw.id);
    current.push({
      id: raw.id,
      // An unrecognized severity is still the helpdesk speaking: show it, neither whispered nor shouted.
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
  what: 'health' | 'classification' | 'status' | 'postFormat' | 'severity',
  warnings: WarningLog,
  fallbackLabel: 'unknown' | 'incident' | 'plainText' | 'warning' = 'unknown',
): T {
  const known = Object.prototype.hasOwnProperty.call(table, raw.trim().toLowerCase());
  if (!known) {
    const said = { path, what: problem(`source.problem.orgFeed.what.${what}`), word: raw, fallback: problem(`source.problem.orgFeed.fallback.${fallbackLabel}`) };
    warnings.add(problem('source.problem.orgFeed.unknownWord', said));
  }
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
    warnings.add(problem('source.problem.orgFeed.notUrl', { path }));
    return null;
  }
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' || isLoopbackHost(parsed.hostname)) return url;
  warnings.add(problem('source.problem.orgFeed.plainHttp', { path, host: parsed.host }));
  return null;
}
