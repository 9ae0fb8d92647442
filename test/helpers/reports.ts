/**
 * Check reports built through the real pipeline (ageResult -> buildReport) from hand-written
 * snapshots, for tests of what the app does with a report (notifications, tray, helpdesk text).
 */
import { verdictAdvice, verdictTitle } from '../../main/core/words/advice-words.js';
import { buildReport, type CheckReport } from '../../main/core/check.js';
import type { ViewState } from '../../main/core/contract.js';
import { resolveWatchPlan, type AppConfig, type WatchPlan } from '../../main/core/settings/config.js';
import type { LadderResult, Verdict, VerdictKind } from '../../main/core/verdict/connectivity-model.js';
import type { Health } from '../../main/core/health.js';
import { emptySnapshot, type HelpdeskMessage, type Incident, type SourceSnapshot } from '../../main/core/model.js';
import { ageResult, type FetchOutcome } from '../../main/core/sources/source-fetch.js';

export const FIVE_MIN = 300_000;

/** Outlook and Teams (Microsoft public status + org feed) and one vendor page, ACME. */
export const TEST_CONFIG: AppConfig = {
  watch: ['outlook', 'teams'],
  orgFeedUrl: 'https://feeds.contoso.example/feed.json',
  sources: [{ id: 'acme', type: 'statuspage', name: 'ACME', url: 'https://status.acme.example/' }],
};
export const TEST_PLAN: WatchPlan = resolveWatchPlan(TEST_CONFIG);

export function incident(id: string, health: Health, extra: Partial<Incident> = {}): Incident {
  return {
    id,
    title: `Incident ${id}`,
    kind: 'incident',
    health,
    status: 'investigating',
    impact: null,
    startedAt: '2025-03-04T07:55:00Z',
    updatedAt: '2025-03-04T08:12:00Z',
    endsAt: null,
    endedAt: null,
    url: `https://status.example/incidents/${id}`,
    affects: [],
    updates: [],
    ...extra,
  };
}

export function message(id: string, text: string, incidentId: string | null, extra: Partial<HelpdeskMessage> = {}): HelpdeskMessage {
  return { id, severity: 'warning', text, postedAt: null, expiresAt: null, incidentId, url: null, ...extra };
}

export interface SourceState {
  readonly id: string;
  readonly health: Health;
  readonly incidents?: readonly Incident[];
  readonly messages?: readonly HelpdeskMessage[];
  readonly components?: SourceSnapshot['components'];
  /** When this poll happened (the report's checkedAt for the source). */
  readonly checkedAt: number;
  /** When data was last fetched successfully; defaults to checkedAt; null = never. */
  readonly fetchedAt?: number | null;
  readonly error?: string | null;
}

export function verdict(kind: VerdictKind, extra: Partial<Verdict> = {}): Verdict {
  return { kind, title: verdictTitle(kind), summary: `summary of ${kind}`, advice: verdictAdvice(kind), evidence: [], flags: [], serviceIds: [], ...extra };
}

/** A report for `plan` where each listed source says what its state says; unlisted sources are "not checked". */
export function makeReport(
  sources: readonly SourceState[],
  shown: VerdictKind | Verdict,
  now: number,
  options: { plan?: WatchPlan; ladder?: LadderResult | null } = {},
): CheckReport {
  const plan = options.plan ?? TEST_PLAN;
  const outcomes = new Map<string, FetchOutcome>();
  for (const state of sources) {
    const def = plan.sources.find((s) => s.id === state.id);
    if (!def) throw new Error(`source ${state.id} is not in the plan`);
    const snapshot: SourceSnapshot = {
      ...emptySnapshot(state.health),
      incidents: state.incidents ?? [],
      messages: state.messages ?? [],
      components: state.components ?? [],
    };
    const memory = { snapshot, fetchedAt: state.fetchedAt === undefined ? state.checkedAt : state.fetchedAt, validators: null };
    const result = ageResult(def, memory, state.error ?? null, state.checkedAt, FIVE_MIN);
    outcomes.set(def.id, { result, memory, reachedServer: true, failure: null, notModified: false, bytes: 0 });
  }
  return buildReport(plan, outcomes, options.ladder ?? null, now, typeof shown === 'string' ? verdict(shown) : shown);
}

/** The view main sends the window for a report (fresh, not refreshing, not muted), with `extra` laid over it. */
export function viewOf(report: CheckReport | null, extra: Partial<ViewState> = {}): ViewState {
  return {
    report,
    fromCache: false,
    refreshing: false,
    mutedUntil: null,
    tray: report?.tray ?? 'unknown',
    overall: report?.overall ?? 'unknown',
    updatedAt: report?.checkedAt ?? null,
    ...extra,
  };
}
