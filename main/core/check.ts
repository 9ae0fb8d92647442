/**
 * One full check cycle: every watched source fetched in parallel (each bounded by the HTTP
 * timeout, so one slow source never delays the others), the connectivity ladder alongside, then
 * services, the verdict and the tray state. The CLI runs it once; the desktop app runs the same
 * pieces on its poll schedule.
 */
import type { ServiceSourceRef, SourceDef } from './sources/catalog.js';
import type { WatchPlan } from './settings/config.js';
import type { LadderResult, Verdict } from './verdict/connectivity-model.js';
import { rollUp, type Health } from './health.js';
import type { HelpdeskMessage, Incident, SourceResult } from './model.js';
import type { Clock, Http } from './ports.js';
import { exitCodeForReport } from './verdict/exit-code.js';
import { baseIntervalMs } from './engine/schedule.js';
import { readProblemOf, serviceStatus, viewThroughRef, type ServiceStatus } from './sources/services.js';
import { problem, resultErrorWords } from './sources/source-problem.js';
import { providerName } from './sources/provider-names.js';
import { fetchSource, lightStatusUrl, type FetchOutcome, type SourceMemory } from './sources/source-fetch.js';
import { trayStateFor } from './tray/tray-state.js';
import type { TrayState } from './tray/tray-icons.js';
import { decideVerdict } from './verdict/verdict.js';
import type { StatusSignal } from './verdict/verdict-facts.js';
import type { AdviceItem } from './advice/engine.js';
import { adviceForReport } from './advice/report-advice.js';
import { recognizeClients, type ClientPlatform, type ProcessInfo, type RunningClient } from './advice/clients.js';

export interface CheckReport {
  readonly checkedAt: string;
  readonly overall: Health;
  readonly tray: TrayState;
  readonly exitCode: 0 | 1 | 2 | 3;
  readonly verdict: Verdict;
  readonly sources: readonly SourceResult[];
  readonly services: readonly ServiceStatus[];
  /** Helpdesk messages in force, once each. */
  readonly messages: readonly HelpdeskMessage[];
  /** The connectivity ladder, or null when probes were skipped. */
  readonly probes: LadderResult | null;
  /**
   * What to do now, most useful first (the advice engine); `verdict.advice` is the first item's
   * text. Absent only in a report cached by a version without it.
   */
  readonly advice?: readonly AdviceItem[];
}

export interface CheckDeps {
  readonly http: Http;
  readonly clock: Clock;
  /** Runs the connectivity ladder; absent = probes skipped (`--no-probes`). */
  readonly probe?: () => Promise<ProbeRun>;
  /**
   * Lists this user's processes, for `restart-client` advice; called only when a watched service
   * has an incident resolved in the last 24 h, so a normal day costs nothing. Absent = not listed.
   */
  readonly listProcesses?: () => Promise<readonly ProcessInfo[]>;
  /** The OS whose executable names the process list uses; needed with `listProcesses`. */
  readonly platform?: ClientPlatform;
}

/** A ladder run, and whether the run before it was slow too (slow-network needs two in a row). */
export interface ProbeRun {
  readonly ladder: LadderResult;
  readonly previousSlow: boolean;
}

export function intervalFor(def: SourceDef, memory: SourceMemory | null): number {
  const hasOpenIncident = (memory?.snapshot?.incidents ?? []).some((i) => i.kind !== 'maintenance');
  return baseIntervalMs(def.type, { hasOpenIncident, configuredSeconds: def.pollIntervalSeconds, lightPolling: lightStatusUrl(def) !== null });
}

/** Whether this service's view of the source shows a problem (a problem health or an incident). */
function showsProblem(result: SourceResult, refs: readonly ServiceSourceRef[]): boolean {
  return refs.some((ref) => {
    const view = viewThroughRef(result, ref);
    return view.incidents.length > 0 || view.health === 'maintenance' || view.health === 'degraded' || view.health === 'outage';
  });
}

/** Status signals the verdict weighs, one per source, tagged with the services that read it. */
export function statusSignals(plan: WatchPlan, outcomes: ReadonlyMap<string, FetchOutcome>): StatusSignal[] {
  return plan.sources.map((def) => {
    const outcome = outcomes.get(def.id);
    const result = outcome?.result;
    const readers = plan.services.map((s) => ({ id: s.id, refs: s.sources.filter((r) => r.source === def.id) })).filter((s) => s.refs.length > 0);
    // Data its publisher marked out of date proves nothing now: it must not make "it is not you".
    const current = result !== undefined && !result.lastKnown;
    const readProblem = result && result.health === 'unknown' && result.error === null ? readProblemOf(result) : null;
    return {
      sourceId: def.id,
      sourceName: result?.name ?? def.name,
      provider: providerName(result ?? def),
      health: result?.health ?? 'unknown',
      fetchedAt: result?.fetchedAt ?? null,
      error: result?.error ?? (result ? null : 'not checked'),
      readProblem: readProblem?.text ?? null,
      // The same as data, so a human output says them in the person's language.
      words: { error: result ? resultErrorWords(result) : problem('source.problem.notChecked'), readProblem: readProblem?.words ?? null },
      reachedServer: outcome?.reachedServer ?? false,
      incidents: current ? result.incidents.map((i) => ({ id: i.id, title: i.title, health: i.health })) : [],
      serviceIds: readers.map((s) => s.id),
      affectedServiceIds: result ? readers.filter((s) => showsProblem(result, s.refs)).map((s) => s.id) : [],
    };
  });
}

/**
 * Each watched service's incidents resolved lately, read through the service's filter exactly as
 * its open incidents are (an Exchange incident never lands under Teams). A source whose data is
 * last known contributes nothing, as for open incidents. Services without any are left out.
 */
export function recentlyResolvedByService(plan: WatchPlan, results: ReadonlyMap<string, SourceResult>): Map<string, readonly Incident[]> {
  const byService = new Map<string, readonly Incident[]>();
  for (const def of plan.services) {
    const found = new Map<string, Incident>();
    for (const ref of def.sources) {
      const result = results.get(ref.source);
      if (result === undefined || result.recentlyResolved.length === 0) continue;
      const view = viewThroughRef({ ...result, incidents: result.recentlyResolved }, ref);
      for (const incident of view.incidents) found.set(`${result.id}/${incident.id}`, incident);
    }
    if (found.size > 0) byService.set(def.id, [...found.values()]);
  }
  return byService;
}

/** Assembles the report from finished pieces; pure, so the desktop app and tests reuse it. */
export function buildReport(
  plan: WatchPlan,
  outcomes: ReadonlyMap<string, FetchOutcome>,
  ladder: LadderResult | null,
  now: number,
  verdict: Verdict = decideVerdict({ statuses: statusSignals(plan, outcomes), ladder, services: plan.services }),
  clients: readonly RunningClient[] = [],
): CheckReport {
  const results = new Map<string, SourceResult>();
  for (const [id, outcome] of outcomes) results.set(id, outcome.result);
  const services = plan.services.map((def) => serviceStatus(def, results));
  const overall = rollUp(services.map((s) => s.health));
  const recentlyResolved = recentlyResolvedByService(plan, results);
  const advice = adviceForReport({ now, verdict, serviceDefs: plan.services, channels: plan.channels, services, sources: results, ladder, clients, recentlyResolved });
  const tray = trayStateFor(verdict, overall);
  const messages = new Map<string, HelpdeskMessage>();
  for (const result of results.values()) for (const m of result.messages) messages.set(`${result.id}/${m.id}`, m);
  return {
    checkedAt: new Date(now).toISOString(),
    overall,
    tray,
    exitCode: exitCodeForReport(overall, verdict.kind),
    verdict: { ...verdict, advice: advice[0]?.text ?? verdict.advice },
    sources: plan.sources.map((s) => results.get(s.id)).filter((r): r is SourceResult => r !== undefined),
    services,
    messages: [...messages.values()],
    probes: ladder,
    advice,
  };
}

export async function runCheck(plan: WatchPlan, deps: CheckDeps): Promise<CheckReport> {
  const probePromise = deps.probe ? deps.probe() : Promise.resolve(null);
  const fetched = await Promise.all(
    plan.sources.map(async (def) => [def.id, await fetchSource(def, deps, null, intervalFor(def, null))] as const),
  );
  const probeRun = await probePromise;
  const outcomes = new Map(fetched);
  const ladder = probeRun?.ladder ?? null;
  const verdict = decideVerdict({ statuses: statusSignals(plan, outcomes), ladder, services: plan.services, previousSlow: probeRun?.previousSlow ?? false });
  const clients = await clientsWorthListing(plan, outcomes, deps);
  return buildReport(plan, outcomes, ladder, deps.clock.now(), verdict, clients);
}

/**
 * The watched services' running clients, listed only when one of those services had an incident
 * resolved in the last 24 h (the only time restart advice can follow); otherwise none, unlisted.
 */
async function clientsWorthListing(plan: WatchPlan, outcomes: ReadonlyMap<string, FetchOutcome>, deps: CheckDeps): Promise<RunningClient[]> {
  if (!deps.listProcesses || !deps.platform) return [];
  const results = new Map<string, SourceResult>();
  for (const [id, outcome] of outcomes) results.set(id, outcome.result);
  const services = [...recentlyResolvedByService(plan, results).keys()];
  if (services.length === 0) return [];
  return recognizeClients(await deps.listProcesses(), deps.platform, services);
}
