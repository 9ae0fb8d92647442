/**
 * A check's report in a person's language: the verdict's headline and the advice list said again
 * through a translator, from the same evidence. The report itself stays English (JSON output,
 * logs and the helpdesk's machine part read one language); only what a person reads changes.
 * The verdict is said again from what it was made of (its words context and phrases,
 * `verdictInLanguage`), never read back from its English.
 */
import { recentlyResolvedByService, type CheckReport } from '../check.js';
import type { SourceResult } from '../model.js';
import type { Translator } from '../i18n/translate.js';
import { verdictInLanguage } from '../verdict/verdict-in-language.js';
import type { RunningClient } from './clients.js';
import { adviceForReport } from './report-advice.js';

/** The watch plan the report was checked with (its services and channels). */
type Plan = Parameters<typeof recentlyResolvedByService>[0];

/** The report with its verdict title, verdict advice and advice items in the translator's language. */
export function localizeReport(report: CheckReport, plan: Plan, t: Translator): CheckReport {
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
  return { ...report, verdict: { ...verdict, advice: advice[0]?.text ?? baseAdvice }, advice };
}
