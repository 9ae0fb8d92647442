/**
 * Rules 9–11 of the verdict, once nobody is at fault: slow but working (two slow checks in a row),
 * all good (every host answered and every status page vouches for its services), or unknown,
 * which says what could not be read or what failed without a pattern.
 */
import type { Evidence, LadderResult } from './connectivity-model.js';
import { answered, hostOf, slowSteps } from './ladder-facts.js';
import { describeClaim, lastShown } from './verdict-provider-rules.js';
import { ev, joinClauses, type Facts, type Finding, type Rule, type StatusSignal } from './verdict-facts.js';

function everythingAnswered(ladder: LadderResult): boolean {
  return ladder.targets.length > 0 && ladder.targets.every((t) => answered(t) && (t.httpStatus === null || t.httpStatus < 500));
}

const STEP_WORDS = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP' } as const;

function slowWords(ladder: LadderResult): string {
  return slowSteps(ladder)
    .map((s) => `${STEP_WORDS[s.step]} took a median ${Math.round(s.medianMs)} ms (slow above ${s.thresholdMs} ms)`)
    .join(', ');
}

/** Rule 9: everything answered, but slowly, this check and the one before. */
export const slowNetwork: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder || !facts.previousSlow || !everythingAnswered(ladder) || slowSteps(ladder).length === 0) return null;
  const words = slowWords(ladder);
  return {
    kind: 'slow-network',
    summary: `All ${ladder.targets.length} hosts answered, but ${words}, two checks in a row`,
    evidence: slowSteps(ladder).map((s) => ev('slow-step', `${STEP_WORDS[s.step]}: median ${Math.round(s.medianMs)} ms, slow above ${s.thresholdMs} ms.`)),
    serviceIds: [],
  };
};

function vouchesOperational(facts: Facts, status: StatusSignal): boolean {
  return status.health === 'operational' && status.incidents.length === 0 && (status.reachedServer || facts.baseline === 'ok');
}

/** Rule 10: every host answered and every status source vouches for its services. */
export const allGood: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!facts.statuses.every((s) => vouchesOperational(facts, s))) return null;
  if (ladder === null && facts.statuses.length === 0) return null;
  if (ladder !== null && !everythingAnswered(ladder)) return null;
  const evidence: Evidence[] = [];
  const parts: string[] = [];
  if (ladder) {
    parts.push(`All ${ladder.targets.length} hosts answered`);
    evidence.push(ev('all-answered', `All ${ladder.targets.length} checked hosts answered normally.`));
    if (slowSteps(ladder).length > 0) evidence.push(ev('slow-once', `This check was slow (${slowWords(ladder)}); one slow check alone is not reported.`));
  }
  if (facts.statuses.length > 0) {
    const n = facts.statuses.length;
    parts.push(`${n} of ${n} status ${n === 1 ? 'source reports' : 'sources report'} no problems`);
    evidence.push(ev('status-operational', `${n} of ${n} status ${n === 1 ? 'source reports' : 'sources report'} everything operational.`));
  }
  if (!ladder) {
    parts.push('connection checks were skipped');
    evidence.push(ev('probes-skipped', 'Connection checks were skipped, so only the status pages were consulted.'));
  }
  return { kind: 'all-good', summary: joinClauses(...parts), evidence, serviceIds: [] };
};

/** Rule 11: nothing above fits; say what we could not read or what failed. */
export function unknownFinding(facts: Facts): Finding {
  const ladder = facts.ladder;
  const reasons: string[] = [];
  const evidence: Evidence[] = [];
  const unknown = facts.statuses.filter((s) => s.health === 'unknown' && !facts.unverifiedClaims.includes(s));
  // A source that answered with something we cannot vouch for was read: say what it said.
  const readButUnclear = unknown.filter((s) => s.error === null && s.readProblem);
  const unread = unknown.filter((s) => !readButUnclear.includes(s));
  if (unread.length > 0) {
    const why = unread.map((s) => `${s.sourceName}: ${s.error ?? 'no current data'}`).join('; ');
    reasons.push(`${unread.length} of ${facts.statuses.length} status sources could not be read`);
    evidence.push(ev('status-unknown', `Status unknown for ${why}.`));
  }
  for (const s of readButUnclear) {
    reasons.push(`${s.sourceName}: ${s.readProblem ?? ''}`);
    evidence.push(ev('status-unknown', `Status unknown for ${s.sourceName}: ${s.readProblem ?? ''}.`));
  }
  for (const claim of facts.unverifiedClaims) {
    reasons.push(`${claim.sourceName} last showed ${lastShown(claim)} but did not answer just now`);
    evidence.push(ev('status-stale-claim', `${describeClaim(facts, claim)}, but its status page did not answer and our own connection is in doubt.`));
  }
  if (ladder === null) {
    reasons.push('connection checks were skipped');
    evidence.push(ev('probes-skipped', 'Connection checks were skipped, so only the status pages were consulted.'));
  } else {
    const failed = ladder.targets.filter((t) => !answered(t) || (t.httpStatus !== null && t.httpStatus >= 500));
    if (failed.length > 0) {
      reasons.push(`${failed.length} of ${ladder.targets.length} hosts failed without a clear pattern`);
      evidence.push(
        ...failed.map((t) => ev('hosts-failing', `${hostOf(t)}: ${t.failedAt ? `failed at ${t.failedAt}` : `HTTP ${t.httpStatus ?? 'no answer'}`}.`)),
      );
    }
    if (ladder.targets.length === 0) reasons.push('no hosts were checked');
  }
  if (reasons.length === 0 && facts.statuses.length === 0) reasons.push('no status sources are watched');
  return { kind: 'unknown', summary: `Cannot tell: ${joinClauses(...reasons) || 'the evidence does not fit a known pattern'}`, evidence, serviceIds: [] };
}
