/**
 * Rules 7–8 of the verdict: is the provider at fault? A problem posted on a status page we believe
 * (provider-incident, maintenance included), or the provider's hosts failing on their side while
 * the rest of the internet works and nothing is posted yet (provider-unconfirmed, including a
 * failing sign-in service). Also how a status page's claim is worded wherever a verdict cites it.
 */
import type { Evidence, TargetResult } from './connectivity-model.js';
import { severityRank, type Health } from '../health.js';
import { answered, certificateTrusted, hostOf, stepOf } from './ladder-facts.js';
import { MICROSOFT_INCIDENT_ID_PATTERN } from '../sources/provider-names.js';
import { andList, clauses, say, type Phrase } from './verdict-phrase.js';
import {
  ev,
  serviceIdsOf,
  serviceName,
  unique,
  type Facts,
  type Rule,
  type StatusSignal,
} from './verdict-facts.js';

const INCIDENT_TITLE_MAX = 80;

function shortTitle(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  return oneLine.length > INCIDENT_TITLE_MAX ? `${oneLine.slice(0, INCIDENT_TITLE_MAX - 1)}…` : oneLine;
}

/** "an outage", "degraded service", "maintenance in progress". */
function healthPhrase(health: Health): Phrase {
  return say('verdict.health', { health });
}

/** What a source last said, for "X last showed ... but did not answer". */
export function lastShown(status: StatusSignal): Phrase {
  return status.health === 'operational' || status.health === 'unknown' ? say('verdict.lastShown.incident') : healthPhrase(status.health);
}

function affectedIds(status: StatusSignal): readonly string[] {
  return status.affectedServiceIds ?? status.serviceIds;
}

/** "GitHub reports incident EX1 for Copilot (\"title\") and 2 more incidents": one source's claim in words. */
export function describeClaim(facts: Facts, status: StatusSignal): Phrase {
  // "GitHub reports ... for GitHub" says nothing twice.
  const names = affectedIds(status).map((id) => serviceName(facts, id)).filter((name) => name !== status.sourceName);
  const forWhom = names.length > 0 && names.length <= 2 ? andList(names) : null;
  const source = status.sourceName;
  const [first, ...rest] = status.incidents;
  if (!first) {
    const health = healthPhrase(status.health);
    return forWhom ? say('verdict.claim.healthFor', { source, health, names: forWhom }) : say('verdict.claim.health', { source, health });
  }
  // Microsoft's IDs (EX1224375) are what admins and the helpdesk look incidents up by; a status
  // page's internal ID (80d0cs6kpsps) means nothing to anyone reading this.
  const which = MICROSOFT_INCIDENT_ID_PATTERN.test(first.id) ? say('verdict.claim.incidentId', { id: first.id }) : say('verdict.claim.anIncident');
  const title = shortTitle(first.title);
  const claim = forWhom ? say('verdict.claim.incidentFor', { source, which, names: forWhom, title }) : say('verdict.claim.incident', { source, which, title });
  return rest.length > 0 ? say('verdict.claim.more', { claim, count: rest.length }) : claim;
}

function claimRank(status: StatusSignal): number {
  return status.health === 'unknown' ? -1 : severityRank(status.health);
}

/** Rule 7: a status page we believe posts a problem or a maintenance. */
export const providerIncident: Rule = (facts) => {
  if (facts.confirming.length === 0) return null;
  const sources = [...facts.confirming].sort((a, b) => claimRank(b) - claimRank(a));
  const serviceIds = unique(sources.flatMap(affectedIds));
  const maintenance = sources.every((s) => s.health === 'maintenance' && s.incidents.every((i) => i.health === 'maintenance'));
  const network = facts.ladder === null ? say('verdict.clause.probesSkipped') : facts.baseline === 'ok' ? say('verdict.clause.connectionWorks') : null;
  const evidence: Evidence[] = sources.map((s) =>
    ev('status-incident', say(s.reachedServer ? 'verdict.ev.claim' : 'verdict.ev.claimLastKnown', { claim: describeClaim(facts, s) })),
  );
  if (facts.ladder === null) evidence.push(ev('probes-skipped', say('verdict.ev.probesSkipped')));
  else if (facts.baseline === 'ok') evidence.push(ev('baseline-ok', say('verdict.ev.baselineOk')));
  return {
    kind: 'provider-incident',
    summary: clauses(...sources.map((s) => describeClaim(facts, s)), network),
    evidence,
    serviceIds,
    // Name who fixes it ("Microsoft"), not the page we read it on. Other channels are the advice's
    // switch-channel item, which checks that each one works right now.
    advice: { provider: sources[0] ? (sources[0].provider ?? sources[0].sourceName) : null, maintenance },
  };
};

/** Failed on their side: a server error or a stalled answer over a certificate we trust. */
function failsOnTheirSide(target: TargetResult): boolean {
  if (!certificateTrusted(target)) return false;
  if (target.httpStatus !== null && target.httpStatus >= 500) return true;
  return target.failedAt === 'http';
}

/** "HTTP 503", "timed out", the error code, or "failed". */
function failureWords(target: TargetResult): Phrase {
  const values = { kind: 'other', status: '', code: '' };
  if (target.httpStatus !== null && target.httpStatus >= 500) return say('verdict.failure', { ...values, kind: 'http', status: String(target.httpStatus) });
  const http = stepOf(target, 'http');
  if (http?.outcome === 'timeout') return say('verdict.failure', { ...values, kind: 'timeout' });
  return say('verdict.failure', http?.errorCode ? { ...values, kind: 'code', code: http.errorCode } : values);
}

/** Rule 8: the provider's hosts fail on their side (or only sign-in does) while the internet works. */
export const providerUnconfirmed: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder || facts.baseline !== 'ok') return null;
  const byService = new Map<string, TargetResult[]>();
  for (const t of ladder.targets.filter((x) => x.target.role === 'service' && x.target.serviceId)) {
    const id = t.target.serviceId as string;
    byService.set(id, [...(byService.get(id) ?? []), t]);
  }
  const failing = [...byService].flatMap(([id, targets]) => {
    const bad = targets.filter(failsOnTheirSide);
    return bad.length >= 2 ? [{ id, targets, bad }] : [];
  });
  const nothingPosted = facts.statuses.length > 0 ? say('verdict.unconfirmed.nothingPosted') : null;
  if (failing.length > 0) {
    const serviceIds = failing.map((f) => f.id);
    const parts = failing.map((f) =>
      say('verdict.unconfirmed.hostsFailed', { count: String(f.bad.length), total: String(f.targets.length), service: serviceName(facts, f.id) }),
    );
    return {
      kind: 'provider-unconfirmed',
      summary: clauses(...parts, say('verdict.unconfirmed.internetWorked'), nothingPosted),
      evidence: [
        ev('baseline-ok', say('verdict.ev.baselineOk')),
        ...failing.flatMap((f) =>
          f.bad.map((t) => ev('service-failing', say('verdict.ev.serviceFailing', { host: hostOf(t), service: serviceName(facts, f.id), failure: failureWords(t) }))),
        ),
      ],
      serviceIds,
      advice: {},
    };
  }
  const identity = ladder.targets.filter((t) => t.target.role === 'identity');
  const others = ladder.targets.filter((t) => t.target.role === 'service');
  const identityDown = identity.filter((t) => !answered(t) || (t.httpStatus !== null && t.httpStatus >= 500));
  const othersFine = others.length > 0 && others.every((t) => answered(t) && (t.httpStatus === null || t.httpStatus < 500));
  if (identityDown.length === 0 || !othersFine) return null;
  const serviceIds = serviceIdsOf(identityDown);
  const host = hostOf(identityDown[0] as TargetResult);
  return {
    kind: 'provider-unconfirmed',
    summary: clauses(
      say('verdict.unconfirmed.signInOnly', { host, failure: failureWords(identityDown[0] as TargetResult) }),
      say('verdict.unconfirmed.othersWorked', { count: String(others.length) }),
      nothingPosted,
    ),
    evidence: [ev('sign-in-failing', say('verdict.ev.signInFailing', { host })), ev('baseline-ok', say('verdict.ev.baselineOk'))],
    serviceIds,
    advice: { signIn: true },
  };
};
