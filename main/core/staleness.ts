/**
 * The one staleness rule: a source's result is stale when it is older than three of that source's
 * own poll intervals (the interval in force: configured, default, or the shorter one while an
 * incident is open). Never fetched is stale. Everything that says "stale" (the report's
 * `SourceResult.stale` and `unknown` health, the tray's "(stale)", the window's age line, the
 * CLI, the helpdesk report, notifications through the health) reads the result of this rule; the
 * engine rebuilds the report at the moment a shown source crosses it, so none needs its own clock.
 */
import type { SourceResult } from './model.js';

/** A result older than this many poll intervals is shown as unknown. */
export const STALE_AFTER_INTERVALS = 3;

/** How long a result stays trustworthy: {@link STALE_AFTER_INTERVALS} poll intervals. */
export function staleAfterMs(intervalMs: number): number {
  return STALE_AFTER_INTERVALS * intervalMs;
}

/**
 * Whether a result must be shown as unknown because it is too old. Never fetched is stale.
 * Exactly three intervals old is still fresh; one millisecond more is not ("older than").
 */
export function isStale(fetchedAt: number | null, now: number, intervalMs: number): boolean {
  if (fetchedAt === null || !Number.isFinite(fetchedAt)) return true;
  return now - fetchedAt > staleAfterMs(intervalMs);
}

/** The first moment a result fetched at `fetchedAt` is stale (one millisecond past three intervals). */
export function staleAt(fetchedAt: number, intervalMs: number): number {
  return fetchedAt + staleAfterMs(intervalMs) + 1;
}

/**
 * The earliest moment after `after` (the last rebuild) at which one of these sources turns stale,
 * or null. A source that was already stale at the last rebuild is shown so and does not count again.
 */
export function earliestStaleAt(sources: Iterable<{ readonly fetchedAt: number | null; readonly intervalMs: number }>, after: number): number | null {
  let earliest: number | null = null;
  for (const s of sources) {
    if (s.fetchedAt === null) continue;
    const at = staleAt(s.fetchedAt, s.intervalMs);
    if (at <= after) continue;
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

/** Whether any of these results is stale by the rule, as the report recorded it (never fetched counts). */
export function anyStale(sources: readonly Pick<SourceResult, 'stale'>[]): boolean {
  return sources.some((s) => s.stale);
}
