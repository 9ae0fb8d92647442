/**
 * What the long-running engine does between polls, as pure functions: how often the connectivity
 * ladder runs and in which form, when a cheap sentinel run calls for the full ladder, whether a
 * finished poll needs the report rebuilt, and whether a new view differs from the one listeners
 * last heard. No timers and no I/O: the engine passes times and states in and acts on the answer.
 *
 * Why two forms of ladder run: the full ladder (TLS to every service host and the baseline) costs
 * tens of kilobytes a run, more than all status pages together when run every few minutes. The
 * light run is only the link state and the plain-http captive-portal checks (a few hundred bytes).
 * It sees the problems that come and go on their own (no network, a sign-in page, DNS or
 * everything unreachable) and then calls for the full ladder at once; the full ladder still runs
 * on its own, slower cadence for what only it sees (a firewall blocking one service, TLS
 * inspection, a wrong clock).
 */
import type { LadderResult, TargetResult, VerdictKind } from '../verdict/connectivity-model.js';
import type { TrayState } from '../tray/tray-icons.js';
import { isLocalProblem } from '../verdict/local-problem.js';

/** How the engine reads the situation for the ladder's cadence. */
export type LadderClimate =
  /** Green or blue, nothing waiting for confirmation. */
  | 'calm'
  /** A provider incident is confirmed (posted), or the state is unknown: the ladder has less to add. */
  | 'incident'
  /** A local problem is shown, or a new verdict waits for its confirming run: check every minute. */
  | 'troubled';

export type LadderMode = 'full' | 'light';

export interface LadderCadence {
  /** The full ladder runs at least this often. */
  readonly fullMs: number;
  /** The light (sentinel) run fills the gaps between full runs at this interval. */
  readonly lightMs: number;
}

const MINUTE = 60_000;

/**
 * The ladder cadence per climate. A local problem that the light run sees (no network, sign-in
 * page, DNS failure, a service host that no longer accepts a connection or nothing reachable) is
 * found within `lightMs` (5 min) in every climate; what only the full ladder sees (a TLS or HTTP
 * level block, interception, a wrong clock, slowness) within `fullMs`, or at once on a refresh,
 * resume, unlock, network change, or a status poll that proposes a new verdict. The full runs
 * carry the certificates and so the bytes: this spacing keeps the checks under 2 MB a day calm
 * and 5 MB during an incident (`npm run bench`, "ladder bytes").
 */
export const LADDER_CADENCE: Readonly<Record<LadderClimate, LadderCadence>> = {
  calm: { fullMs: 120 * MINUTE, lightMs: 5 * MINUTE },
  incident: { fullMs: 30 * MINUTE, lightMs: 5 * MINUTE },
  troubled: { fullMs: MINUTE, lightMs: MINUTE },
};

/** When a poll proposes a new verdict, the confirming full run comes at most this much later. */
export const CONFIRMATION_DELAY_MS = MINUTE;

/**
 * While polls keep confirming unchanged data, listeners (the window) get a rebuilt view once the
 * freshness they last heard is this far behind: two default poll intervals, so the window never
 * calls data stale (three intervals) that a source just confirmed. The tray reads the freshness
 * live from the engine and is never behind.
 */
export const FRESHNESS_REPUBLISH_MS = 10 * MINUTE;

export interface ClimateInput {
  /** The tray state now shown (null before the first report). */
  readonly tray: TrayState | null;
  /** The verdict kind now shown (null before the first ladder run). */
  readonly shownKind: VerdictKind | null;
  /** A different verdict waits for a confirming run. */
  readonly pendingConfirmation: boolean;
}

/** Which cadence applies. */
export function ladderClimate(input: ClimateInput): LadderClimate {
  if (input.pendingConfirmation) return 'troubled';
  if (input.shownKind !== null && (isLocalProblem(input.shownKind) || input.shownKind === 'provider-unconfirmed')) return 'troubled';
  if (input.tray === 'ok' || input.tray === 'maintenance') return 'calm';
  return 'incident';
}

export interface LadderScheduleInput {
  readonly climate: LadderClimate;
  readonly now: number;
  /** When the last full run ended (null: never). */
  readonly lastFullAt: number | null;
  /** When the last light run ended (null: never). */
  readonly lastLightAt: number | null;
}

export interface LadderRunPlan {
  readonly mode: LadderMode;
  /** Epoch ms; never before `now`. */
  readonly at: number;
}

/**
 * The next ladder run: the full ladder when it is due no later than the next light run, else a
 * light run. Never run at all: a full run now.
 */
export function nextLadderRun(input: LadderScheduleInput): LadderRunPlan {
  const { climate, now, lastFullAt, lastLightAt } = input;
  if (lastFullAt === null) return { mode: 'full', at: now };
  const cadence = LADDER_CADENCE[climate];
  const fullDue = lastFullAt + cadence.fullMs;
  const lastAny = Math.max(lastFullAt, lastLightAt ?? lastFullAt);
  // Both overdue (the machine slept): the full run, now.
  const fullAt = Math.max(now, fullDue);
  const lightAt = Math.max(now, lastAny + cadence.lightMs);
  if (fullAt <= lightAt) return { mode: 'full', at: fullAt };
  return { mode: 'light', at: lightAt };
}

/**
 * Whether a light run saw something the last full run did not (or no longer sees what it saw):
 * the link state, or any captive-portal check's outcome. Then the full ladder runs at once, and it
 * is that run that counts for the verdict. Null when nothing changed.
 */
export function sentinelChange(light: LadderResult, lastFull: LadderResult | null): string | null {
  if (lastFull === null) return 'no full run yet';
  if (light.link.online !== lastFull.link.online) return `the link state changed (${String(lastFull.link.online)} -> ${String(light.link.online)})`;
  const before = new Map(lastFull.captive.map((c) => [c.check.id, c.outcome]));
  for (const check of light.captive) {
    const was = before.get(check.check.id);
    if (was !== check.outcome) return `captive check ${check.check.id}: ${was ?? 'not run'} -> ${check.outcome}`;
  }
  // A host the full run could connect to and the light run cannot (a firewall, a DNS filter), or
  // the other way round. Only the steps both runs took are compared: the light run stops at TCP.
  const connected = (target: TargetResult): boolean => target.steps.some((s) => s.step === 'tcp' && s.outcome === 'ok');
  const fullTargets = new Map(lastFull.targets.map((t) => [t.target.id, t]));
  for (const target of light.targets) {
    const full = fullTargets.get(target.target.id);
    if (full === undefined) continue;
    if (connected(full) !== connected(target)) {
      return `${target.target.id}: ${connected(full) ? 'connected' : 'not connected'} in the full run, ${connected(target) ? 'connected' : 'not connected'} now`;
    }
  }
  return null;
}

export interface PollWorkInput {
  /** The poll brought new data (a changed body), or failed: anything but a confirmed unchanged answer. */
  readonly changed: boolean;
  /** A decision waits for the next poll to agree (a notification level, a vanished incident, a verdict). */
  readonly awaitsPoll: boolean;
  readonly now: number;
  /** The earliest time a shown source turns stale (null: none can). */
  readonly staleAt: number | null;
  /** The `updatedAt` listeners last heard (epoch ms; null: none). */
  readonly publishedUpdatedAt: number | null;
  /** The newest successful fetch now (epoch ms; null: none). */
  readonly newestFetchAt: number | null;
}

/**
 * What a finished poll costs: `rebuild` recomputes the report and tells listeners if it differs;
 * `none` only remembers the fresher fetch time. A 304 or an identical body changes nothing shown,
 * unless a pending decision waits for this poll, a source turned stale, or the freshness listeners
 * heard is {@link FRESHNESS_REPUBLISH_MS} behind.
 */
export function pollWork(input: PollWorkInput): 'rebuild' | 'none' {
  if (input.changed || input.awaitsPoll) return 'rebuild';
  if (input.staleAt !== null && input.now >= input.staleAt) return 'rebuild';
  if (input.newestFetchAt !== null && (input.publishedUpdatedAt === null || input.newestFetchAt - input.publishedUpdatedAt >= FRESHNESS_REPUBLISH_MS)) return 'rebuild';
  return 'none';
}

/** The view fields listeners care about; the report is compared by identity (it is rebuilt only when something changed). */
export interface ViewSummary {
  readonly report: unknown;
  readonly fromCache: boolean;
  readonly refreshing: boolean;
  readonly mutedUntil: string | null;
  readonly tray: string;
  readonly overall: string;
  readonly updatedAt: string | null;
}

/** Whether listeners must hear about `next`: no serialisation, a handful of comparisons. */
export function viewDiffers(previous: ViewSummary | null, next: ViewSummary): boolean {
  if (previous === null) return true;
  return (
    previous.report !== next.report ||
    previous.fromCache !== next.fromCache ||
    previous.refreshing !== next.refreshing ||
    previous.mutedUntil !== next.mutedUntil ||
    previous.tray !== next.tray ||
    previous.overall !== next.overall ||
    previous.updatedAt !== next.updatedAt
  );
}
