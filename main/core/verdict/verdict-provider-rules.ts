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
import {
  ev,
  joinClauses,
  plural,
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

function healthPhrase(health: Health): string {
  switch (health) {
    case 'outage':
      return 'an outage';
    case 'degraded':
      return 'degraded service';
    case 'maintenance':
      return 'maintenance in progress';
    default:
      return `${health} health`;
  }
}

/** What a source last said, for "X last showed ... but did not answer". */
export function lastShown(status: StatusSignal): string {
  return status.health === 'operational' || status.health === 'unknown' ? 'an open incident' : healthPhrase(status.health);
}

function affectedIds(status: StatusSignal): readonly string[] {
  return status.affectedServiceIds ?? status.serviceIds;
}

/** "GitHub reports incident EX1 for Copilot (\"title\") and 2 more incidents": one source's claim in words. */
export function describeClaim(facts: Facts, status: StatusSignal): string {
  // "GitHub reports ... for GitHub" says nothing twice.
  const names = affectedIds(status).map((id) => serviceName(facts, id)).filter((name) => name !== status.sourceName);
  const forWhom = names.length > 0 && names.length <= 2 ? ` for ${names.join(' and ')}` : '';
  const [first, ...rest] = status.incidents;
  if (!first) return `${status.sourceName} reports ${healthPhrase(status.health)}${forWhom}`;
  const more = rest.length > 0 ? ` and ${plural(rest.length, 'more incident')}` : '';
  // Microsoft's IDs (EX1224375) are what admins and the helpdesk look incidents up by; a status
  // page's internal ID (80d0cs6kpsps) means nothing to anyone reading this.
  const which = MICROSOFT_INCIDENT_ID_PATTERN.test(first.id) ? `incident ${first.id}` : 'an incident';
  return `${status.sourceName} reports ${which}${forWhom} ("${shortTitle(first.title)}")${more}`;
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
  const network = facts.ladder === null ? 'connection checks were skipped' : facts.baseline === 'ok' ? 'your connection to the internet works' : null;
  const evidence: Evidence[] = sources.map((s) =>
    ev('status-incident', `${describeClaim(facts, s)}${s.reachedServer ? '' : ' (last known; the status page did not answer just now)'}.`),
  );
  if (facts.ladder === null) evidence.push(ev('probes-skipped', 'Connection checks were skipped, so only the status pages were consulted.'));
  else if (facts.baseline === 'ok') evidence.push(ev('baseline-ok', 'The internet check answered: the connection to the rest of the internet works.'));
  return {
    kind: 'provider-incident',
    summary: joinClauses(...sources.map((s) => describeClaim(facts, s)), network),
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

function failureWords(target: TargetResult): string {
  if (target.httpStatus !== null && target.httpStatus >= 500) return `HTTP ${target.httpStatus}`;
  const http = stepOf(target, 'http');
  return http?.outcome === 'timeout' ? 'timed out' : (http?.errorCode ?? 'failed');
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
  const nothingPosted = facts.statuses.length > 0 ? 'nothing is posted on the status page yet' : null;
  if (failing.length > 0) {
    const serviceIds = failing.map((f) => f.id);
    const parts = failing.map((f) => `${f.bad.length} of ${f.targets.length} ${serviceName(facts, f.id)} hosts failed with server errors or timeouts`);
    return {
      kind: 'provider-unconfirmed',
      summary: joinClauses(...parts, 'the internet check worked', nothingPosted),
      evidence: [
        ev('baseline-ok', 'The internet check answered: the connection to the rest of the internet works.'),
        ...failing.flatMap((f) => f.bad.map((t) => ev('service-failing', `${hostOf(t)} (${serviceName(facts, f.id)}): ${failureWords(t)} with a valid certificate.`))),
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
    summary: joinClauses(
      `Only the sign-in service failed (${host}: ${failureWords(identityDown[0] as TargetResult)})`,
      `${others.length} of ${others.length} other service hosts and the internet check worked`,
      nothingPosted,
    ),
    evidence: [
      ev('sign-in-failing', `The sign-in service ${host} failed while every other service host answered; signing in or refreshing a session may fail.`),
      ev('baseline-ok', 'The internet check answered: the connection to the rest of the internet works.'),
    ],
    serviceIds,
    advice: { signIn: true },
  };
};
