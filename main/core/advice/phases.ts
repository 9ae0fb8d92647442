/**
 * The phase of an incident, which decides what advice fits: while it is **active** people wait and
 * switch channel; while it is **restoring** failures still come and go; once **recently resolved**
 * (in the last 24 h) clients that kept running through it may need a restart.
 */

/** Where an incident stands, most urgent first. */
export const ADVICE_PHASES = ['active', 'restoring', 'recently-resolved', 'none'] as const;
export type AdvicePhase = (typeof ADVICE_PHASES)[number];

/** How long a resolved incident still shapes the advice. */
export const RECENTLY_RESOLVED_MS = 24 * 60 * 60 * 1000;

/** What the phase is read from; status words are compared case-insensitively. */
export interface PhaseEvidence {
  /** The status word: normalised (`monitoring`) or the source's own (`restoringService`). */
  readonly status: string;
  /** When the incident ended, ISO; null while open or when the source does not say. */
  readonly endedAt: string | null;
  /** The newest post, as plain text; a restored-but-recovering post makes the phase restoring. */
  readonly latestPost?: string | null;
}

const ACTIVE_WORDS = new Set(['investigating', 'identified', 'serviceinterruption', 'servicedegradation', 'in-progress', 'in_progress']);
// Microsoft's own words (Graph serviceHealthStatus) for "fixed, but not everyone has recovered".
const RESTORING_WORDS = new Set(['monitoring', 'verifying', 'restoringservice', 'extendedrecovery', 'mitigated', 'mitigatedexternal']);
const RESOLVED_WORDS = new Set(['resolved', 'postmortem', 'completed', 'servicerestored', 'resolvedexternal', 'postincidentreviewpublished']);

// "restored the affected infrastructure ... further load balancing is required" (MO1221364).
const RESTORED = /\b(restored|recovered|mitigated|fix (?:has been |was )?deployed)\b/i;
const STILL_RECOVERING = /\b(load[- ]balancing|rebalanc\w*|recovery (?:continues|is ongoing|is in progress)|continu\w+ to recover|still recovering|further (?:\w+ ){0,2}(?:is |are )?required|residual|intermittent)\b/i;

/** Whether a post says the service is back but recovery (load balancing, catching up) continues. */
export function saysRestoredButRecovering(post: string | null | undefined): boolean {
  if (!post) return false;
  return RESTORED.test(post) && STILL_RECOVERING.test(post);
}

/**
 * The phase of one incident at `now`. A resolved incident whose end is unknown or older than 24 h
 * is `none`; an unknown status word on an incident that has not ended counts as active, because
 * an open incident we cannot read must not read as over.
 */
export function incidentPhase(evidence: PhaseEvidence, now: number): AdvicePhase {
  const word = evidence.status.trim().toLowerCase();
  const ended = evidence.endedAt === null ? Number.NaN : Date.parse(evidence.endedAt);
  if (RESOLVED_WORDS.has(word) || (!Number.isNaN(ended) && ended <= now)) {
    return !Number.isNaN(ended) && ended <= now && now - ended <= RECENTLY_RESOLVED_MS ? 'recently-resolved' : 'none';
  }
  if (RESTORING_WORDS.has(word) || saysRestoredButRecovering(evidence.latestPost)) return 'restoring';
  if (ACTIVE_WORDS.has(word)) return 'active';
  return 'active';
}

/** The most urgent of several phases; none for none. */
export function mostUrgentPhase(phases: Iterable<AdvicePhase>): AdvicePhase {
  let best: AdvicePhase = 'none';
  for (const phase of phases) if (ADVICE_PHASES.indexOf(phase) < ADVICE_PHASES.indexOf(best)) best = phase;
  return best;
}
