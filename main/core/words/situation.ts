/**
 * The situation in a few words, shared by the tray tooltip, notifications and the helpdesk
 * report so that they never describe the same state differently.
 */
import { standInTitleIn } from '../sources/stand-in-titles.js';
import type { CheckReport } from '../check.js';
import { healthLabel, severityRank, type Health, type KnownHealth } from '../health.js';
import type { SourceResult } from '../model.js';
import type { ServiceIncident, ServiceStatus } from '../sources/services.js';
import { cutText, displayLine, displayText } from './display-text.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import { MICROSOFT_INCIDENT_ID_PATTERN, providerName } from '../sources/provider-names.js';
import { sourceInLanguage } from '../sources/source-problem.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
import { verdictTitle } from './advice-words.js';

// The notifications read these here too; they live in provider-names.ts so the check can use them
// without importing the situation (which reads the check's report).
export { MICROSOFT_INCIDENT_ID_PATTERN, providerName } from '../sources/provider-names.js';

/**
 * "Microsoft incident EX1224375" for Microsoft-style ids; the incident's own title otherwise (as
 * the provider wrote it). The words around the id are the translator's (default English).
 */
export function incidentPhrase(
  incident: Pick<ServiceIncident, 'id' | 'title'>,
  source: Pick<SourceResult, 'type' | 'name'> | undefined,
  t: Translator = ENGLISH,
): string {
  if (MICROSOFT_INCIDENT_ID_PATTERN.test(incident.id)) return t.t('ui.situation.providerIncident', { provider: providerName(source), id: incident.id });
  return oneLine(standInTitleIn(incident.title, t), 80) || t.t('ui.situation.providerIncidentNoId', { provider: providerName(source) });
}

/** A health word for a sentence ("outage", "Ausfall"): the catalog's own lower-case form. */
function healthWord(health: Health, t: Translator): string {
  return t.t(`ui.situation.health.${health}`);
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
function servicePhrase(service: ServiceStatus, report: Pick<CheckReport, 'sources'>, t: Translator): string {
  const incident = leadIncident(service);
  if (incident) {
    if (incident.kind === 'maintenance') return t.t('ui.situation.plannedMaintenance');
    return incidentPhrase(incident, report.sources.find((s) => s.id === incident.sourceId), t);
  }
  if (service.health === 'maintenance') return t.t('ui.situation.plannedMaintenance');
  return t.language === 'en' ? healthLabel(service.health).toLowerCase() : healthWord(service.health, t);
}

/** Services with a problem, worst first. */
function problemServices(report: Pick<CheckReport, 'services'>): ServiceStatus[] {
  return report.services
    .filter((s) => isProblem(s.health))
    .sort((a, b) => severityRank(b.health as KnownHealth) - severityRank(a.health as KnownHealth));
}

/** "Outlook / Exchange, Microsoft Teams: Microsoft incident EX1224375; Zoom: outage". */
function describeProblems(services: readonly ServiceStatus[], report: CheckReport, t: Translator): string {
  const groups = new Map<string, string[]>();
  for (const service of services) {
    const phrase = servicePhrase(service, report, t);
    groups.set(phrase, [...(groups.get(phrase) ?? []), service.name]);
  }
  return [...groups].map(([phrase, names]) => `${names.join(', ')}: ${phrase}`).join('; ');
}

/** Why a source is unknown or partial, in a few words: its error, else its first warning; null when it has neither. */
function sourceReason(english: SourceResult, t: Translator): string | null {
  // The report is English; its error and warnings are said again from their words.
  const source = t.language === 'en' ? english : sourceInLanguage(english, t);
  if (source.error) return oneLine(source.error, 120);
  const warning = source.warnings[0];
  if (warning !== undefined) return oneLine(warning, 120);
  if (source.health === 'unknown' && source.stale) return t.t('ui.situation.tooOld');
  return null;
}

function withReason(source: SourceResult, t: Translator): string {
  const reason = sourceReason(source, t);
  return reason ? `${source.name} (${reason})` : source.name;
}

/** Why we cannot tell, in a few words, with each source's reason. */
function unknownReason(report: Pick<CheckReport, 'sources' | 'services'>, t: Translator): string {
  const sources = report.sources;
  if (report.services.length === 0) return t.t('ui.situation.noServices');
  if (sources.length === 0) return t.t('ui.situation.notChecked');
  if (sources.every((s) => s.error !== null)) {
    // The errors are the sources' own words (English from our fetchers), kept as they are.
    const errors = [...new Set(sources.map((s) => oneLine(s.error ?? '', 120)))].join('; ');
    return sources.length === 1
      ? t.t('ui.situation.cannotReachOne', { name: sources[0]?.name ?? '', errors })
      : t.t('ui.situation.cannotReachMany', { errors });
  }
  const unknown = sources.filter((s) => s.health === 'unknown');
  if (unknown.length > 0) return t.t('ui.situation.noCurrentData', { list: unknown.map((s) => withReason(s, t)).join(', ') });
  return t.t('ui.situation.signalsDisagree');
}

/** Sources read only in part (they carry warnings) although their health is known: "GitHub read only in part (…)". */
function partialNote(report: Pick<CheckReport, 'sources'>, t: Translator): string | null {
  const partial = report.sources.filter((s) => s.health !== 'unknown' && s.warnings.length > 0);
  if (partial.length === 0) return null;
  return t.t('ui.situation.readInPart', { list: partial.map((s) => withReason(s, t)).join(', ') });
}

/** The verdict's headline in the translator's language (the report carries it in English). */
function headline(report: CheckReport, t: Translator): string {
  const { verdict } = report;
  return t.language === 'en' ? verdict.title : verdictTitle(verdict.kind, verdict.words ?? {}, t);
}

/**
 * The situation in one line, without the data's age: a local problem names itself ("Your Wi-Fi
 * needs a sign-in"), a provider problem names the services and the incident, all good says so,
 * and anything we cannot vouch for says "Status unknown" and why.
 */
export function describeSituation(report: CheckReport, t: Translator = ENGLISH): string {
  const verdict = report.verdict;
  if (isLocalProblem(verdict.kind)) return headline(report, t);
  const problems = problemServices(report);
  if (problems.length > 0) return describeProblems(problems, report, t);
  if (verdict.kind === 'provider-unconfirmed') {
    const names = verdict.serviceIds.map((id) => report.services.find((s) => s.id === id)?.name ?? id);
    return names.length > 0 ? t.t('ui.situation.unconfirmed', { names: names.join(', ') }) : headline(report, t);
  }
  if (verdict.kind === 'slow-network' || verdict.kind === 'provider-incident') return headline(report, t);
  if (report.tray === 'ok') {
    const partial = partialNote(report, t);
    return partial ? t.t('ui.situation.allWorkingPartial', { partial }) : t.t('ui.situation.allWorking');
  }
  return t.t('ui.situation.unknown', { reason: unknownReason(report, t) });
}
