/**
 * Rules 1–6 of the verdict: is the problem on this side of the connection? No network, a Wi-Fi
 * sign-in page, a proxy that wants credentials, failing name lookups, a wrong clock, or a network
 * that blocks the services (or the proxy itself being down). Each rule returns a finding or null;
 * `verdict.ts` runs them in order and the first match wins.
 */
import type { Evidence, LadderResult, TargetResult } from './connectivity-model.js';
import {
  answered,
  dateCertError,
  demandsProxyAuth,
  hasForeignIssuer,
  hostOf,
  isDnsErrorCode,
  isIpLiteral,
  isProxyPath,
  issuerOf,
  siteOf,
  stepOf,
} from './ladder-facts.js';
import { clauses, commaList, say, type Phrase } from './verdict-phrase.js';
import {
  ev,
  serviceIdsOf,
  serviceTargets,
  statusReachClause,
  statusReachEvidence,
  unique,
  type Facts,
  type Rule,
} from './verdict-facts.js';

function linkUpDespiteLookups(facts: Facts, ladder: LadderResult): boolean {
  const named = ladder.targets.filter((t) => !isProxyPath(t.path) && !isIpLiteral(hostOf(t)));
  if (named.length === 0 || !named.every((t) => t.failedAt === 'dns')) return false;
  const literalTcpOk = ladder.targets.some((t) => isIpLiteral(hostOf(t)) && stepOf(t, 'tcp')?.outcome === 'ok');
  return ladder.link.online === true || literalTcpOk || facts.statuses.some((s) => s.reachedServer);
}

/** Rule 1: the link is down, or nothing answered at the network level with no proxy in the way. */
export const noNetwork: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const total = ladder.targets.length;
  const anyAnswer = ladder.targets.some((t) => t.reachable) || ladder.captive.some((c) => c.outcome === 'ok' || c.outcome === 'portal');
  const statusClause = statusReachClause(facts.statuses);
  if (ladder.link.online === false && !anyAnswer) {
    return {
      kind: 'no-network',
      summary: clauses(say('verdict.noNetwork.offline'), total > 0 && say('verdict.noNetwork.noneAnswered', { total: String(total) }), statusClause),
      evidence: [ev('link-offline', say('verdict.ev.linkOffline', { detail: ladder.link.detailWords ?? ladder.link.detail })), ...statusReachEvidence(facts.statuses)],
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
  const failures =
    total > 0 ? say('verdict.noNetwork.noHost', { dns: String(dns), tcp: String(tcp), total: String(total) }) : say('verdict.noNetwork.noCheck');
  const checks = ladder.captive.length > 0 ? say('verdict.noNetwork.checksFailed', { count: String(ladder.captive.length) }) : null;
  return {
    kind: 'no-network',
    summary: clauses(failures, checks, statusClause),
    evidence: [
      ev('network-unreachable', say('verdict.ev.networkUnreachable', { failures })),
      ...statusReachEvidence(facts.statuses),
    ],
    serviceIds: [],
  };
};

/** Rule 2: an internet check got a network sign-in page instead of its expected reply. */
export const captivePortal: Rule = (facts) => {
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
  const intercepted = say('verdict.captive.intercepted', { count: String(portals.length), total: String(ladder.captive.length) });
  return {
    kind: 'captive-portal',
    summary: portalHost ? say('verdict.captive.redirects', { intercepted, host: portalHost }) : intercepted,
    evidence: portals.map((c) =>
      ev(
        'captive-portal',
        c.httpStatus
          ? say('verdict.ev.captiveStatus', { url: c.check.url, status: String(c.httpStatus), detail: c.detailWords ?? c.detail })
          : say('verdict.ev.captive', { url: c.check.url, detail: c.detailWords ?? c.detail }),
      ),
    ),
    serviceIds: [],
  };
};

/** Rule 3: the proxy answered 407 and wants credentials. */
export const proxyAuthRequired: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const asked = ladder.targets.filter(demandsProxyAuth);
  const askedCaptive = ladder.captive.filter((c) => c.httpStatus === 407 || c.errorCode?.toUpperCase().includes('PROXY_AUTH'));
  const count = asked.length + askedCaptive.length;
  if (count === 0) return null;
  const total = ladder.targets.length + ladder.captive.length;
  return {
    kind: 'proxy-auth-required',
    summary: say('verdict.proxyAuth.summary', { count: String(count), total: String(total) }),
    evidence: asked.map((t) => ev('proxy-auth', say('verdict.ev.proxyAuth', { host: hostOf(t), path: t.path }))),
    serviceIds: serviceIdsOf(asked),
  };
};

/** Rule 4: every named host failed to look up while the link (or a numeric address) works. */
export const dnsFailure: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const named = ladder.targets.filter((t) => !isProxyPath(t.path) && !isIpLiteral(hostOf(t)));
  if (named.length === 0 || !named.every((t) => t.failedAt === 'dns')) return null;
  const evidence: Evidence[] = [ev('dns-failed', say('verdict.ev.dnsFailed', { count: String(named.length) }))];
  const literalOk = ladder.targets.filter((t) => isIpLiteral(hostOf(t)) && stepOf(t, 'tcp')?.outcome === 'ok');
  const captiveDns = ladder.captive.filter((c) => c.outcome !== 'ok' && isDnsErrorCode(c.errorCode));
  if (ladder.link.online === true) evidence.push(ev('link-up', say('verdict.ev.linkUp')));
  if (literalOk.length > 0) evidence.push(ev('literal-ip-ok', say('verdict.ev.literalIpOk', { host: hostOf(literalOk[0] as TargetResult) })));
  if (captiveDns.length > 0) {
    evidence.push(ev('captive-dns-failed', say('verdict.ev.captiveDnsFailed', { count: String(captiveDns.length), total: String(ladder.captive.length) })));
  }
  evidence.push(...statusReachEvidence(facts.statuses));
  return {
    kind: 'dns-failure',
    summary: clauses(
      say('verdict.dns.failed', { count: String(named.length) }),
      literalOk.length > 0 && say('verdict.dns.literalOk'),
      captiveDns.length > 0 && say('verdict.dns.captiveFailed'),
      statusReachClause(facts.statuses),
    ),
    evidence,
    serviceIds: serviceIdsOf(serviceTargets(ladder)),
  };
};

/** Rule 5: certificates of two or more unrelated sites look expired or not yet valid. */
export const clockSkew: Rule = (facts) => {
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
    summary: say('verdict.clock.summary', { count: String(dated.length), total: String(ladder.targets.length), sites: String(sites.length) }),
    evidence: dated.map((d) => ev('clock-skew', say('verdict.ev.clockSkew', { host: hostOf(d.target), code: d.code }))),
    serviceIds: serviceIdsOf(dated.map((d) => d.target)),
  };
};

/** The step at which the network stopped a host (the `step` select of the `verdict.*` messages). */
type BlockedStep = 'connect' | 'secure' | 'lookup' | 'certificate' | 'blockPage';

/** How the network stopped this service target, or null if it did not. */
function blockedHow(target: TargetResult): BlockedStep | null {
  if (dateCertError(target)) return null;
  if (target.failedAt === 'tcp') return 'connect';
  if (target.failedAt === 'tls') return 'secure';
  if (target.failedAt === 'dns') return isProxyPath(target.path) ? null : 'lookup';
  const tls = stepOf(target, 'tls');
  if (tls?.tls?.authorized === false) return 'certificate';
  if (target.httpStatus === 403 && hasForeignIssuer(target)) return 'blockPage';
  return null;
}

/** "1 at connect, 2 at name lookup". */
function countBy(steps: readonly BlockedStep[]): Phrase {
  const counts = new Map<BlockedStep, number>();
  for (const step of steps) counts.set(step, (counts.get(step) ?? 0) + 1);
  return commaList([...counts].map(([step, n]) => say('verdict.blocked.countAt', { count: String(n), step })));
}

/** Rule 6: the proxy itself is unreachable, or the network stops the services while the rest works. */
export const blocked: Rule = (facts) => {
  const ladder = facts.ladder;
  if (!ladder) return null;
  const services = serviceTargets(ladder);
  // The proxy itself did not answer: every site through it fails alike, so this is not "blocked".
  const proxied = ladder.targets.filter((t) => isProxyPath(t.path));
  if (proxied.length > 0 && proxied.every((t) => t.failedAt === 'tcp')) {
    const proxies = unique(proxied.map((t) => t.path));
    return {
      kind: 'proxy-unreachable',
      summary: say('verdict.proxyDown.summary', { proxies: proxies.join(', '), count: String(proxied.length) }),
      evidence: [ev('proxy-unreachable', say('verdict.ev.proxyDown', { proxies: proxies.join(', ') }))],
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
      summary: say('verdict.blocked.summary', { count: String(stopped.length), total: String(services.length), how: countBy(stopped.map((s) => s.how)) }),
      evidence: [
        ev('baseline-ok', say('verdict.ev.baselineOk')),
        ...stopped.map((s) => {
          const host = hostOf(s.target);
          if (s.how !== 'blockPage' && s.how !== 'certificate') return ev('service-blocked', say('verdict.ev.serviceBlocked', { host, step: s.how }));
          const issuer = issuerOf(s.target) ?? say('verdict.unknownIssuer');
          return ev('service-blocked', say('verdict.ev.serviceBlockedBy', { host, step: s.how, issuer }));
        }),
      ],
      serviceIds: serviceIdsOf(stopped.map((s) => s.target)),
    };
  }
  if (facts.baseline === 'failed' && services.length > 0 && services.every(answered)) {
    return {
      kind: 'blocked',
      summary: say('verdict.blocked.osCheck', { count: String(services.length) }),
      evidence: [ev('connectivity-check-blocked', say('verdict.ev.osCheckBlocked'))],
      serviceIds: serviceIdsOf(services),
    };
  }
  return null;
};
