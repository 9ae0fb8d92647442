/**
 * `outage-radar explain` as pure functions: which services to check for a set of matches, the
 * answer's JSON shape, and the sentence that ties the matched entries to the present ("This
 * matches the open incident MO1221364 on Outlook / Exchange: it is not you").
 */
import type { CheckReport } from '../check.js';
import { resolveWatchPlan, type AppConfig, type WatchPlan } from '../settings/config.js';
import type { ServiceIncident } from '../sources/services.js';
import type { VerdictKind } from '../verdict/connectivity-model.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import type { KnowledgeEntry, Side } from './knowledge-base.js';
import type { KnowledgeMatch } from './match.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';

/** At most this many matches are shown: the best few are what a person reads. */
export const MAX_MATCHES = 5;

export interface ExplainMatch {
  readonly id: string;
  readonly service: string;
  readonly side: Side;
  readonly title: string;
  readonly meaning: string;
  readonly steps: readonly string[];
  readonly codes: readonly string[];
}

export interface ExplainIncident {
  readonly sourceId: string;
  readonly id: string;
  readonly title: string;
}

/** What the check said about the matched services; empty and null with `--offline`. */
export interface ExplainContext {
  readonly incidents: readonly ExplainIncident[];
  readonly verdict: VerdictKind | null;
}

/** The `--json` answer. */
export interface ExplainReport {
  readonly query: string;
  readonly matches: readonly ExplainMatch[];
  readonly context: ExplainContext;
  readonly suggestions: ReadonlyArray<{ readonly id: string; readonly title: string }>;
}

/** The entry as the answer shows it. */
export function explainMatch(entry: KnowledgeEntry): ExplainMatch {
  const { id, service, side, title, meaning, steps, codes } = entry;
  return { id, service, side, title, meaning, steps, codes };
}

/** The matched entries' services, best match first, each once. */
export function servicesOf(matches: readonly KnowledgeMatch[]): string[] {
  return [...new Set(matches.map((m) => m.entry.service))];
}

/**
 * The watch plan narrowed to these services: the config's sources, names and addresses, but only
 * what these services read, watched or not. One check of it is what `explain` runs.
 */
export function narrowWatchPlan(config: AppConfig, serviceIds: readonly string[]): WatchPlan {
  const plan = resolveWatchPlan({ ...config, watch: [...serviceIds] });
  const services = plan.services.filter((s) => serviceIds.includes(s.id));
  const used = new Set(services.flatMap((s) => s.sources.map((r) => r.source)));
  return { ...plan, sources: plan.sources.filter((s) => used.has(s.id)), services };
}

function openIncidents(report: CheckReport, serviceIds: readonly string[]): Array<ServiceIncident & { readonly serviceName: string }> {
  const seen = new Set<string>();
  return report.services
    .filter((s) => serviceIds.includes(s.id))
    .flatMap((s) => s.incidents.filter((i) => i.kind !== 'maintenance').map((i) => ({ ...i, serviceName: s.name })))
    .filter((i) => {
      const key = `${i.sourceId}/${i.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The context of the JSON answer. */
export function explainContext(report: CheckReport | null, serviceIds: readonly string[]): ExplainContext {
  if (report === null) return { incidents: [], verdict: null };
  return {
    incidents: openIncidents(report, serviceIds).map(({ sourceId, id, title }) => ({ sourceId, id, title })),
    verdict: report.verdict.kind,
  };
}

/** Where the problem likely is when the service is fine and the connection works. */
function likelySide(entry: KnowledgeEntry, t: Translator): string {
  switch (entry.side) {
    case 'account':
      return t.t('cli.explain.likely.account');
    case 'config':
      return t.t('cli.explain.likely.config');
    case 'remote':
      return t.t('cli.explain.likely.remote');
    case 'local':
      return t.t('cli.explain.likely.local');
    case 'provider':
    case 'either':
      return entry.service === 'outlook' ? t.t('cli.explain.likely.mailEither') : t.t('cli.explain.likely.either');
  }
}

/**
 * The service as its provider names it ("Exchange Online" for our `outlook`): the first Microsoft
 * service name a source of the service reads, else null (the service's own name then serves).
 */
function providerServiceName(plan: WatchPlan, serviceId: string): string | null {
  const def = plan.services.find((s) => s.id === serviceId);
  return def?.sources.flatMap((r) => r.msServices ?? [])[0] ?? null;
}

/**
 * One or two sentences tying the best match to the check: an open incident, a local verdict, or
 * "no incident and your connection works". In the translator's language; `report` gives the
 * verdict's words in that language too (see `localizeReport`), its summary stays English.
 */
export function presentSentence(report: CheckReport, best: KnowledgeEntry, plan: WatchPlan, t: Translator = ENGLISH): string {
  const serviceIds = [best.service];
  const name = providerServiceName(plan, best.service) ?? report.services.find((s) => s.id === best.service)?.name ?? best.service;
  const incident = openIncidents(report, serviceIds)[0];
  if (incident !== undefined) {
    const values = { id: incident.id, service: name, title: incident.title };
    if (best.side === 'provider' || best.side === 'either') return t.t('cli.explain.present.matches', values);
    return t.t('cli.explain.present.otherCause', { ...values, likely: likelySide(best, t) });
  }
  const verdict = report.verdict;
  if (isLocalProblem(verdict.kind)) return t.t('cli.explain.present.local', { service: name, title: verdict.title, advice: verdict.advice });
  const health = report.services.find((s) => s.id === best.service)?.health ?? 'unknown';
  if (health === 'unknown') return t.t('cli.explain.present.cannotTell', { service: name, summary: verdict.summary });
  if (verdict.kind === 'provider-unconfirmed' && verdict.serviceIds.includes(best.service)) return t.t('cli.explain.present.unconfirmed', { title: verdict.title });
  if (health !== 'operational') return t.t('cli.explain.present.problem', { service: name, health });
  if (report.probes === null) return t.t('cli.explain.present.notTested', { service: name, likely: likelySide(best, t) });
  return t.t('cli.explain.present.fine', { service: name, likely: likelySide(best, t) });
}
