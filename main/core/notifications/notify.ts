/**
 * When to tell the person something through the OS, as a pure function of the last decision's
 * memory and the newest report. Three things are worth an interruption:
 *
 * 1. A watched service got worse: its health rank rose (operational < maintenance < degraded <
 *    outage) and either an open incident the provider posted for the service backs the new level
 *    (proof in itself: notified on the first poll that shows it), or the new level was seen in two
 *    consecutive polls of its sources (a component color alone may be a glitch). `unknown` is no
 *    evidence either way: it neither confirms nor breaks a streak, so a source flapping between a
 *    level and unknown never notifies. A level change of any direction needs two agreeing polls,
 *    so a one-poll glitch to operational does not re-arm a second "worse" for the same outage.
 *    A service never seen before starts from operational: starting the app during an outage
 *    notifies once, which is what someone opening their laptop wants to know.
 * 2. An incident we told the person about is resolved: it left the source's open incidents (for
 *    two consecutive polls of that source) or its status became resolved/completed/postmortem.
 * 3. The shown verdict (already debounced by the hysteresis) turned into a local problem:
 *    one notification per transition.
 *
 * At most one notification per incident update: a "worse" is keyed on source, incident and the
 * newest update's id (or updatedAt), and the same key is never sent twice.
 *
 * While muted, in quiet hours, with notifications off or the category off, nothing is sent but
 * the memory still advances: the levels move on, and an incident we stayed quiet about is not
 * "told", so neither a backlog nor its resolution bursts out when the quiet ends (the tray still
 * shows the state). A resolution that falls in a quiet time is dropped.
 *
 * "Poll" means a new `checkedAt` on the service's sources, so calling this twice with the same
 * data (e.g. after a settings change) never counts as two agreeing polls.
 */
import type { CheckReport } from '../check.js';
import type { VerdictKind } from '../verdict/connectivity-model.js';
import type { Route, Settings } from '../contract.js';
import { severityRank, type KnownHealth } from '../health.js';
import type { IncidentStatus, SourceResult } from '../model.js';
import type { ServiceIncident, ServiceStatus } from '../sources/services.js';
import { inQuietHours } from '../settings/settings.js';
import { cut, incidentPhrase, leadIncident, MICROSOFT_INCIDENT_ID_PATTERN, oneLine, providerName } from '../words/situation.js';
import { standInTitleIn } from '../sources/stand-in-titles.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import { ENGLISH, translatorFor, type Translator } from '../i18n/translate.js';
import { languageSetting } from '../i18n/languages.js';
import { verdictAdvice, verdictTitle } from '../words/advice-words.js';

export interface NotificationSpec {
  /** Dedupe key: `worse/<source>/<incident>/<update>`, `worse/service/<id>/<level>`, `resolved/<source>/<incident>` or `local/<verdict kind>`. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  /** Where a click on the notification takes the window. */
  readonly route: Route;
  readonly urgency: 'normal' | 'critical';
}

/** One watched service's confirmed level and the level waiting for a second poll. */
export interface ServiceTrack {
  readonly id: string;
  readonly level: KnownHealth;
  readonly candidate: KnownHealth | null;
  /** The sources' `checkedAt` values last seen, so one poll counts once. */
  readonly stamp: string;
}

/** An incident the person was notified about, watched for its resolution. */
export interface ToldIncident {
  /** `<sourceId>/<incidentId>` */
  readonly key: string;
  readonly sourceId: string;
  readonly incidentId: string;
  readonly title: string;
  readonly serviceId: string;
  readonly serviceName: string;
  /** The update we notified about (newest update id, or updatedAt). */
  readonly update: string;
  /** The source's `checkedAt` of the first poll that no longer listed it as open, or null. */
  readonly goneAt: string | null;
}

/** Everything the decisions remember between reports. Plain data; bounded by the watched services and open incidents. */
export interface NotifyMemory {
  readonly services: readonly ServiceTrack[];
  readonly told: readonly ToldIncident[];
  /** The shown verdict kind of the previous report. */
  readonly verdictKind: VerdictKind | null;
}

export const INITIAL_NOTIFY_MEMORY: NotifyMemory = { services: [], told: [], verdictKind: null };

/** Told incidents are few; this cap only guards against a source inventing incidents forever. */
export const MAX_TOLD_INCIDENTS = 100;

const CLOSED_STATUSES: ReadonlySet<IncidentStatus> = new Set(['resolved', 'postmortem', 'completed']);

export interface NotifyInput {
  /** The report as shown (its verdict is the hysteresis-shown one). */
  readonly report: CheckReport;
  /** ISO time notifications are muted until, or null. */
  readonly mutedUntil: string | null;
}

export interface NotifyDecision {
  readonly notifications: NotificationSpec[];
  readonly memory: NotifyMemory;
}

/**
 * Whether a decision waits for the next poll to agree: a level seen once, or a told incident
 * missing from one poll. The engine then evaluates even a poll that brought nothing new (a 304),
 * because that poll is the agreeing one.
 */
export function notifyAwaitsPoll(memory: NotifyMemory): boolean {
  return memory.services.some((s) => s.candidate !== null) || memory.told.some((t) => t.goneAt !== null);
}

/** Why nothing may be shown right now, or null when notifications may be shown. */
export function notificationsBlocked(settings: Settings, mutedUntil: string | null, now: number): string | null {
  if (!settings.notifications.enabled) return 'notifications are turned off';
  if (mutedUntil !== null && Date.parse(mutedUntil) > now) return 'muted';
  if (inQuietHours(settings, new Date(now))) return 'quiet hours';
  return null;
}

function serviceStamp(service: ServiceStatus, sources: ReadonlyMap<string, SourceResult>): string {
  return service.sourceIds.map((id) => sources.get(id)?.checkedAt ?? '-').join('|');
}

function updateStamp(incident: ServiceIncident, source: SourceResult | undefined): string {
  const full = source?.incidents.find((i) => i.id === incident.id);
  return full?.updates[0]?.id ?? full?.updatedAt ?? incident.updatedAt ?? full?.startedAt ?? '';
}

/**
 * The words of the notifications: `settings.language` as main resolved it for the person (the
 * setting, the policy or the OS's languages); `auto` (nobody resolved it) reads English.
 */
export function notificationTranslator(settings: Pick<Settings, 'language'>): Translator {
  const setting = languageSetting(settings.language);
  return setting === 'auto' ? ENGLISH : translatorFor(setting);
}

function names(list: readonly string[], t: Translator): string {
  if (list.length <= 1) return list[0] ?? '';
  return t.t('notify.list.and', { first: list.slice(0, -1).join(', '), last: list[list.length - 1] ?? '' });
}

function worseTitle(serviceNames: readonly string[], level: KnownHealth, t: Translator): string {
  const who = names(serviceNames, t);
  const count = serviceNames.length;
  switch (level) {
    case 'outage':
      return cut(t.t('notify.worse.outage', { who, count }), 120);
    case 'degraded':
      return cut(t.t('notify.worse.degraded', { who, count }), 120);
    default:
      return cut(t.t('notify.worse.maintenance', { who }), 120);
  }
}

/**
 * " Now: <the first thing to do>", from the advice for this service (or for everyone); "" when
 * none. The report's advice is English: another language leaves the step to the window.
 */
function firstStep(report: CheckReport, serviceId: string, t: Translator): string {
  if (t.language !== 'en') return '';
  const item = report.advice?.find((a) => a.service === serviceId || a.service === null);
  return item ? ` ${t.t('notify.now', { step: oneLine(item.title, 80) })}` : '';
}

function helpdeskKnows(report: CheckReport, incidentId: string): boolean {
  return report.messages.some((m) => m.incidentId === incidentId);
}

/**
 * Whether an open incident posted for the service proves the worse `level` without a second poll:
 * for degraded or outage an open incident (not a maintenance), for maintenance any open one.
 */
export function postedIncidentProves(service: Pick<ServiceStatus, 'incidents'>, level: KnownHealth): boolean {
  if (level === 'operational') return false;
  return service.incidents.some((i) => !CLOSED_STATUSES.has(i.status) && (level === 'maintenance' || i.kind !== 'maintenance'));
}

interface Worsened {
  readonly service: ServiceStatus;
  readonly level: KnownHealth;
}

/**
 * Decides which notifications to show for this report and returns the memory for the next call.
 * `now` is the wall clock (ms), used for mute and quiet hours.
 */
export function decideNotifications(memory: NotifyMemory, input: NotifyInput, settings: Settings, now: number): NotifyDecision {
  const { report } = input;
  const t = notificationTranslator(settings);
  const blocked = notificationsBlocked(settings, input.mutedUntil, now);
  const allow = (category: 'onWorse' | 'onResolved' | 'onLocal'): boolean => blocked === null && settings.notifications[category];
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const notifications: NotificationSpec[] = [];
  const told = new Map(memory.told.map((t) => [t.key, t]));

  // 1. Levels, two agreeing polls per change.
  const previous = new Map(memory.services.map((s) => [s.id, s]));
  const services: ServiceTrack[] = [];
  const worsened: Worsened[] = [];
  for (const service of report.services) {
    const prev = previous.get(service.id) ?? { id: service.id, level: 'operational', candidate: null, stamp: '' };
    const stamp = serviceStamp(service, sources);
    const health = service.health;
    if (stamp === prev.stamp || health === 'unknown') {
      services.push({ ...prev, stamp });
    } else if (health === prev.level) {
      services.push({ ...prev, candidate: null, stamp });
    } else if (prev.candidate === health || (severityRank(health) > severityRank(prev.level) && postedIncidentProves(service, health))) {
      services.push({ id: service.id, level: health, candidate: null, stamp });
      if (severityRank(health) > severityRank(prev.level)) worsened.push({ service, level: health });
    } else {
      services.push({ ...prev, candidate: health, stamp });
    }
  }

  // 2. "Worse", one notification per incident update, services hit by the same incident together.
  const groups = new Map<string, { incident: ServiceIncident | null; level: KnownHealth; services: ServiceStatus[] }>();
  for (const { service, level } of worsened) {
    const incident = leadIncident(service);
    const key = incident ? `${incident.sourceId}/${incident.id}` : `service/${service.id}/${level}`;
    const group = groups.get(key);
    if (group) group.services.push(service);
    else groups.set(key, { incident, level, services: [service] });
  }
  for (const [key, group] of groups) {
    const first = group.services[0] as ServiceStatus;
    const serviceNames = group.services.map((s) => s.name);
    const urgency = group.level === 'outage' ? 'critical' : 'normal';
    if (group.incident === null) {
      if (!allow('onWorse')) continue;
      const reporters = [...new Set(first.sourceIds.map((id) => sources.get(id)).filter((s): s is SourceResult => s !== undefined).map((s) => s.name))];
      notifications.push({
        key: `worse/${key}`,
        title: worseTitle(serviceNames, group.level, t),
        body: cut(t.t('notify.reportedByPages', { who: names(reporters, t) || t.t('notify.itsStatusPage') }), 240),
        route: { view: 'service', serviceId: first.id },
        urgency,
      });
      continue;
    }
    const incident = group.incident;
    const source = sources.get(incident.sourceId);
    const update = updateStamp(incident, source);
    if (told.get(key)?.update === update) continue;
    if (!allow('onWorse')) continue;
    // The incident's title is the provider's own words, quoted as written (our stand-in for none is said in the person's language).
    const title = standInTitleIn(incident.title, t);
    const phrase = MICROSOFT_INCIDENT_ID_PATTERN.test(incident.id)
      ? t.t('notify.resolved.incident', { phrase: incidentPhrase(incident, source, t), title: oneLine(title, 160) })
      : oneLine(title, 200);
    const knows = helpdeskKnows(report, incident.id) ? t.t('notify.itKnows') : t.t('notify.reportedBy', { provider: providerName(source) });
    notifications.push({
      key: `worse/${key}/${update}`,
      title: worseTitle(serviceNames, group.level, t),
      body: cut(`${t.t('notify.phrase', { phrase })} ${knows}${firstStep(report, first.id, t)}`, 240),
      route: { view: 'incident', sourceId: incident.sourceId, incidentId: incident.id },
      urgency,
    });
    told.set(key, {
      key,
      sourceId: incident.sourceId,
      incidentId: incident.id,
      title: oneLine(incident.title, 200),
      serviceId: first.id,
      serviceName: first.name,
      update,
      goneAt: null,
    });
  }

  // 3. Resolutions of incidents we told the person about.
  for (const [key, entry] of told) {
    const source = sources.get(entry.sourceId);
    if (!source) {
      // No longer watched: nobody to tell, nothing to remember.
      told.delete(key);
      continue;
    }
    const incident = source.incidents.find((i) => i.id === entry.incidentId);
    const closed = incident !== undefined && CLOSED_STATUSES.has(incident.status);
    if (incident !== undefined && !closed) {
      if (entry.goneAt !== null) told.set(key, { ...entry, goneAt: null });
      continue;
    }
    // A status that says "resolved" is definite; an incident merely missing from one poll may be a glitch.
    if (!closed && (entry.goneAt === null || entry.goneAt === source.checkedAt)) {
      told.set(key, { ...entry, goneAt: entry.goneAt ?? source.checkedAt });
      continue;
    }
    told.delete(key);
    if (!allow('onResolved')) continue;
    notifications.push({
      key: `resolved/${key}`,
      title: cut(t.t('notify.resolved.title', { service: entry.serviceName }), 120),
      body: cut(
        t.t('notify.resolved.body', {
          incident: MICROSOFT_INCIDENT_ID_PATTERN.test(entry.incidentId)
            ? t.t('notify.resolved.incident', { phrase: incidentPhrase({ id: entry.incidentId, title: entry.title }, source, t), title: standInTitleIn(entry.title, t) })
            : standInTitleIn(entry.title, t),
        }),
        240,
      ),
      route: { view: 'service', serviceId: entry.serviceId },
      urgency: 'normal',
    });
  }

  // 4. The verdict turned into a local problem.
  const verdict = report.verdict;
  if (isLocalProblem(verdict.kind) && verdict.kind !== memory.verdictKind && allow('onLocal')) {
    notifications.push({
      key: `local/${verdict.kind}`,
      title: cut(t.language === 'en' ? verdict.title : verdictTitle(verdict.kind, verdict.words ?? {}, t), 120),
      // The first advice item is what to do now; older cached reports have only the verdict's words.
      // The report's advice is English: another language says the verdict's own advice.
      body: cut(
        oneLine(t.language === 'en' ? (report.advice?.[0]?.text ?? verdict.advice) : verdictAdvice(verdict.kind, verdict.words ?? {}, t), 400),
        240,
      ),
      route: { view: 'diagnostics' },
      urgency: 'normal',
    });
  }

  const keptTold = [...told.values()].slice(-MAX_TOLD_INCIDENTS);
  return { notifications, memory: { services, told: keptTold, verdictKind: verdict.kind } };
}
