/**
 * Derived facts the window shows about a check report: services worst-first, how old each
 * service's data is, which incident a route points at, and which helpdesk messages acknowledge it.
 * Pure: the report and the current time in, plain data out.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { ViewState } from '../../main/core/contract.js';
import type { Health } from '../../main/core/health.js';
import type { HelpdeskMessage, Incident, IncidentUpdate, SourceResult } from '../../main/core/model.js';
import type { ServiceStatus } from '../../main/core/sources/services.js';
import { formatAgo, parseTime } from './time.js';
import { t } from '../i18n.js';

/** Order for "worst first": confirmed problems, then what we cannot vouch for, then the rest. */
const WORST_FIRST: Readonly<Record<Health, number>> = {
  outage: 0,
  degraded: 1,
  unknown: 2,
  maintenance: 3,
  operational: 4,
};

/** Anything with a health, sorted worst-first; equal health keeps the given (catalog) order. */
export function worstFirst<T extends { readonly health: Health }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => WORST_FIRST[a.item.health] - WORST_FIRST[b.item.health] || a.index - b.index)
    .map((entry) => entry.item);
}

/** Services worst-first, so the one that is down is the first thing read. */
export function servicesWorstFirst(services: readonly ServiceStatus[]): ServiceStatus[] {
  return worstFirst(services);
}

/** Timeline posts newest first; posts without a time keep their place after the dated ones. */
export function updatesNewestFirst(updates: readonly IncidentUpdate[]): IncidentUpdate[] {
  return updates
    .map((update, index) => ({ update, index, at: parseTime(update.at) }))
    .sort((a, b) => {
      if (a.at === null || b.at === null) return a.at === null && b.at === null ? a.index - b.index : a.at === null ? 1 : -1;
      return b.at - a.at || a.index - b.index;
    })
    .map((entry) => entry.update);
}

export type AgeTone = 'fresh' | 'stale' | 'cache' | 'none';

export interface DataAge {
  readonly tone: AgeTone;
  /** "Updated 2 min ago", "Stale: last data 3 h ago", "Showing saved status, refreshing…". */
  readonly text: string;
  /** Why the last attempt failed, when it did: shown beside a stale or missing age. */
  readonly error: string | null;
}

/** The sources a service reads, as far as the report has them. */
export function sourcesOf(report: CheckReport, service: ServiceStatus): SourceResult[] {
  return service.sourceIds.flatMap((id) => report.sources.filter((s) => s.id === id));
}

/**
 * How old the data behind some sources is. The oldest source decides: a service is only as fresh
 * as the least fresh thing it reads. Saved data shown at start-up says so rather than pretending.
 */
export function dataAge(sources: readonly SourceResult[], nowMs: number, fromCache: boolean): DataAge {
  const error = sources.map((s) => s.error).find((e): e is string => e !== null) ?? null;
  const times = sources.map((s) => parseTime(s.fetchedAt));
  const known = times.filter((t): t is number => t !== null);
  if (fromCache) return { tone: 'cache', text: t('ui.age.saved'), error: null };
  if (known.length === 0) return { tone: 'none', text: t(error ? 'ui.age.couldNotCheck' : 'ui.age.noData'), error };
  const oldest = Math.min(...known);
  const stale = sources.some((s) => s.stale) || times.some((t) => t === null);
  if (stale) return { tone: 'stale', text: t('ui.age.stale', { ago: formatAgo(oldest, nowMs) }), error };
  return { tone: 'fresh', text: t('ui.age.updated', { ago: formatAgo(oldest, nowMs) }), error };
}

/**
 * What makes these sources partial, one line each ("GitHub: the document has no components…"):
 * their warnings. Errors are shown by the age line (`DataAge.error`).
 */
export function sourceWarnings(sources: readonly SourceResult[]): string[] {
  return [...new Set(sources.flatMap((s) => s.warnings.map((warning) => `${s.name}: ${warning}`)))];
}

/** The window-wide "updated …" line under the refresh button. */
export function overallAge(state: ViewState, nowMs: number): string {
  if (state.refreshing) return t('ui.live.refreshing');
  if (state.fromCache) return t('ui.age.saved');
  const updated = parseTime(state.updatedAt ?? state.report?.checkedAt ?? null);
  return updated === null ? t('ui.age.notChecked') : t('ui.age.updated', { ago: formatAgo(updated, nowMs) });
}

export interface FoundIncident {
  readonly source: SourceResult;
  readonly incident: Incident;
  readonly upcoming: boolean;
}

/** The incident a route names, open or upcoming; null when it is no longer listed. */
export function findIncident(report: CheckReport | null, sourceId: string, incidentId: string): FoundIncident | null {
  const source = report?.sources.find((s) => s.id === sourceId);
  if (!source) return null;
  const open = source.incidents.find((i) => i.id === incidentId);
  if (open) return { source, incident: open, upcoming: false };
  const planned = source.upcoming.find((i) => i.id === incidentId);
  return planned ? { source, incident: planned, upcoming: true } : null;
}

export function findService(report: CheckReport | null, serviceId: string): ServiceStatus | null {
  return report?.services.find((s) => s.id === serviceId) ?? null;
}

/** Ids of every incident that is open right now, across sources. */
function openIncidentIds(report: CheckReport): Set<string> {
  return new Set(report.sources.flatMap((s) => s.incidents.map((i) => i.id)));
}

/**
 * A helpdesk message "acknowledges" an incident when it names one that is open: that is when
 * the window can say "IT knows about this, no ticket needed".
 */
export function acknowledgesOpenIncident(message: HelpdeskMessage, report: CheckReport): boolean {
  return message.incidentId !== null && openIncidentIds(report).has(message.incidentId);
}

/** Helpdesk messages that acknowledge this incident. */
export function acknowledgementsOf(report: CheckReport, incidentId: string): HelpdeskMessage[] {
  return report.messages.filter((m) => m.incidentId === incidentId);
}

/** The source a helpdesk message came from, so its link can be opened by name. */
export function messageSourceId(report: CheckReport, message: HelpdeskMessage): string | null {
  return report.sources.find((s) => s.messages.some((m) => m.id === message.id))?.id ?? null;
}

/** Helpdesk messages worst first (critical, warning, info), newest first within a severity. */
export function messagesBySeverity(messages: readonly HelpdeskMessage[]): HelpdeskMessage[] {
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return [...messages].sort((a, b) => rank[a.severity] - rank[b.severity] || (parseTime(b.postedAt) ?? 0) - (parseTime(a.postedAt) ?? 0));
}

/**
 * What the live region says when new state arrives, or null when nothing a person cares about
 * changed (a background poll with the same answer must not chatter).
 */
export function announcement(previous: ViewState | null, next: ViewState): string | null {
  if (previous === null) return null;
  if (!previous.refreshing && next.refreshing) return t('ui.live.refreshing');
  const before = previous.report?.verdict.title ?? null;
  const after = next.report?.verdict.title ?? null;
  if (after !== null && (after !== before || previous.tray !== next.tray)) return t('ui.live.changed', { title: after });
  if (previous.refreshing && !next.refreshing) return t('ui.live.upToDate');
  return null;
}
