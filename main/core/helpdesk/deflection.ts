/**
 * Deflection: "This is a known problem (EX1224375). IT is aware; you do not need to open a
 * ticket." Which open incidents stop a ticket before it is written, for which service.
 *
 * The rules, one per line of the table in test/unit/core/deflection.test.ts:
 * - An incident deflects the services it is filed under in the check report (`ServiceStatus`
 *   already reads each source through the service's filter, so an Exchange incident never
 *   deflects Teams). Every source type counts: the org feed, Microsoft's public status and
 *   Statuspage pages; a provider that has posted the incident is working on it, and a ticket
 *   cannot speed that up.
 * - Only open work deflects. A status that says the work is over (resolved, postmortem, completed)
 *   never does: then the restart advice takes over. Scheduled maintenance that has not started
 *   does not either (it lives in `upcoming`, not under the service).
 * - Maintenance in progress deflects, with its own sentence: the outage is planned, and the
 *   helpdesk cannot end it sooner.
 * - Data that cannot vouch for the present never deflects: a source whose result is stale or
 *   marked last known (an expired org feed). Sending someone away on old news is worse than a
 *   duplicate ticket.
 * - A helpdesk message of the org feed whose `incidentId` names the incident replaces the
 *   sentence with its own text and time (unless it has expired by `now`): IT said it in its own
 *   words.
 * Pure: no I/O.
 */
import type { CheckReport } from '../check.js';
import type { HelpdeskMessage, Incident, IncidentStatus, SourceResult, SourceType } from '../model.js';
import type { ServiceIncident, ServiceStatus } from '../sources/services.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';

/** Statuses that mean the work is over: such an incident never deflects. */
export const CLOSED_STATUSES: readonly IncidentStatus[] = ['resolved', 'postmortem', 'completed'];

/** Why the person does not need a ticket, for one service. */
export interface Deflection {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly sourceId: string;
  readonly sourceType: SourceType;
  readonly incidentId: string;
  readonly incidentTitle: string;
  readonly incidentKind: Incident['kind'];
  /** What the window says: the helpdesk's own message, or the app's sentence. */
  readonly text: string;
  /** `helpdesk`: `text` is a helpdesk message of the org feed; `app`: the app's sentence. */
  readonly from: 'helpdesk' | 'app';
  readonly messageId: string | null;
  /** When the helpdesk posted its message (ISO); null for the app's sentence or an undated message. */
  readonly postedAt: string | null;
}

/** The app's sentence for an incident nobody from IT has commented on, in the translator's language. */
export function deflectionSentence(incidentId: string, kind: Incident['kind'], t: Translator = ENGLISH): string {
  return t.t(kind === 'maintenance' ? 'main.deflection.maintenance' : 'main.deflection.known', { id: incidentId });
}

function isOpen(incident: ServiceIncident): boolean {
  return !CLOSED_STATUSES.includes(incident.status) && incident.status !== 'scheduled';
}

/** Whether a source's data speaks for the present (not stale, not last known). */
function isCurrent(source: SourceResult | undefined): source is SourceResult {
  return source !== undefined && !source.stale && !source.lastKnown;
}

/** The newest unexpired helpdesk message that acknowledges this incident, or null. */
export function acknowledgingMessage(messages: readonly HelpdeskMessage[], incidentId: string, now: number): HelpdeskMessage | null {
  const time = (iso: string | null): number => {
    const at = iso === null ? Number.NaN : Date.parse(iso);
    return Number.isFinite(at) ? at : Number.NEGATIVE_INFINITY;
  };
  const live = messages.filter((m) => m.incidentId === incidentId && m.text.trim() !== '' && !(time(m.expiresAt) !== Number.NEGATIVE_INFINITY && time(m.expiresAt) <= now));
  live.sort((a, b) => time(b.postedAt) - time(a.postedAt));
  return live[0] ?? null;
}

const KIND_ORDER: Readonly<Record<Incident['kind'], number>> = { incident: 0, advisory: 1, maintenance: 2 };

/**
 * Every deflection for one service, most telling first: one the helpdesk acknowledged, then one
 * from the org feed (IT's own word), then incidents before advisories before maintenance.
 * Empty when the service is not in the report or nothing open and current is filed under it.
 */
export function deflectionsFor(report: CheckReport, serviceId: string, now: number, t: Translator = ENGLISH): Deflection[] {
  const service = report.services.find((s) => s.id === serviceId);
  if (service === undefined) return [];
  return deflectionsOfService(report, service, now, t);
}

function deflectionsOfService(report: CheckReport, service: ServiceStatus, now: number, t: Translator): Deflection[] {
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const found: Deflection[] = [];
  for (const incident of service.incidents) {
    const source = sources.get(incident.sourceId);
    if (!isOpen(incident) || !isCurrent(source) || seen.has(incident.id)) continue;
    seen.add(incident.id);
    const message = acknowledgingMessage(report.messages, incident.id, now);
    found.push({
      serviceId: service.id,
      serviceName: service.name,
      sourceId: source.id,
      sourceType: source.type,
      incidentId: incident.id,
      incidentTitle: incident.title,
      incidentKind: incident.kind,
      text: message ? message.text.trim() : deflectionSentence(incident.id, incident.kind, t),
      from: message ? 'helpdesk' : 'app',
      messageId: message?.id ?? null,
      postedAt: message?.postedAt ?? null,
    });
  }
  const rank = (d: Deflection): number => (d.from === 'helpdesk' ? 0 : d.sourceType === 'org-feed' ? 1 : 2) * 10 + KIND_ORDER[d.incidentKind];
  // Stable: equal ranks keep the report's order.
  return found.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map(({ d }) => d);
}

/** The banner of every watched service that has one, in the report's service order. */
export function allDeflections(report: CheckReport | null, now: number, t: Translator = ENGLISH): Deflection[] {
  if (report === null) return [];
  return report.services.map((s) => deflectionsOfService(report, s, now, t)[0]).filter((d): d is Deflection => d !== undefined);
}
