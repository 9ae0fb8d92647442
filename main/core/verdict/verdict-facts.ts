/**
 * What the verdict weighs: one status signal per source, the probe ladder, and the facts drawn
 * from them before any rule runs. Decides which status claims are believed: a page that answered,
 * or one that did not while our own connection is proven fine. Also the shared wording helpers
 * the rule groups use, so "3 of 4 status pages were reachable" reads the same in every verdict.
 */
import type { ServiceDef } from '../sources/catalog.js';
import type { Evidence, LadderResult, TargetResult, VerdictKind } from './connectivity-model.js';
import type { VerdictWordsContext as AdviceContext } from '../words/advice-words.js';
import type { Health } from '../health.js';
import { baselineState, type BaselineState } from './ladder-facts.js';
import { renderPhrase, say, sentence, type Phrase } from './verdict-phrase.js';

/** One status source as the verdict needs it. */
export interface StatusSignal {
  readonly sourceId: string;
  readonly sourceName: string;
  /** Health after staleness (older than 3 poll intervals = unknown). */
  readonly health: Health;
  readonly fetchedAt: string | null;
  readonly error: string | null;
  /** false when the last fetch failed at the network level (DNS, refused, timeout, TLS);
   *  true when any HTTP answer came back, even an error status. */
  readonly reachedServer: boolean;
  /** Open incidents and maintenances in progress. */
  readonly incidents: readonly { readonly id: string; readonly title: string; readonly health: Health }[];
  /** Services built from this source. */
  readonly serviceIds: readonly string[];
  /** Services whose view of this source shows its problem; absent = all of `serviceIds`. */
  readonly affectedServiceIds?: readonly string[];
  /** Who runs the service, for "wait for Microsoft to fix it"; absent = `sourceName`. */
  readonly provider?: string;
  /** Why data that was read still vouches for nothing (an unknown status word, an expired feed). */
  readonly readProblem?: string | null;
  /** `error` and `readProblem` as data, to say them in the person's language; absent: said as the English. */
  readonly words?: { readonly error: Phrase | null; readonly readProblem: Phrase | null };
}

/** What the verdict needs to know about a service to name it and suggest an alternative. */
export type ServiceLabel = Pick<ServiceDef, 'id' | 'name' | 'fallback'>;

export interface VerdictInput {
  readonly statuses: readonly StatusSignal[];
  /** null when the probes were skipped (`--no-probes`). */
  readonly ladder: LadderResult | null;
  /** Whether the previous run was slow (see `slowSteps`); slow-network needs two in a row. */
  readonly previousSlow?: boolean;
  /** Names and fallbacks of the watched services, for sentences; ids are used when missing. */
  readonly services?: readonly ServiceLabel[];
}

/** The evidence plus what is derived from it once, before any rule runs. */
export interface Facts {
  readonly statuses: readonly StatusSignal[];
  readonly ladder: LadderResult | null;
  readonly previousSlow: boolean;
  readonly baseline: BaselineState;
  readonly services: ReadonlyMap<string, ServiceLabel>;
  /** Sources whose word about a problem we believe (reached, or our own connection proven fine). */
  readonly confirming: readonly StatusSignal[];
  /** Sources that claim a problem but that we could not reach while our connection is in doubt. */
  readonly unverifiedClaims: readonly StatusSignal[];
}

/** What a matching rule concludes; `verdict.ts` adds interception and annotations. */
export interface Finding {
  readonly kind: VerdictKind;
  /** One line naming the evidence, as data (English text: `renderPhrase`). */
  readonly summary: Phrase;
  readonly evidence: readonly Evidence[];
  readonly serviceIds: readonly string[];
  readonly advice?: AdviceContext;
}

/** One rule of the reference's order: a finding when it matches, else null. */
export type Rule = (facts: Facts) => Finding | null;

/** One evidence item: its English sentence, and the sentence as data for other languages. */
export const ev = (code: string, phrase: Phrase): Evidence => ({ code, text: renderPhrase(phrase), phrase });
/** Items once each, in first-seen order. */
export const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/** Ladder targets that stand for a service (including its sign-in), not the baseline. */
export function serviceTargets(ladder: LadderResult): TargetResult[] {
  return ladder.targets.filter((t) => t.target.role === 'service' || t.target.role === 'identity');
}

/** The services these targets stand for, once each. */
export function serviceIdsOf(targets: readonly TargetResult[]): string[] {
  return unique(targets.flatMap((t) => (t.target.serviceId ? [t.target.serviceId] : [])));
}

/** A service's display name, or its id when it is not in the labels. */
export function serviceName(facts: Facts, id: string): string {
  return facts.services.get(id)?.name ?? id;
}


/** Whether a source claims a problem: a problem health or any open incident. */
export function reportsProblem(status: StatusSignal): boolean {
  return status.health === 'maintenance' || status.health === 'degraded' || status.health === 'outage' || status.incidents.length > 0;
}

/** "the status page was reachable" / "none of the 3 status pages could be reached either". */
export function statusReachClause(statuses: readonly StatusSignal[]): Phrase | null {
  const total = statuses.length;
  if (total === 0) return null;
  const reached = statuses.filter((s) => s.reachedServer).length;
  if (total === 1) return say(reached === 1 ? 'verdict.reach.oneReached' : 'verdict.reach.oneUnreached');
  if (reached === total) return say('verdict.reach.all', { total: String(total) });
  if (reached === 0) return say('verdict.reach.none', { total: String(total) });
  return say('verdict.reach.some', { reached: String(reached), total: String(total) });
}

/** The status-page reach clause as evidence, coded reachable only when every page answered. */
export function statusReachEvidence(statuses: readonly StatusSignal[]): Evidence[] {
  const clause = statusReachClause(statuses);
  if (clause === null) return [];
  const allReached = statuses.every((s) => s.reachedServer);
  return [ev(allReached ? 'status-reachable' : 'status-unreachable', sentence(clause))];
}

/** What the rules weigh: the input plus which status claims we believe. */
export function gatherFacts(input: VerdictInput): Facts {
  const ladder = input.ladder;
  const baseline: BaselineState = ladder ? baselineState(ladder) : 'untested';
  const claims = input.statuses.filter(reportsProblem);
  // An unreachable page is believed only when our own connection is proven fine: otherwise its
  // silence (or its last known word) says more about our network than about the provider.
  const believed = (s: StatusSignal): boolean => s.reachedServer || (ladder !== null && baseline === 'ok');
  return {
    statuses: input.statuses,
    ladder,
    previousSlow: input.previousSlow === true,
    baseline,
    services: new Map((input.services ?? []).map((s) => [s.id, s])),
    confirming: claims.filter(believed),
    unverifiedClaims: claims.filter((s) => !believed(s)),
  };
}
