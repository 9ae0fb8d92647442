/**
 * The situation in a few words, shared by the tray tooltip, notifications and the helpdesk
 * report so that they never describe the same state differently.
 */
import type { CheckReport } from './check.js';
import { healthLabel, severityRank, type Health, type KnownHealth } from './health.js';
import type { SourceResult } from './model.js';
import type { ServiceIncident, ServiceStatus } from './services.js';
import { isLocalProblem } from './tray-state.js';

/** Microsoft's incident ids look like EX1224375 or MO845321: worth naming, unlike Statuspage's random ids. */
export const MICROSOFT_INCIDENT_ID_PATTERN = /^[A-Z]{2,4}\d{3,}$/;

/** Who posts on a source: "Microsoft" for Microsoft and tenant sources, else the page's name. */
export function providerName(source: Pick<SourceResult, 'type' | 'name'> | undefined): string {
  if (!source) return 'the provider';
  return source.type === 'microsoft-public' || source.type === 'org-feed' ? 'Microsoft' : source.name;
}

/** "Microsoft incident EX1224375" for Microsoft-style ids; the incident's own title otherwise. */
export function incidentPhrase(incident: Pick<ServiceIncident, 'id' | 'title'>, source: Pick<SourceResult, 'type' | 'name'> | undefined): string {
  if (MICROSOFT_INCIDENT_ID_PATTERN.test(incident.id)) return `${providerName(source)} incident ${incident.id}`;
  return oneLine(incident.title, 80) || `${providerName(source)} incident`;
}

/** Text from a source on one line, without control characters, cut at `max` with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cut(flat, max);
}

/** Cuts at a word boundary when one is near, never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let end = max - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > max * 0.6) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).replace(/[\s,;:·-]+$/, '')}…`;
}

function isProblem(health: Health): health is KnownHealth {
  return health === 'outage' || health === 'degraded' || health === 'maintenance';
}

/** The incident that best explains a service's state: the worst open incident, maintenances last. */
export function leadIncident(service: ServiceStatus): ServiceIncident | null {
  let best: ServiceIncident | null = null;
  const score = (i: ServiceIncident): number => (i.kind === 'maintenance' ? 0 : 10) + (i.health === 'unknown' ? 0 : severityRank(i.health));
  for (const incident of service.incidents) if (best === null || score(incident) > score(best)) best = incident;
  return best;
}

/** What is wrong with one service in a few words: "Microsoft incident EX1224375", "planned maintenance". */
export function servicePhrase(service: ServiceStatus, report: Pick<CheckReport, 'sources'>): string {
  const incident = leadIncident(service);
  if (incident) {
    if (incident.kind === 'maintenance') return 'planned maintenance';
    return incidentPhrase(incident, report.sources.find((s) => s.id === incident.sourceId));
  }
  if (service.health === 'maintenance') return 'planned maintenance';
  return healthLabel(service.health).toLowerCase();
}

/** Services with a problem, worst first. */
export function problemServices(report: Pick<CheckReport, 'services'>): ServiceStatus[] {
  return report.services
    .filter((s) => isProblem(s.health))
    .sort((a, b) => severityRank(b.health as KnownHealth) - severityRank(a.health as KnownHealth));
}

/** "Outlook / Exchange, Microsoft Teams: Microsoft incident EX1224375; Zoom: outage". */
function describeProblems(services: readonly ServiceStatus[], report: CheckReport): string {
  const groups = new Map<string, string[]>();
  for (const service of services) {
    const phrase = servicePhrase(service, report);
    groups.set(phrase, [...(groups.get(phrase) ?? []), service.name]);
  }
  return [...groups].map(([phrase, names]) => `${names.join(', ')}: ${phrase}`).join('; ');
}

/** Why we cannot tell, in a few words. */
export function unknownReason(report: Pick<CheckReport, 'sources' | 'services'>): string {
  const sources = report.sources;
  if (report.services.length === 0) return 'no services are watched';
  if (sources.length === 0) return 'not checked yet';
  if (sources.every((s) => s.error !== null)) return sources.length === 1 ? `cannot reach the ${sources[0]?.name} status page` : 'cannot reach status pages';
  const unknown = sources.filter((s) => s.health === 'unknown');
  if (unknown.length > 0) return `no current data from ${unknown.map((s) => s.name).join(', ')}`;
  return 'the signals do not agree';
}

/**
 * The situation in one line, without the data's age: a local problem names itself ("Your Wi-Fi
 * needs a sign-in"), a provider problem names the services and the incident, all good says so,
 * and anything we cannot vouch for says "Status unknown" and why.
 */
export function describeSituation(report: CheckReport): string {
  const verdict = report.verdict;
  if (isLocalProblem(verdict.kind)) return verdict.title;
  const problems = problemServices(report);
  if (problems.length > 0) return describeProblems(problems, report);
  if (verdict.kind === 'provider-unconfirmed') {
    const names = verdict.serviceIds.map((id) => report.services.find((s) => s.id === id)?.name ?? id);
    return names.length > 0 ? `${names.join(', ')}: failing on the provider's side, not posted yet` : verdict.title;
  }
  if (verdict.kind === 'slow-network' || verdict.kind === 'provider-incident') return verdict.title;
  if (report.tray === 'ok') return 'All watched services are working';
  return `Status unknown: ${unknownReason(report)}`;
}

/** "just now", "2 min ago", "3 h ago", "2 days ago". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return 'just now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** Local wall-clock time as HH:MM (24 h), independent of the OS locale. */
export function formatClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Local date as YYYY-MM-DD. */
export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
