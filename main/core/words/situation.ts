/**
 * The situation in a few words, shared by the tray tooltip, notifications and the helpdesk
 * report so that they never describe the same state differently.
 */
import type { CheckReport } from '../check.js';
import { healthLabel, severityRank, type Health, type KnownHealth } from '../health.js';
import type { SourceResult } from '../model.js';
import type { ServiceIncident, ServiceStatus } from '../sources/services.js';
import { cutText, displayLine, displayText } from './display-text.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import { MICROSOFT_INCIDENT_ID_PATTERN, providerName } from '../sources/provider-names.js';

// The notifications read these here too; they live in provider-names.ts so the check can use them
// without importing the situation (which reads the check's report).
export { MICROSOFT_INCIDENT_ID_PATTERN, providerName } from '../sources/provider-names.js';

/** "Microsoft incident EX1224375" for Microsoft-style ids; the incident's own title otherwise. */
export function incidentPhrase(incident: Pick<ServiceIncident, 'id' | 'title'>, source: Pick<SourceResult, 'type' | 'name'> | undefined): string {
  if (MICROSOFT_INCIDENT_ID_PATTERN.test(incident.id)) return `${providerName(source)} incident ${incident.id}`;
  return oneLine(incident.title, 80) || `${providerName(source)} incident`;
}

/** Text from a source on one line, through the display boundary, cut at `max` with an ellipsis. */
export function oneLine(text: string, max: number): string {
  return displayLine(text, max);
}

/**
 * Display text cut at `max`: sanitised (no control or bidi characters survive, line breaks kept),
 * then cut at a word boundary when one is near, never inside a surrogate pair. Everything the
 * tray and the notifications show goes through here or `oneLine`.
 */
export function cut(text: string, max: number): string {
  return cutText(displayText(text), max);
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
function servicePhrase(service: ServiceStatus, report: Pick<CheckReport, 'sources'>): string {
  const incident = leadIncident(service);
  if (incident) {
    if (incident.kind === 'maintenance') return 'planned maintenance';
    return incidentPhrase(incident, report.sources.find((s) => s.id === incident.sourceId));
  }
  if (service.health === 'maintenance') return 'planned maintenance';
  return healthLabel(service.health).toLowerCase();
}

/** Services with a problem, worst first. */
function problemServices(report: Pick<CheckReport, 'services'>): ServiceStatus[] {
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

/** Why a source is unknown or partial, in a few words: its error, else its first warning; null when it has neither. */
function sourceReason(source: Pick<SourceResult, 'error' | 'warnings' | 'stale' | 'health'>): string | null {
  if (source.error) return oneLine(source.error, 120);
  const warning = source.warnings[0];
  if (warning !== undefined) return oneLine(warning, 120);
  if (source.health === 'unknown' && source.stale) return 'its last data is too old';
  return null;
}

function withReason(source: SourceResult): string {
  const reason = sourceReason(source);
  return reason ? `${source.name} (${reason})` : source.name;
}

/** Why we cannot tell, in a few words, with each source's reason. */
function unknownReason(report: Pick<CheckReport, 'sources' | 'services'>): string {
  const sources = report.sources;
  if (report.services.length === 0) return 'no services are watched';
  if (sources.length === 0) return 'not checked yet';
  if (sources.every((s) => s.error !== null)) {
    const errors = [...new Set(sources.map((s) => oneLine(s.error ?? '', 120)))];
    const because = ` (${errors.join('; ')})`;
    return sources.length === 1 ? `cannot reach the ${sources[0]?.name} status page${because}` : `cannot reach status pages${because}`;
  }
  const unknown = sources.filter((s) => s.health === 'unknown');
  if (unknown.length > 0) return `no current data from ${unknown.map(withReason).join(', ')}`;
  return 'the signals do not agree';
}

/** Sources read only in part (they carry warnings) although their health is known: "GitHub read only in part (…)". */
function partialNote(report: Pick<CheckReport, 'sources'>): string | null {
  const partial = report.sources.filter((s) => s.health !== 'unknown' && s.warnings.length > 0);
  if (partial.length === 0) return null;
  return `${partial.map(withReason).join(', ')} read only in part`;
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
  if (report.tray === 'ok') {
    const partial = partialNote(report);
    return partial ? `All watched services are working; ${partial}` : 'All watched services are working';
  }
  return `Status unknown: ${unknownReason(report)}`;
}
