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
 * Evidence codes: link-offline, network-unreachable, status-unreachable, captive-portal,
 * proxy-auth, dns-failed, link-up, literal-ip-ok, captive-dns-failed, status-reachable,
 * clock-skew, service-blocked, proxy-unreachable, connectivity-check-blocked, baseline-ok,
 * status-incident, status-stale-claim, service-failing, sign-in-failing, slow-step, slow-once,
 * all-answered, status-operational, status-unknown, probes-skipped, hosts-failing, tls-intercepted.
 */
import type { ServiceDef } from './catalog.js';
import type { Evidence, LadderResult, TargetResult, Verdict, VerdictFlag, VerdictKind } from './connectivity-model.js';
import { verdictAdvice, verdictTitle, type AdviceContext } from './advice.js';
import { severityRank, type Health } from './health.js';
import { MICROSOFT_INCIDENT_ID_PATTERN } from './situation.js';
import { isLocalProblem } from './tray-state.js';
import {
  answered,
  baselineState,
  certificateTrusted,
  dateCertError,
  demandsProxyAuth,
  hasForeignIssuer,
  hostOf,
  isDnsErrorCode,
  isIntercepted,
  isIpLiteral,
  isProxyPath,
  issuerOf,
  siteOf,
  slowSteps,
  stepOf,
  type BaselineState,
} from './ladder-facts.js';

/** One status source as the verdict needs it. */
export interface StatusSignal {
  readonly sourceId: string;
  readonly sourceName: string;
  /** Health after staleness (older than 3 poll intervals = unknown). */
  readonly health: Health;
  readonly fetchedAt: string | null;
  readonly error: string | null;
  /** false when the last fetch failed at the network level (DNS, refused, timeout, TLS);
   *  true when any HTTP answer came back, even an error status. */
  readonly reachedServer: boolean;
  /** Open incidents and maintenances in progress. */
  readonly incidents: readonly { readonly id: string; readonly title: string; readonly health: Health }[];
  /** Services built from this source. */
  readonly serviceIds: readonly string[];
  /** Services whose view of this source shows its problem; absent = all of `serviceIds`. */
  readonly affectedServiceIds?: readonly string[];
  /** Who runs the service, for "wait for Microsoft to fix it"; absent = `sourceName`. */
  readonly provider?: string;
  /** Why data that was read still vouches for nothing (an unknown status word, an expired feed). */
  readonly readProblem?: string | null;
}

/** What the verdict needs to know about a service to name it and suggest an alternative. */
export type ServiceLabel = Pick<ServiceDef, 'id' | 'name' | 'fallback'>;

export interface VerdictInput {
  readonly statuses: readonly StatusSignal[];
  /** null when the probes were skipped (`--no-probes`). */
  readonly ladder: LadderResult | null;
  /** Whether the previous run was slow (see `slowSteps`); slow-network needs two in a row. */
  readonly previousSlow?: boolean;
  /** Names and fallbacks of the watched services, for sentences; ids are used when missing. */
  readonly services?: readonly ServiceLabel[];
}

interface Facts {
  readonly statuses: readonly StatusSignal[];
  readonly ladder: LadderResult | null;
  readonly previousSlow: boolean;
  readonly baseline: BaselineState;
  readonly services: ReadonlyMap<string, ServiceLabel>;
  /** Sources whose word about a problem we believe (reached, or our own connection proven fine). */
  readonly confirming: readonly StatusSignal[];
  /** Sources that claim a problem but that we could not reach while our connection is in doubt. */
  readonly unverifiedClaims: readonly StatusSignal[];
}

interface Finding {
  readonly kind: VerdictKind;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly serviceIds: readonly string[];
  readonly advice?: AdviceContext;
}

type Rule = (facts: Facts) => Finding | null;

const ev = (code: string, text: string): Evidence => ({ code, text });
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

function serviceTargets(ladder: LadderResult): TargetResult[] {
  return ladder.targets.filter((t) => t.target.role === 'service' || t.target.role === 'identity');
}

function serviceIdsOf(targets: readonly TargetResult[]): string[] {
  return unique(targets.flatMap((t) => (t.target.serviceId ? [t.target.serviceId] : [])));
}

function serviceName(facts: Facts, id: string): string {
  return facts.services.get(id)?.name ?? id;
}

function fallbacksFor(facts: Facts, ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    const fallback = facts.services.get(id)?.fallback;
    return fallback ? [fallback] : [];
  });
}

function reportsProblem(status: StatusSignal): boolean {
  return status.health === 'maintenance' || status.health === 'degraded' || status.health === 'outage' || status.incidents.length > 0;
}

/** "the status page was reachable" / "none of the 3 status pages could be reached either". */
function statusReachClause(statuses: readonly StatusSignal[]): string | null {
  const total = statuses.length;
  if (total === 0) return null;
  const reached = statuses.filter((s) => s.reachedServer).length;
  if (total === 1) return reached === 1 ? 'the status page was reachable' : 'the status page could not be reached either';
  if (reached === total) return `all ${total} status pages were reachable`;
  if (reached === 0) return `none of the ${total} status pages could be reached either`;
  return `${reached} of ${total} status pages were reachable`;
}

function joinClauses(...clauses: (string | null | undefined | false)[]): string {
  return clauses.filter((c): c is string => typeof c === 'string' && c.length > 0).join('; ');
}

function statusReachEvidence(statuses: readonly StatusSignal[]): Evidence[] {
  const clause = statusReachClause(statuses);
  if (clause === null) return [];
  const allReached = statuses.every((s) => s.reachedServer);
  return [ev(allReached ? 'status-reachable' : 'status-unreachable', `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`)];
}

// ---------------------------------------------------------------- rule 1: no network

function linkUpDespiteLookups(facts: Facts, ladder: LadderResult): boolean {
  const named = ladder.targets.filter((t) => !isProxyPath(t.path) && !isIpLiteral(hostOf(t)));
  if (named.length === 0 || !named.every((t) => t.failedAt === 'dns')) return false;
  const literalTcpOk = ladder.targets.some((t) => isIpLiteral(hostOf(t)) && stepOf(t, 'tcp')?.outcome === 'ok');
  return ladder.link.online === true || literalTcpOk || facts.statuses.some((s) => s.reachedServer);
}

const noNetwork: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const total = ladder.targets.length;
  const anyAnswer = ladder.targets.some((t) => t.reachable) || ladder.captive.some((c) => c.outcome === 'ok' || c.outcome === 'portal');
  const statusClause = statusReachClause(facts.statuses);
  if (ladder.link.online === false && !anyAnswer) {
    return {
      kind: 'no-network',
      summary: joinClauses('The computer reports no network connection', total > 0 && `0 of ${total} hosts answered`, statusClause),
      evidence: [ev('link-offline', `The computer reports no network connection (${ladder.link.detail}).`), ...statusReachEvidence(facts.statuses)],
      serviceIds: [],
    };
  }
  const direct = ladder.targets.every((t) => !isProxyPath(t.path));
  const atNetworkLevel = ladder.targets.every((t) => t.failedAt === 'dns' || t.failedAt === 'tcp');
  const captiveFailed = ladder.captive.every((c) => c.outcome === 'unreachable' || c.outcome === 'timeout');
  const baselineTried = ladder.targets.some((t) => t.target.role === 'baseline') || ladder.captive.length > 0;
  if (!direct || !atNetworkLevel || !captiveFailed || !baselineTried || total + ladder.captive.length === 0) return null;
  if (linkUpDespiteLookups(facts, ladder)) return null;
  // A status page that answered proves some route out exists: not "no network".
  if (facts.statuses.some((s) => s.reachedServer)) return null;
  const dns = ladder.targets.filter((t) => t.failedAt === 'dns').length;
  const tcp = total - dns;
  const failures = total > 0 ? `No host answered: ${dns} of ${total} failed to look up, ${tcp} of ${total} failed to connect` : 'No internet check answered';
  const checks = ladder.captive.length > 0 ? `${ladder.captive.length} of ${ladder.captive.length} internet checks failed too` : null;
  return {
    kind: 'no-network',
    summary: joinClauses(failures, checks, statusClause),
    evidence: [
      ev('network-unreachable', `${failures}, including the internet check, and no proxy is configured.`),
      ...statusReachEvidence(facts.statuses),
    ],
    serviceIds: [],
  };
};

// ---------------------------------------------------------------- rule 2: captive portal

const captivePortal: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const portals = ladder.captive.filter((c) => c.outcome === 'portal');
  if (portals.length === 0) return null;
  const location = portals.find((c) => c.location)?.location ?? null;
  let portalHost: string | null = null;
  if (location) {
    try {
      portalHost = new URL(location).hostname || null;
    } catch {
      portalHost = null;
    }
  }
  const intercepted = `A Wi-Fi sign-in page intercepted ${portals.length} of ${ladder.captive.length} internet checks`;
  return {
    kind: 'captive-portal',
    summary: portalHost ? `${intercepted} (it redirects to ${portalHost})` : intercepted,
    evidence: portals.map((c) =>
      ev('captive-portal', `The internet check ${c.check.url} ${c.httpStatus ? `answered HTTP ${c.httpStatus}` : 'answered'} instead of its expected reply: ${c.detail}`),
    ),
    serviceIds: [],
  };
};

// ---------------------------------------------------------------- rule 3: proxy sign-in

const proxyAuthRequired: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const asked = ladder.targets.filter(demandsProxyAuth);
  const askedCaptive = ladder.captive.filter((c) => c.httpStatus === 407 || c.errorCode?.toUpperCase().includes('PROXY_AUTH'));
  const count = asked.length + askedCaptive.length;
  if (count === 0) return null;
  const total = ladder.targets.length + ladder.captive.length;
  return {
    kind: 'proxy-auth-required',
    summary: `The proxy asked for a sign-in (HTTP 407) on ${count} of ${total} checks`,
    evidence: asked.map((t) => ev('proxy-auth', `${hostOf(t)} via ${t.path}: the proxy wants credentials.`)),
    serviceIds: serviceIdsOf(asked),
  };
};

// ---------------------------------------------------------------- rule 4: DNS failure

const dnsFailure: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const named = ladder.targets.filter((t) => !isProxyPath(t.path) && !isIpLiteral(hostOf(t)));
  if (named.length === 0 || !named.every((t) => t.failedAt === 'dns')) return null;
  const evidence: Evidence[] = [ev('dns-failed', `Looking up the address failed for ${named.length} of ${named.length} hosts.`)];
  const literalOk = ladder.targets.filter((t) => isIpLiteral(hostOf(t)) && stepOf(t, 'tcp')?.outcome === 'ok');
  const captiveDns = ladder.captive.filter((c) => c.outcome !== 'ok' && isDnsErrorCode(c.errorCode));
  if (ladder.link.online === true) evidence.push(ev('link-up', 'The computer reports a working network connection.'));
  if (literalOk.length > 0) evidence.push(ev('literal-ip-ok', `A connection to the numeric address ${hostOf(literalOk[0] as TargetResult)} worked.`));
  if (captiveDns.length > 0) evidence.push(ev('captive-dns-failed', `The internet check could not look up its address either (${captiveDns.length} of ${ladder.captive.length}).`));
  evidence.push(...statusReachEvidence(facts.statuses));
  return {
    kind: 'dns-failure',
    summary: joinClauses(
      `DNS failed for ${named.length} of ${named.length} hosts`,
      literalOk.length > 0 && 'a numeric address connected',
      captiveDns.length > 0 && 'the internet check could not resolve either',
      statusReachClause(facts.statuses),
    ),
    evidence,
    serviceIds: serviceIdsOf(serviceTargets(ladder)),
  };
};

// ---------------------------------------------------------------- rule 5: clock skew

const clockSkew: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const dated = ladder.targets.flatMap((t) => {
    const code = dateCertError(t);
    return code ? [{ target: t, code }] : [];
  });
  const sites = unique(dated.map((d) => siteOf(hostOf(d.target))));
  if (sites.length < 2) return null;
  return {
    kind: 'clock-skew',
    summary: `Certificates looked expired or not yet valid on ${dated.length} of ${ladder.targets.length} hosts (${sites.length} unrelated sites): the computer's clock is likely wrong`,
    evidence: dated.map((d) => ev('clock-skew', `${hostOf(d.target)}: ${d.code}.`)),
    serviceIds: serviceIdsOf(dated.map((d) => d.target)),
  };
};

// ---------------------------------------------------------------- rule 6: blocked

/** How the network stopped this service target, or null if it did not. */
function blockedHow(target: TargetResult): string | null {
  if (dateCertError(target)) return null;
  if (target.failedAt === 'tcp') return 'connect';
  if (target.failedAt === 'tls') return 'secure connection';
  if (target.failedAt === 'dns') return isProxyPath(target.path) ? null : 'name lookup';
  const tls = stepOf(target, 'tls');
  if (tls?.tls?.authorized === false) return 'untrusted certificate';
  if (target.httpStatus === 403 && hasForeignIssuer(target)) return 'block page';
  return null;
}

function countBy(labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} at ${label}`).join(', ');
}

const blocked: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const services = serviceTargets(ladder);
  // The proxy itself did not answer: every site through it fails alike, so this is not "blocked".
  const proxied = ladder.targets.filter((t) => isProxyPath(t.path));
  if (proxied.length > 0 && proxied.every((t) => t.failedAt === 'tcp')) {
    const proxies = unique(proxied.map((t) => t.path));
    return {
      kind: 'proxy-unreachable',
      summary: `The proxy (${proxies.join(', ')}) could not be reached for ${proxied.length} of ${proxied.length} hosts`,
      evidence: [
        ev('proxy-unreachable', `Connecting to the proxy ${proxies.join(', ')} failed: the proxy is down or unreachable, so nothing that goes through it works.`),
      ],
      serviceIds: serviceIdsOf(services),
    };
  }
  if (facts.baseline === 'ok') {
    const stopped = services.flatMap((t) => {
      const how = blockedHow(t);
      return how ? [{ target: t, how }] : [];
    });
    if (stopped.length === 0) return null;
    return {
      kind: 'blocked',
      summary: `The internet check worked but ${stopped.length} of ${services.length} service hosts were blocked (${countBy(stopped.map((s) => s.how))})`,
      evidence: [
        ev('baseline-ok', 'The internet check answered: the connection to the rest of the internet works.'),
        ...stopped.map((s) => {
          const issuer = issuerOf(s.target);
          const byWhom = s.how === 'block page' || s.how === 'untrusted certificate' ? ` (certificate from ${issuer ?? 'an unknown issuer'})` : '';
          return ev('service-blocked', `${hostOf(s.target)}: stopped at the ${s.how} step${byWhom}.`);
        }),
      ],
      serviceIds: serviceIdsOf(stopped.map((s) => s.target)),
    };
  }
  if (facts.baseline === 'failed' && services.length > 0 && services.every(answered)) {
    return {
      kind: 'blocked',
      summary: `The Windows internet check failed but ${services.length} of ${services.length} service hosts answered; apps may act offline`,
      evidence: [
        ev('connectivity-check-blocked', 'The operating system\'s internet check is blocked on this network; Outlook and Teams use it and may think they are offline.'),
      ],
      serviceIds: serviceIdsOf(services),
    };
  }
  return null;
};

// ---------------------------------------------------------------- rule 7: provider incident

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
function lastShown(status: StatusSignal): string {
  return status.health === 'operational' || status.health === 'unknown' ? 'an open incident' : healthPhrase(status.health);
}

function affectedIds(status: StatusSignal): readonly string[] {
  return status.affectedServiceIds ?? status.serviceIds;
}

function describeClaim(facts: Facts, status: StatusSignal): string {
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

const providerIncident: Rule = (facts) => {
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
    // Name who fixes it ("Microsoft"), not the page we read it on; suggest only the failing services' fallbacks.
    advice: { provider: sources[0] ? (sources[0].provider ?? sources[0].sourceName) : null, fallbacks: fallbacksFor(facts, serviceIds), maintenance },
  };
};

// ---------------------------------------------------------------- rule 8: provider, unconfirmed

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

const providerUnconfirmed: Rule = (facts) => {
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
      advice: { fallbacks: fallbacksFor(facts, serviceIds) },
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
    advice: { signIn: true, fallbacks: fallbacksFor(facts, serviceIds) },
  };
};

// ---------------------------------------------------------------- rules 9–11

function everythingAnswered(ladder: LadderResult): boolean {
  return ladder.targets.length > 0 && ladder.targets.every((t) => answered(t) && (t.httpStatus === null || t.httpStatus < 500));
}

const STEP_WORDS = { dns: 'DNS', tcp: 'TCP', tls: 'TLS', http: 'HTTP' } as const;

function slowWords(ladder: LadderResult): string {
  return slowSteps(ladder)
    .map((s) => `${STEP_WORDS[s.step]} took a median ${Math.round(s.medianMs)} ms (slow above ${s.thresholdMs} ms)`)
    .join(', ');
}

const slowNetwork: Rule = (facts) => {
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

const allGood: Rule = (facts) => {
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
function unknownFinding(facts: Facts): Finding {
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

function gatherFacts(input: VerdictInput): Facts {
  const ladder = input.ladder;
  const baseline: BaselineState = ladder ? baselineState(ladder) : 'untested';
  const claims = input.statuses.filter(reportsProblem);
  // An unreachable page is believed only when our own connection is proven fine: otherwise its
  // silence (or its last known word) says more about our network than about the provider.
  const believed = (s: StatusSignal): boolean => s.reachedServer || (ladder !== null && baseline === 'ok');
  return {
    statuses: input.statuses,
    ladder,
    previousSlow: input.previousSlow === true,
    baseline,
    services: new Map((input.services ?? []).map((s) => [s.id, s])),
    confirming: claims.filter(believed),
    unverifiedClaims: claims.filter((s) => !believed(s)),
  };
}

function interceptionEvidence(ladder: LadderResult | null): Evidence[] {
  if (!ladder) return [];
  return ladder.targets
    .filter(isIntercepted)
    .map((t) =>
      ev(
        'tls-intercepted',
        `${hostOf(t)} presented a certificate from ${issuerOf(t) ?? 'an unknown issuer'}, not ${t.target.expectedIssuers.join(' or ')}: a proxy or security tool reads this traffic.`,
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

  let summary = found.summary;
  const evidence: Evidence[] = [...found.evidence];
  if (isLocalProblem(found.kind)) {
    // The reference's step 8: a confirmed incident annotates a local verdict, never replaces it.
    const alsoReported = facts.statuses.filter((s) => s.reachedServer && reportsProblem(s));
    if (alsoReported.length > 0) {
      summary = `${summary}; ${alsoReported.map((s) => s.sourceName).join(' and ')} also ${alsoReported.length === 1 ? 'reports' : 'report'} a problem`;
    }
    evidence.push(...alsoReported.map((s) => ev('status-incident', `${describeClaim(facts, s)}.`)));
    evidence.push(...facts.unverifiedClaims.map((s) => ev('status-stale-claim', `${describeClaim(facts, s)} (last known), but its status page could not be reached either: this points at your connection.`)));
  }
  const intercepted = interceptionEvidence(facts.ladder);
  evidence.push(...intercepted);
  const flags: VerdictFlag[] = intercepted.length > 0 ? ['tls-intercepted'] : [];

  return {
    kind: found.kind,
    title: verdictTitle(found.kind, found.advice),
    summary,
    advice: verdictAdvice(found.kind, found.advice),
    evidence,
    flags,
    serviceIds: found.serviceIds,
  };
}
