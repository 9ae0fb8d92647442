/**
 * Helpdesk messages from the org feed: which are in force, and which to notify.
 *
 * A message is in force until its `expiresAt` (checked against the caller's clock, not only at
 * parse time: a feed answered with 304 keeps the snapshot it was parsed into). `warning` and
 * `critical` messages are notified once per message and update; `info` ones never are.
 *
 * "Update" is the stable key `<severity>|<postedAt or ->|<digest of the text>`: the helpdesk
 * changing a message's words, its time or its severity is news; a changed `expiresAt`, `url` or
 * `incidentId` is not (extending a message's life must not re-announce it). The seen set holds
 * one entry per source and message id (the newest update seen), so it stays small.
 *
 * Mute, quiet hours and notifications turned off are respected like every other notification:
 * nothing is sent, yet the message counts as seen, so no backlog bursts out when the quiet time
 * ends (the window's banner still shows it). The one exception: with
 * `helpdesk.criticalPiercesQuietHours`, a `critical` message is notified during quiet hours; it
 * never pierces a mute or notifications turned off.
 *
 * The seen set forgets a message once its feed answered without it (removed or expired), and
 * only then: a feed that is unreachable, failing or stale says nothing about its messages, so
 * forgetting them would make every one of them notify again when the feed comes back.
 */
import type { CheckReport } from '../check.js';
import type { Route, Settings } from '../contract.js';
import type { HelpdeskMessage, SourceResult } from '../model.js';
import { cut, oneLine } from '../words/situation.js';
import { notificationsBlocked, notificationTranslator, type NotificationSpec } from './notify.js';
import type { Translator } from '../i18n/translate.js';

/** A message the person was told about (or deliberately not told about: muted, quiet, off). */
export interface SeenMessage {
  readonly sourceId: string;
  readonly id: string;
  /** `messageUpdateKey` of the version seen. */
  readonly update: string;
}

/** Messages are few (a feed carries at most 100); the cap guards against a feed inventing ids forever. */
export const MAX_SEEN_MESSAGES = 200;

/** Whether the message is shown at `now` (ms): it has not reached its `expiresAt`. */
export function messageInForce(message: Pick<HelpdeskMessage, 'expiresAt'>, now: number): boolean {
  if (message.expiresAt === null) return true;
  const end = Date.parse(message.expiresAt);
  // An unreadable time is no reason to hide what the helpdesk said (the parser refuses such feeds anyway).
  return !Number.isFinite(end) || end > now;
}

/** The messages still in force at `now`, in the order given. */
export function messagesInForce<T extends Pick<HelpdeskMessage, 'expiresAt'>>(messages: readonly T[], now: number): T[] {
  return messages.filter((m) => messageInForce(m, now));
}

/** FNV-1a (32 bit) of the text: a short, stable fingerprint (not a security measure). */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The update key of a message: severity, postedAt and a digest of its text. */
export function messageUpdateKey(message: Pick<HelpdeskMessage, 'severity' | 'postedAt' | 'text'>): string {
  return `${message.severity}|${message.postedAt ?? '-'}|${digest(message.text)}`;
}

export interface MessageNotifyInput {
  readonly report: CheckReport;
  /** ISO time notifications are muted until, or null. */
  readonly mutedUntil: string | null;
  /** The setting `helpdesk.criticalPiercesQuietHours`. */
  readonly criticalPiercesQuietHours: boolean;
}

export interface MessageNotifyDecision {
  readonly notifications: NotificationSpec[];
  readonly seen: SeenMessage[];
}

/** A feed's word on its messages counts only when it answered, fresh and current. */
function answeredCurrently(source: SourceResult): boolean {
  return source.error === null && !source.stale && (source.lastKnown ?? null) === null;
}

/** The service whose window shows this message, when exactly one does; else the overview. */
function routeOf(report: CheckReport, message: HelpdeskMessage): Route {
  const services = report.services.filter((s) => s.messages.some((m) => m.id === message.id));
  const only = services.length === 1 ? services[0] : undefined;
  return only ? { view: 'service', serviceId: only.id } : { view: 'overview' };
}

function spec(report: CheckReport, source: SourceResult, message: HelpdeskMessage, update: string, t: Translator): NotificationSpec {
  return {
    key: `message/${source.id}/${message.id}/${update}`,
    // The source's name may be a merged one ("Microsoft 365 (your organization)"): the helpdesk is who speaks.
    // The message's text is the helpdesk's own words, shown as written.
    title: t.t(message.severity === 'critical' ? 'notify.helpdesk.urgentTitle' : 'notify.helpdesk.title'),
    body: cut(oneLine(message.text, 400), 240),
    route: routeOf(report, message),
    urgency: message.severity === 'critical' ? 'critical' : 'normal',
  };
}

/**
 * Which helpdesk messages to notify for this report, and the seen set for the next call.
 * `now` is the wall clock (ms), for expiry, mute and quiet hours.
 */
export function decideMessageNotifications(seen: readonly SeenMessage[], input: MessageNotifyInput, settings: Settings, now: number): MessageNotifyDecision {
  const { report } = input;
  const t = notificationTranslator(settings);
  const blocked = notificationsBlocked(settings, input.mutedUntil, now);
  // `notificationsBlocked` names "quiet hours" only when notifications are on and not muted.
  const allowed = (message: HelpdeskMessage): boolean => blocked === null || (blocked === 'quiet hours' && message.severity === 'critical' && input.criticalPiercesQuietHours);
  const keyOf = (sourceId: string, id: string): string => JSON.stringify([sourceId, id]);
  const memory = new Map(seen.map((entry) => [keyOf(entry.sourceId, entry.id), entry]));
  const notifications: NotificationSpec[] = [];

  for (const source of report.sources) {
    if (!answeredCurrently(source)) continue;
    const current = messagesInForce(source.messages, now);
    const present = new Set(current.map((m) => keyOf(source.id, m.id)));
    // Gone from a feed that answered: forget it, so a message that comes back is news again.
    for (const key of [...memory.keys()]) if (memory.get(key)?.sourceId === source.id && !present.has(key)) memory.delete(key);
    for (const message of current) {
      if (message.severity === 'info') continue;
      const key = keyOf(source.id, message.id);
      const update = messageUpdateKey(message);
      if (memory.get(key)?.update === update) continue;
      memory.delete(key);
      memory.set(key, { sourceId: source.id, id: message.id, update });
      if (allowed(message)) notifications.push(spec(report, source, message, update, t));
    }
  }
  // Worst first, so the one a platform shows on top is the critical one.
  notifications.sort((a, b) => (a.urgency === b.urgency ? 0 : a.urgency === 'critical' ? -1 : 1));
  return { notifications, seen: [...memory.values()].slice(-MAX_SEEN_MESSAGES) };
}
