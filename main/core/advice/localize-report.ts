/**
 * A check's report in a person's language: the verdict's headline and the advice list said again
 * through a translator, from the same evidence. The report itself stays English (JSON output,
 * logs and the helpdesk's machine part read one language); only what a person reads changes.
 * The verdict is said again from what it was made of (its words context and phrases,
 * `verdictInLanguage`), never read back from its English.
 */
import { recentlyResolvedByService, type CheckReport } from '../check.js';
import { ORG_FEED_NAME } from '../settings/config.js';
import type { SourceResult } from '../model.js';
import { isPhrase, sourceInLanguage } from '../sources/source-problem.js';
import { isStandInTitle, STAND_IN_TITLES, standInTitleIn } from '../sources/stand-in-titles.js';
import { noteText, type ServiceNote, type ServiceStatus } from '../sources/services.js';
import type { Translator } from '../i18n/translate.js';
import { ladderInLanguage } from '../verdict/connectivity-model.js';
import { verdictInLanguage } from '../verdict/verdict-in-language.js';
import type { RunningClient } from './clients.js';
import { adviceForReport } from './report-advice.js';

/** A copy of a JSON-shaped value with every string equal to `from` replaced by `to`. */
function renamed<T>(value: T, from: string, to: string): T {
  if (from === to) return value;
  const walk = (v: unknown): unknown => {
    if (v === from) return to;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The watch plan the report was checked with (its services and channels). */
type Plan = Parameters<typeof recentlyResolvedByService>[0];

/** A service with its notes said from their words (`noteWords`), when they match its notes one for one. */
function serviceInLanguage(service: ServiceStatus, t: Translator): ServiceStatus {
  const words: unknown = service.noteWords;
  if (!Array.isArray(words) || words.length !== service.notes.length || !words.every(isSayableNote)) return service;
  return { ...service, notes: (words as ServiceNote[]).map((note) => noteText(note, t)) };
}

/** Whether a note read back from a file (the app's state cache) is one `noteText` can say. */
function isSayableNote(note: unknown): boolean {
  if (typeof note !== 'object' || note === null) return false;
  const n = note as Record<string, unknown>;
  if (typeof n['source'] !== 'string') return false;
  if (n['kind'] === 'not-checked') return true;
  if (n['kind'] === 'not-mentioned') return Array.isArray(n['names']) && n['names'].every((name) => typeof name === 'string');
  return n['kind'] === 'source-problem' && (typeof n['problem'] === 'string' || isPhrase(n['problem']));
}

/** An incident with the stand-in title a parser gave it (provider left it untitled) in the translator's language. */
function titledIn<T extends { readonly title: string }>(incident: T, t: Translator): T {
  return isStandInTitle(incident.title) ? { ...incident, title: standInTitleIn(incident.title, t) } : incident;
}

function titlesInLanguage(source: SourceResult, t: Translator): SourceResult {
  const titled = (list: SourceResult['incidents']): SourceResult['incidents'] => list.map((incident) => titledIn(incident, t));
  return { ...source, incidents: titled(source.incidents), upcoming: titled(source.upcoming), recentlyResolved: titled(source.recentlyResolved) };
}

/** The report with its verdict title, verdict advice, advice items and source problems in the translator's language. */
export function localizeReport(english: CheckReport, plan: Plan, t: Translator): CheckReport {
  // The org feed's built-in name describes it ("your organization"): it is said in the person's
  // language wherever it appears, in source lines and inside the verdict's phrases alike.
  const renamedReport = renamed(english, ORG_FEED_NAME, t.t('source.orgFeedName'));
  const report = {
    ...renamedReport,
    sources: renamedReport.sources.map((source) => titlesInLanguage(sourceInLanguage(source, t), t)),
    services: renamedReport.services.map((service) => {
      const said = serviceInLanguage(service, t);
      return { ...said, incidents: said.incidents.map((incident) => titledIn(incident, t)) };
    }),
    // The verdict quotes incident titles in its phrases: a stand-in is said there too.
    verdict: Object.values(STAND_IN_TITLES).reduce((verdict, title) => renamed(verdict, title, standInTitleIn(title, t)), renamedReport.verdict),
  };
  const verdict = verdictInLanguage(report.verdict, t);
  const baseAdvice = verdict.advice;
  const sources = new Map<string, SourceResult>(report.sources.map((s) => [s.id, s]));
  // The clients were listed once for the English advice; their restart items carry them.
  const clients = (report.advice ?? []).flatMap((item): RunningClient[] => (item.client !== undefined ? [item.client] : []));
  const checkedAt = Date.parse(report.checkedAt);
  const advice = adviceForReport({
    now: Number.isFinite(checkedAt) ? checkedAt : 0,
    verdict: { ...verdict, advice: baseAdvice },
    serviceDefs: plan.services,
    channels: plan.channels,
    services: report.services,
    sources,
    ladder: report.probes,
    clients,
    recentlyResolved: recentlyResolvedByService(plan, sources),
    t,
  });
  // The probes' details too: the window shows them, and it reads this report.
  const probes = report.probes && ladderInLanguage(report.probes, t);
  return { ...report, probes, verdict: { ...verdict, advice: advice[0]?.text ?? baseAdvice }, advice };
}
