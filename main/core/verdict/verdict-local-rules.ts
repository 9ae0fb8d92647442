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
import {
  ev,
  joinClauses,
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
  const intercepted = `A network sign-in page intercepted ${portals.length} of ${ladder.captive.length} internet checks`;
  return {
    kind: 'captive-portal',
    summary: portalHost ? `${intercepted} (it redirects to ${portalHost})` : intercepted,
    evidence: portals.map((c) =>
      ev('captive-portal', `The internet check ${c.check.url} ${c.httpStatus ? `answered HTTP ${c.httpStatus}` : 'answered'} instead of its expected reply: ${c.detail}`),
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
    summary: `The proxy asked for a sign-in (HTTP 407) on ${count} of ${total} checks`,
    evidence: asked.map((t) => ev('proxy-auth', `${hostOf(t)} via ${t.path}: the proxy wants credentials.`)),
    serviceIds: serviceIdsOf(asked),
  };
};

/** Rule 4: every named host failed to look up while the link (or a numeric address) works. */
export const dnsFailure: Rule = (facts) => {
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
    summary: `Certificates looked expired or not yet valid on ${dated.length} of ${ladder.targets.length} hosts (${sites.length} unrelated sites): the computer's clock is likely wrong`,
    evidence: dated.map((d) => ev('clock-skew', `${hostOf(d.target)}: ${d.code}.`)),
    serviceIds: serviceIdsOf(dated.map((d) => d.target)),
  };
};

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
