/**
 * Rebuilding the report: the verdict through the hysteresis (a ladder run is one step of it; a
 * poll only refreshes the shown kind or proposes a new one), the notifications it calls for, the
 * cache write (throttled), the staleness timer, and the view when it changed.
 */
import { buildReport, intervalFor, statusSignals } from '../check.js';
import { applyHysteresis } from './hysteresis.js';
import { decideNotifications } from '../notifications/notify.js';
import { decideMessageNotifications } from '../notifications/helpdesk-messages.js';
import { recordVerdict } from './memory.js';
import { ageResult, type FetchOutcome } from '../sources/source-fetch.js';
import { resultErrorWords } from '../sources/source-problem.js';
import { decideVerdict } from '../verdict/verdict.js';
import { clientsForReport } from './clients-job.js';
import { count, schedule, type Ctx } from './context.js';
import { pullCycleForward } from './ladder-plan.js';
import { earliestStaleAt } from '../staleness.js';
import { muteInForce, publishIfChanged } from './view.js';

/** The cache is written at most this often; the latest report is written when the window ends. */
export const CACHE_SAVE_THROTTLE_MS = 30_000;

/** Every source's last outcome, re-aged to `now` so a source that stopped answering turns unknown in time. */
export function currentOutcomes(ctx: Ctx): Map<string, FetchOutcome> {
  const outcomes = new Map<string, FetchOutcome>();
  for (const slot of ctx.s.sources.values()) {
    const outcome = slot.outcome;
    if (outcome === null) continue;
    // `checkedAt` stays the time of the last attempt.
    const aged = ageResult(slot.def, outcome.memory, resultErrorWords(outcome.result), ctx.now, intervalFor(slot.def, outcome.memory));
    outcomes.set(slot.def.id, { ...outcome, result: { ...aged, checkedAt: outcome.result.checkedAt } });
  }
  return outcomes;
}

/** The live report may replace the saved one once every source answered and a full run finished. */
export function checkInitialRound(ctx: Ctx): void {
  const { s } = ctx;
  if (s.initialDone || !s.firstCycleDone) return;
  for (const slot of s.sources.values()) if (slot.outcome === null) return;
  s.initialDone = true;
}

/** Sets the staleness timer to the first moment a shown source crosses the rule. */
export function scheduleStaleness(ctx: Ctx): void {
  const { s } = ctx;
  const shown = [...s.sources.values()].map((slot) => ({ fetchedAt: slot.memory?.fetchedAt ?? null, intervalMs: intervalFor(slot.def, slot.memory) }));
  const at = s.started && s.initialDone ? earliestStaleAt(shown, s.lastRebuildAt) : null;
  if (at === s.staleTimerAt) return;
  s.staleTimerAt = at;
  schedule(ctx, 'stale', at);
}

/** Writes the report now if it changed since the last write. */
export function persistNow(ctx: Ctx): void {
  const { s } = ctx;
  if (!s.persist.dirty || s.report === null || s.fromCache) return;
  s.persist = { dirty: false, lastSaveAt: ctx.now, dueAt: null };
  ctx.effects.push({ kind: 'persist', report: s.report, memory: s.memory });
}

/** Marks the report for the cache: written at once, or when the throttle window ends. */
function scheduleSave(ctx: Ctx): void {
  const { s, now } = ctx;
  s.persist = { ...s.persist, dirty: true };
  if (s.persist.dueAt !== null || !s.started) return;
  const due = s.persist.lastSaveAt === null ? now : s.persist.lastSaveAt + s.throttleMs;
  if (due <= now) {
    persistNow(ctx);
    return;
  }
  s.persist = { ...s.persist, dueAt: due };
  schedule(ctx, 'persist', due);
}

/** Rebuilds the report; `cycle` (a full ladder run) is a hysteresis step, `poll` may only propose. */
export function evaluate(ctx: Ctx, trigger: 'cycle' | 'poll'): void {
  const { s, now } = ctx;
  if (!s.started || !s.initialDone) return;
  const outcomes = currentOutcomes(ctx);
  const raw = decideVerdict({ statuses: statusSignals(s.plan, outcomes), ladder: s.ladder.last, previousSlow: s.ladder.previousSlow, services: s.plan.services });
  const shownKind = s.hysteresis.shown?.kind ?? null;
  if (trigger === 'cycle' || shownKind === null || raw.kind === shownKind || s.hysteresis.pending === null) {
    s.hysteresis = applyHysteresis(s.hysteresis, raw).state;
  }
  s.report = buildReport(s.plan, outcomes, s.ladder.last, now, s.hysteresis.shown ?? raw, clientsForReport(ctx, outcomes));
  s.fromCache = false;
  s.lastRebuildAt = now;
  count(ctx, 'rebuilds');
  const mutedUntil = muteInForce(s, now);
  const decision = decideNotifications(s.notifyMemory, { report: s.report, mutedUntil }, s.settings, now);
  s.notifyMemory = decision.memory;
  for (const notification of decision.notifications) ctx.effects.push({ kind: 'notify', notification });
  const messages = decideMessageNotifications(
    s.memory.seenMessages,
    { report: s.report, mutedUntil, criticalPiercesQuietHours: s.config.helpdesk?.criticalPiercesQuietHours === true },
    s.settings,
    now,
  );
  for (const notification of messages.notifications) ctx.effects.push({ kind: 'notify', notification });
  s.memory = { seenMessages: messages.seen, verdictHistory: recordVerdict(s.memory.verdictHistory, s.report.verdict.kind, now) };
  scheduleSave(ctx);
  if (trigger === 'poll' && s.hysteresis.pending !== null) pullCycleForward(ctx);
  scheduleStaleness(ctx);
  publishIfChanged(ctx);
}
