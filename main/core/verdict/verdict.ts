/**
 * "Is it me or them?" as one pure function of the evidence: the status sources' word and one run
 * of the probe ladder. The rules follow ../shared/reference/connectivity.md B5 in order, first
 * match wins:
 *
 *  1 no-network · 2 captive-portal · 3 proxy-auth-required · 4 dns-failure · 5 clock-skew ·
 *  6 proxy-unreachable, blocked · 7 provider-incident · 8 provider-unconfirmed (incl. a failing sign-in service) ·
 *  9 slow-network · 10 all-good · 11 unknown.
 *
 * Decisions the reference leaves open, made here:
 * - The link reporting offline is overruled when a probe still got an answer (Electron documents
 *   `isOnline() === false` as strong, not certain).
 * - Every lookup failing while the link is up (or a numeric address / a status page still answered)
 *   is dns-failure, not no-network; otherwise rule 4 could never fire after rule 1.
 * - blocked also covers: service names refused by DNS while the baseline resolves (DNS filtering),
 *   and the OS connectivity check failing while every service answers (that check being blocked
 *   makes Outlook and Teams act offline, reference B1).
 * - A configured proxy that no target could connect to is proxy-unreachable, not blocked: the
 *   comparison sites fail through the same proxy, so "everything else works" would be false.
 * - The reference's AUTH_SERVICE_PROBLEM has no kind of its own: when only the identity endpoint
 *   fails it is provider-unconfirmed for the sign-in service (evidence code `sign-in-failing`).
 * - A status page we could not reach only counts as the provider's word when the baseline proves
 *   our own connection works. So an unreachable page during a local outage never makes the verdict
 *   provider-incident, and with probes skipped an unreachable page gives unknown.
 * - A posted maintenance is provider-incident too ("them", planned); the advice says so.
 *
 * The rules live in verdict-local-rules.ts (1–6), verdict-provider-rules.ts (7–8) and
 * verdict-all-good-rules.ts (9–11); verdict-facts.ts gathers what they weigh.
 *
 * Evidence codes: link-offline, network-unreachable, status-unreachable, captive-portal,
 * proxy-auth, dns-failed, link-up, literal-ip-ok, captive-dns-failed, status-reachable,
 * clock-skew, service-blocked, proxy-unreachable, connectivity-check-blocked, baseline-ok,
 * status-incident, status-stale-claim, service-failing, sign-in-failing, slow-step, slow-once,
 * all-answered, status-operational, status-unknown, probes-skipped, hosts-failing, tls-intercepted.
 */
import type { Evidence, LadderResult, Verdict, VerdictFlag } from './connectivity-model.js';
import { verdictAdvice, verdictTitle } from '../words/advice-words.js';
import { hostOf, isIntercepted, issuerOf } from './ladder-facts.js';
import { isLocalProblem } from './local-problem.js';
import { allGood, slowNetwork, unknownFinding } from './verdict-all-good-rules.js';
import { ev, gatherFacts, reportsProblem, type Finding, type Rule, type VerdictInput } from './verdict-facts.js';
import { blocked, captivePortal, clockSkew, dnsFailure, noNetwork, proxyAuthRequired } from './verdict-local-rules.js';
import { describeClaim, providerIncident, providerUnconfirmed } from './verdict-provider-rules.js';
import { andList, clauses, orList, renderPhrase, say, type Phrase } from './verdict-phrase.js';

/** Reference order; the first rule that matches decides, and unknown catches the rest. */
const RULES: readonly Rule[] = [
  noNetwork,
  captivePortal,
  proxyAuthRequired,
  dnsFailure,
  clockSkew,
  blocked,
  providerIncident,
  providerUnconfirmed,
  slowNetwork,
  allGood,
];

function interceptionEvidence(ladder: LadderResult | null): Evidence[] {
  if (!ladder) return [];
  return ladder.targets
    .filter(isIntercepted)
    .map((t) =>
      ev(
        'tls-intercepted',
        say('verdict.ev.tlsIntercepted', { host: hostOf(t), issuer: issuerOf(t) ?? say('verdict.unknownIssuer'), expected: orList(t.target.expectedIssuers) }),
      ),
    );
}

/**
 * The verdict for one run: which of the design's kinds explains the evidence, a one-line summary
 * with counts, structured evidence and plain advice. Pure: same input, same verdict.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const facts = gatherFacts(input);
  let found: Finding | null = null;
  for (const rule of RULES) {
    found = rule(facts);
    if (found) break;
  }
  found ??= unknownFinding(facts);

  let summary: Phrase = found.summary;
  const evidence: Evidence[] = [...found.evidence];
  if (isLocalProblem(found.kind)) {
    // The reference's step 8: a confirmed incident annotates a local verdict, never replaces it.
    const alsoReported = facts.statuses.filter((s) => s.reachedServer && reportsProblem(s));
    if (alsoReported.length > 0) {
      const names = andList(alsoReported.map((s) => s.sourceName));
      summary = clauses(summary, say('verdict.alsoReported', { names, count: alsoReported.length }));
    }
    evidence.push(...alsoReported.map((s) => ev('status-incident', say('verdict.ev.claim', { claim: describeClaim(facts, s) }))));
    evidence.push(...facts.unverifiedClaims.map((s) => ev('status-stale-claim', say('verdict.ev.staleClaim', { claim: describeClaim(facts, s) }))));
  }
  const intercepted = interceptionEvidence(facts.ladder);
  evidence.push(...intercepted);
  const flags: VerdictFlag[] = intercepted.length > 0 ? ['tls-intercepted'] : [];

  const words = found.advice ?? {};
  return {
    kind: found.kind,
    title: verdictTitle(found.kind, words),
    summary: renderPhrase(summary),
    advice: verdictAdvice(found.kind, words),
    evidence,
    flags,
    serviceIds: found.serviceIds,
    words,
    summaryPhrase: summary,
  };
}
