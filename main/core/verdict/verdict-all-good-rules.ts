/**
 * Rules 9–11 of the verdict, once nobody is at fault: slow but working (two slow checks in a row),
 * all good (every host answered and every status page vouches for its services), or unknown,
 * which says what could not be read or what failed without a pattern.
 */
import type { Evidence, LadderResult } from './connectivity-model.js';
import { answered, hostOf, slowSteps } from './ladder-facts.js';
import { describeClaim, lastShown } from './verdict-provider-rules.js';
import { ev, type Facts, type Finding, type Rule, type StatusSignal } from './verdict-facts.js';
import { clauses, commaList, say, type Phrase } from './verdict-phrase.js';

function everythingAnswered(ladder: LadderResult): boolean {
  return ladder.targets.length > 0 && ladder.targets.every((t) => answered(t) && (t.httpStatus === null || t.httpStatus < 500));
}

const STEP_WORDS = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP' } as const;

function slowWords(ladder: LadderResult): Phrase {
  return commaList(
    slowSteps(ladder).map((s) => say('verdict.slow.step', { step: STEP_WORDS[s.step], ms: String(Math.round(s.medianMs)), threshold: String(s.thresholdMs) })),
  );
}

/** Rule 9: everything answered, but slowly, this check and the one before. */
export const slowNetwork: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder || !facts.previousSlow || !everythingAnswered(ladder) || slowSteps(ladder).length === 0) return null;
  const words = slowWords(ladder);
  return {
    kind: 'slow-network',
    summary: say('verdict.slow.summary', { count: String(ladder.targets.length), slow: words }),
    evidence: slowSteps(ladder).map((s) =>
      ev('slow-step', say('verdict.ev.slowStep', { step: STEP_WORDS[s.step], ms: String(Math.round(s.medianMs)), threshold: String(s.thresholdMs) })),
    ),
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
  const parts: Phrase[] = [];
  if (ladder) {
    const count = String(ladder.targets.length);
    parts.push(say('verdict.allGood.hosts', { count }));
    evidence.push(ev('all-answered', say('verdict.ev.allAnswered', { count })));
    if (slowSteps(ladder).length > 0) evidence.push(ev('slow-once', say('verdict.ev.slowOnce', { slow: slowWords(ladder) })));
  }
  if (facts.statuses.length > 0) {
    const count = facts.statuses.length;
    parts.push(say('verdict.allGood.sources', { count }));
    evidence.push(ev('status-operational', say('verdict.ev.statusOperational', { count })));
  }
  if (!ladder) {
    parts.push(say('verdict.clause.probesSkipped'));
    evidence.push(ev('probes-skipped', say('verdict.ev.probesSkipped')));
  }
  return { kind: 'all-good', summary: clauses(...parts), evidence, serviceIds: [] };
};

/** Rule 11: nothing above fits; say what we could not read or what failed. */
export function unknownFinding(facts: Facts): Finding {
  const ladder = facts.ladder;
  const reasons: Phrase[] = [];
  const evidence: Evidence[] = [];
  const unknown = facts.statuses.filter((s) => s.health === 'unknown' && !facts.unverifiedClaims.includes(s));
  // A source that answered with something we cannot vouch for was read: say what it said.
  const readButUnclear = unknown.filter((s) => s.error === null && s.readProblem);
  const unread = unknown.filter((s) => !readButUnclear.includes(s));
  if (unread.length > 0) {
    const why = clauses(...unread.map((s) => say('verdict.unknown.why', { source: s.sourceName, error: s.words?.error ?? s.error ?? say('verdict.unknown.noData') })));
    reasons.push(say('verdict.unknown.unread', { count: String(unread.length), total: String(facts.statuses.length) }));
    evidence.push(ev('status-unknown', say('verdict.ev.statusUnknown', { why })));
  }
  for (const s of readButUnclear) {
    const why = say('verdict.unknown.why', { source: s.sourceName, error: s.words?.readProblem ?? s.readProblem ?? '' });
    reasons.push(why);
    evidence.push(ev('status-unknown', say('verdict.ev.statusUnknown', { why })));
  }
  for (const claim of facts.unverifiedClaims) {
    reasons.push(say('verdict.unknown.lastShown', { source: claim.sourceName, shown: lastShown(claim) }));
    evidence.push(ev('status-stale-claim', say('verdict.ev.staleClaimInDoubt', { claim: describeClaim(facts, claim) })));
  }
  if (ladder === null) {
    reasons.push(say('verdict.clause.probesSkipped'));
    evidence.push(ev('probes-skipped', say('verdict.ev.probesSkipped')));
  } else {
    const failed = ladder.targets.filter((t) => !answered(t) || (t.httpStatus !== null && t.httpStatus >= 500));
    if (failed.length > 0) {
      reasons.push(say('verdict.unknown.hostsFailed', { count: String(failed.length), total: String(ladder.targets.length) }));
      evidence.push(
        ...failed.map((t) => {
          const host = hostOf(t);
          if (t.failedAt) return ev('hosts-failing', say('verdict.ev.hostFailedAt', { host, step: t.failedAt }));
          return ev('hosts-failing', t.httpStatus === null ? say('verdict.ev.hostNoAnswer', { host }) : say('verdict.ev.hostHttp', { host, status: String(t.httpStatus) }));
        }),
      );
    }
    if (ladder.targets.length === 0) reasons.push(say('verdict.unknown.noHosts'));
  }
  if (reasons.length === 0 && facts.statuses.length === 0) reasons.push(say('verdict.unknown.noSources'));
  const why = reasons.length > 0 ? clauses(...reasons) : say('verdict.unknown.noPattern');
  return { kind: 'unknown', summary: say('verdict.unknown.summary', { reasons: why }), evidence, serviceIds: [] };
}
