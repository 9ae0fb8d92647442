import { describe, expect, it } from 'vitest';
import type {
  CaptiveResult,
  LadderResult,
  ProbeStep,
  ProbeTarget,
  StepOutcome,
  StepResult,
  TargetResult,
  TlsDetails,
} from '../../../main/core/verdict/connectivity-model.js';
import type { Health } from '../../../main/core/health.js';
import { slowSteps } from '../../../main/core/verdict/ladder-facts.js';
import { trayStateFor } from '../../../main/core/tray/tray-state.js';
import { decideVerdict } from '../../../main/core/verdict/verdict.js';
import type { ServiceLabel, StatusSignal } from '../../../main/core/verdict/verdict-facts.js';

// ---- hand-built evidence: the verdict is a pure function of plain data --------------------------

const AT = '2026-01-20T09:00:00.000Z';
const MS_ISSUERS = ['Microsoft', 'DigiCert'];

const microsoftCert: TlsDetails = {
  subject: 'CN=outlook.office365.com',
  issuer: 'CN=DigiCert Cloud Services CA-1, O=DigiCert Inc',
  issuerOrg: 'DigiCert Inc',
  validFrom: '2025-10-01T00:00:00Z',
  validTo: '2026-09-30T23:59:59Z',
  authorized: true,
  authorizationError: null,
};
const zscalerCert: TlsDetails = {
  ...microsoftCert,
  issuer: 'CN=Zscaler Intermediate Root CA, O=Zscaler Inc.',
  issuerOrg: 'Zscaler Inc.',
};

const probe = (id: string, url: string, role: ProbeTarget['role'], serviceId: string | null, expectedIssuers = MS_ISSUERS): ProbeTarget => ({
  id,
  url,
  role,
  serviceId,
  expectedIssuers,
});

const OUTLOOK_1 = probe('outlook-365', 'https://outlook.office365.com/', 'service', 'outlook');
const OUTLOOK_2 = probe('outlook-web', 'https://outlook.office.com/', 'service', 'outlook');
const TEAMS = probe('teams', 'https://teams.microsoft.com/', 'service', 'teams');
const LOGIN = probe('login', 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration', 'identity', 'm365');
const BASELINE = probe('ncsi', 'http://www.msftconnecttest.com/connecttest.txt', 'baseline', null, []);
const ALL = [OUTLOOK_1, OUTLOOK_2, TEAMS, LOGIN, BASELINE];

const SERVICES: ServiceLabel[] = [
  { id: 'outlook', name: 'Outlook', fallback: 'Outlook on the web' },
  { id: 'teams', name: 'Microsoft Teams', fallback: 'a phone call' },
  { id: 'm365', name: 'Microsoft 365 suite', fallback: null },
];

const stepsFor = (target: ProbeTarget): ProbeStep[] => (target.url.startsWith('https:') ? ['dns', 'tcp', 'tls', 'http'] : ['dns', 'tcp', 'http']);

function step(name: ProbeStep, outcome: StepOutcome, extra: Partial<StepResult> = {}): StepResult {
  return { step: name, outcome, startedAt: AT, durationMs: 20, errorCode: null, detail: `${name} ${outcome}`, ...extra };
}

interface OkOptions {
  status?: number;
  tls?: TlsDetails;
  ms?: Partial<Record<ProbeStep, number>>;
  path?: string;
}

/** Every step succeeded and an HTTP status came back. */
function ok(target: ProbeTarget, options: OkOptions = {}): TargetResult {
  const status = options.status ?? (target.role === 'baseline' ? 200 : 302);
  const steps = stepsFor(target).map((name) =>
    step(name, 'ok', {
      durationMs: options.ms?.[name] ?? 20,
      ...(name === 'tls' ? { tls: options.tls ?? microsoftCert } : {}),
      ...(name === 'http' ? { httpStatus: status } : {}),
    }),
  );
  return { target, path: options.path ?? 'DIRECT', steps, failedAt: null, reachable: true, httpStatus: status };
}

/** Steps before `at` succeeded, `at` failed with `errorCode`, the rest did not run. */
function failAt(target: ProbeTarget, at: ProbeStep, errorCode: string, extra: Partial<StepResult> = {}, path = 'DIRECT'): TargetResult {
  const names = stepsFor(target);
  const index = names.indexOf(at);
  const steps = names.map((name, i) => {
    if (i < index) return step(name, 'ok', name === 'tls' ? { tls: microsoftCert } : {});
    if (i === index) return step(name, errorCode === 'ETIMEDOUT' ? 'timeout' : 'fail', { errorCode, ...extra });
    return step(name, 'skipped');
  });
  return { target, path, steps, failedAt: at, reachable: false, httpStatus: extra.httpStatus ?? null };
}

const ncsiCheck = { id: 'ncsi', url: 'http://www.msftconnecttest.com/connecttest.txt', expectStatus: 200, expectBody: 'Microsoft Connect Test' };
const appleCheck = { id: 'apple', url: 'http://captive.apple.com/hotspot-detect.html', expectStatus: 200, expectBody: 'Success' };

function captive(check: typeof ncsiCheck, outcome: CaptiveResult['outcome'], extra: Partial<CaptiveResult> = {}): CaptiveResult {
  return { check, outcome, durationMs: 30, httpStatus: outcome === 'ok' ? 200 : null, location: null, errorCode: null, detail: outcome, ...extra };
}

function ladder(targets: TargetResult[], options: { online?: boolean | null; captive?: CaptiveResult[]; proxy?: string } = {}): LadderResult {
  return {
    startedAt: AT,
    durationMs: 900,
    timedOut: false,
    link: { online: options.online === undefined ? true : options.online, detail: 'test link' },
    proxy: { mode: options.proxy ?? 'DIRECT', source: options.proxy ? 'system' : 'none' },
    captive: options.captive ?? [captive(ncsiCheck, 'ok')],
    targets,
  };
}

const healthy = (): TargetResult[] => ALL.map((t) => ok(t));

function status(health: Health, options: Partial<StatusSignal> = {}): StatusSignal {
  return {
    sourceId: 'microsoft-public',
    sourceName: 'Microsoft 365',
    health,
    fetchedAt: AT,
    error: null,
    reachedServer: true,
    incidents: [],
    serviceIds: ['outlook'],
    ...options,
  };
}

const EX_INCIDENT = { id: 'EX1224375', title: 'Users may be unable to send or receive email', health: 'degraded' as Health };
const unreachablePage = (health: Health): StatusSignal =>
  status(health, { reachedServer: false, error: 'getaddrinfo ENOTFOUND status.cloud.microsoft', incidents: [EX_INCIDENT] });

const codes = (v: { evidence: readonly { code: string }[] }): string[] => v.evidence.map((e) => e.code);

// ---- the rules, in the reference's order ---------------------------------------------------------

describe('decideVerdict: no network', () => {
  it('trusts the link saying offline when no probe answered', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'dns', 'EAI_AGAIN')), { online: false, captive: [captive(ncsiCheck, 'unreachable')] });
    const verdict = decideVerdict({ statuses: [status('operational', { reachedServer: false })], ladder: run });
    expect(verdict.kind).toBe('no-network');
    expect(verdict.summary).toContain('0 of 5 hosts answered');
    expect(verdict.advice).toMatch(/Wi-Fi/);
  });

  it('overrules an offline link when a host still answered', () => {
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(healthy(), { online: false }) });
    expect(verdict.kind).toBe('all-good');
  });

  it('calls it your network, not an outage, when the status page and the baseline both fail', () => {
    const targets = [failAt(OUTLOOK_1, 'dns', 'EAI_AGAIN'), failAt(OUTLOOK_2, 'tcp', 'ETIMEDOUT'), failAt(TEAMS, 'tcp', 'ENETUNREACH'), failAt(LOGIN, 'dns', 'EAI_AGAIN'), failAt(BASELINE, 'tcp', 'ETIMEDOUT')];
    const run = ladder(targets, { online: null, captive: [captive(ncsiCheck, 'timeout')] });
    const verdict = decideVerdict({ statuses: [unreachablePage('outage')], ladder: run });
    expect(verdict.kind).toBe('no-network');
    expect(verdict.summary).toContain('2 of 5 failed to look up, 3 of 5 failed to connect');
    expect(verdict.summary).toContain('the status page could not be reached either');
    expect(codes(verdict)).toContain('status-stale-claim');
    expect(trayStateFor(verdict, 'outage')).toBe('local');
  });

  it('does not say "no network" when every probe fails but the status page answered', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'tcp', 'ECONNREFUSED')), { online: null, captive: [captive(ncsiCheck, 'unreachable')] });
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: run });
    expect(verdict.kind).not.toBe('no-network');
  });
});

describe('decideVerdict: captive portal', () => {
  it('wins over a DNS failure that the portal itself causes', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'dns', 'ENOTFOUND')), {
      captive: [captive(ncsiCheck, 'portal', { httpStatus: 302, location: 'http://login.hotel-wifi.example/?src=ncsi' }), captive(appleCheck, 'timeout')],
    });
    const verdict = decideVerdict({ statuses: [], ladder: run });
    expect(verdict.kind).toBe('captive-portal');
    expect(verdict.summary).toContain('1 of 2 internet checks');
    expect(verdict.summary).toContain('login.hotel-wifi.example');
    expect(verdict.advice).toMatch(/browser/);
  });

  it('keeps a confirmed provider incident as a note on the local verdict', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'tcp', 'ETIMEDOUT')), { captive: [captive(ncsiCheck, 'portal', { httpStatus: 200 })] });
    const verdict = decideVerdict({ statuses: [status('degraded', { incidents: [EX_INCIDENT] })], ladder: run });
    expect(verdict.kind).toBe('captive-portal');
    expect(verdict.summary).toContain('Microsoft 365 also reports a problem');
    expect(codes(verdict)).toContain('status-incident');
  });
});

describe('decideVerdict: proxy sign-in', () => {
  it('reports a 407 before certificate-date errors', () => {
    const targets = [
      failAt(OUTLOOK_1, 'http', 'PROXY_AUTH_REQUIRED', { httpStatus: 407 }, 'PROXY proxy.corp:8080'),
      failAt(TEAMS, 'tls', 'CERT_HAS_EXPIRED'),
      failAt(LOGIN, 'tls', 'CERT_HAS_EXPIRED'),
      ok(BASELINE),
    ];
    const verdict = decideVerdict({ statuses: [], ladder: ladder(targets) });
    expect(verdict.kind).toBe('proxy-auth-required');
    expect(verdict.summary).toContain('1 of 5 checks');
    expect(verdict.serviceIds).toEqual(['outlook']);
  });
});

describe('decideVerdict: DNS failure', () => {
  it('names the count and the reachable status page when every lookup fails on a live link', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'dns', 'ENOTFOUND')), { captive: [captive(ncsiCheck, 'unreachable', { errorCode: 'ENOTFOUND' })] });
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: run });
    expect(verdict.kind).toBe('dns-failure');
    expect(verdict.summary).toBe('DNS failed for 5 of 5 hosts; the internet check could not resolve either; the status page was reachable');
    expect(codes(verdict)).toEqual(expect.arrayContaining(['dns-failed', 'link-up', 'captive-dns-failed']));
    expect(verdict.serviceIds).toEqual(['outlook', 'teams', 'm365']);
  });

  it('uses a working numeric address as proof the link is up when the OS cannot tell', () => {
    const literal = probe('literal', 'https://13.107.6.152/', 'baseline', null, []);
    const literalResult: TargetResult = { ...failAt(literal, 'tls', 'ERR_TLS_CERT_ALTNAME_INVALID') };
    const run = ladder([...ALL.map((t) => failAt(t, 'dns', 'EAI_AGAIN')), literalResult], { online: null, captive: [captive(ncsiCheck, 'unreachable')] });
    const verdict = decideVerdict({ statuses: [unreachablePage('unknown')], ladder: run });
    expect(verdict.kind).toBe('dns-failure');
    expect(codes(verdict)).toContain('literal-ip-ok');
  });

  it('is no network when lookups fail and nothing proves the link is up', () => {
    const run = ladder(ALL.map((t) => failAt(t, 'dns', 'EAI_AGAIN')), { online: null, captive: [captive(ncsiCheck, 'unreachable')] });
    expect(decideVerdict({ statuses: [unreachablePage('unknown')], ladder: run }).kind).toBe('no-network');
  });
});

describe('decideVerdict: clock skew', () => {
  it('needs date errors on two unrelated sites, and says where to fix the time', () => {
    const targets = [failAt(OUTLOOK_1, 'tls', 'CERT_NOT_YET_VALID'), failAt(TEAMS, 'tls', 'CERT_NOT_YET_VALID'), ok(OUTLOOK_2), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets) });
    expect(verdict.kind).toBe('clock-skew');
    expect(verdict.summary).toContain('2 of 5 hosts (2 unrelated sites)');
    expect(verdict.advice).toContain('Settings > Time');
  });

  it('does not blame the clock for two hosts of the same site', () => {
    const sameSite = probe('office-www', 'https://www.office.com/', 'service', 'outlook');
    const targets = [failAt(OUTLOOK_2, 'tls', 'CERT_HAS_EXPIRED'), failAt(sameSite, 'tls', 'net::ERR_CERT_DATE_INVALID'), ok(TEAMS), ok(BASELINE)];
    expect(decideVerdict({ statuses: [], ladder: ladder(targets) }).kind).not.toBe('clock-skew');
  });
});

describe('decideVerdict: blocked', () => {
  it('says the network reaches the internet but not the service', () => {
    const targets = [failAt(TEAMS, 'tcp', 'ECONNRESET'), ok(OUTLOOK_1), ok(OUTLOOK_2), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets) });
    expect(verdict.kind).toBe('blocked');
    expect(verdict.summary).toBe('The internet check worked but 1 of 4 service hosts were blocked (1 at connect)');
    expect(verdict.serviceIds).toEqual(['teams']);
  });

  it('comes before a posted incident, which stays as a note', () => {
    const targets = [failAt(TEAMS, 'tls', 'ECONNRESET'), ok(OUTLOOK_1), ok(OUTLOOK_2), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('degraded', { incidents: [EX_INCIDENT] })], ladder: ladder(targets) });
    expect(verdict.kind).toBe('blocked');
    expect(verdict.summary).toContain('1 at secure connection');
    expect(verdict.summary).toContain('Microsoft 365 also reports a problem');
  });

  it('treats a 403 behind a foreign certificate as a block page', () => {
    const targets = [ok(OUTLOOK_1, { status: 403, tls: zscalerCert }), ok(OUTLOOK_2), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [], ladder: ladder(targets) });
    expect(verdict.kind).toBe('blocked');
    expect(verdict.evidence.some((e) => e.text.includes('Zscaler'))).toBe(true);
  });

  it('a proxy nobody could connect to is proxy-unreachable, not blocked: the comparison sites fail through it too', () => {
    const path = 'PROXY proxy.corp:8080';
    const run = ladder(ALL.map((t) => failAt(t, 'tcp', 'ECONNREFUSED', {}, path)), { proxy: path, captive: [captive(ncsiCheck, 'unreachable')] });
    const verdict = decideVerdict({ statuses: [], ladder: run });
    expect(verdict.kind).toBe('proxy-unreachable');
    expect(verdict.title).toBe("Your company's proxy does not answer");
    expect(verdict.title + verdict.advice).not.toMatch(/reaches everything else|rest of the internet works/);
    expect(codes(verdict)).toContain('proxy-unreachable');
    expect(verdict.summary).toContain('5 of 5 hosts');
  });

  it('flags a blocked OS internet check while every service answers', () => {
    const targets = [ok(OUTLOOK_1), ok(OUTLOOK_2), ok(TEAMS), ok(LOGIN), failAt(BASELINE, 'tcp', 'ECONNREFUSED')];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets, { captive: [captive(ncsiCheck, 'unreachable')] }) });
    expect(verdict.kind).toBe('blocked');
    expect(codes(verdict)).toContain('connectivity-check-blocked');
  });
});

describe('decideVerdict: provider incident', () => {
  it('quotes a status page incident by its title, not its internal ID, and names the service once', () => {
    const github = status('outage', {
      sourceId: 'github',
      sourceName: 'GitHub',
      serviceIds: ['github'],
      incidents: [{ id: '80d0cs6kpsps', title: 'Git operations are failing', health: 'outage' }],
    });
    const verdict = decideVerdict({ statuses: [github], ladder: ladder(healthy()), services: [{ id: 'github', name: 'GitHub', fallback: null }] });
    expect(verdict.kind).toBe('provider-incident');
    expect(verdict.summary).toBe('GitHub reports an incident ("Git operations are failing"); your connection to the internet works');
  });

  it('names the incident and the service, and says no ticket is needed', () => {
    const verdict = decideVerdict({ statuses: [status('degraded', { incidents: [EX_INCIDENT] })], ladder: ladder(healthy()), services: SERVICES });
    expect(verdict.kind).toBe('provider-incident');
    expect(verdict.summary).toBe(
      'Microsoft 365 reports incident EX1224375 for Outlook ("Users may be unable to send or receive email"); your connection to the internet works',
    );
    expect(verdict.advice).toContain('no ticket needed');
    // Other channels are the advice's switch-channel item, which checks that each one works now.
    expect(verdict.advice).not.toMatch(/Meanwhile|Outlook on the web/);
    expect(verdict.serviceIds).toEqual(['outlook']);
  });

  it('works from status alone when probes are skipped', () => {
    const verdict = decideVerdict({ statuses: [status('outage', { sourceName: 'Zoom', serviceIds: ['zoom'] })], ladder: null });
    expect(verdict.kind).toBe('provider-incident');
    expect(verdict.summary).toBe('Zoom reports an outage for zoom; connection checks were skipped');
  });

  it('does not trust the last word of an unreachable page when probes are skipped', () => {
    const verdict = decideVerdict({ statuses: [unreachablePage('degraded')], ladder: null });
    expect(verdict.kind).toBe('unknown');
    expect(verdict.summary).toContain('did not answer just now');
  });

  it('keeps the last word of an unreachable page when our own connection is proven fine', () => {
    const verdict = decideVerdict({ statuses: [unreachablePage('degraded')], ladder: ladder(healthy()) });
    expect(verdict.kind).toBe('provider-incident');
  });

  it('wins over failing endpoints: posted beats unconfirmed', () => {
    const targets = [ok(OUTLOOK_1, { status: 503 }), ok(OUTLOOK_2, { status: 503 }), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('degraded', { incidents: [EX_INCIDENT] })], ladder: ladder(targets) });
    expect(verdict.kind).toBe('provider-incident');
  });

  it('advises waiting out planned maintenance', () => {
    const maintenance = status('maintenance', { incidents: [{ id: 'MT1', title: 'Planned upgrade', health: 'maintenance' }] });
    const verdict = decideVerdict({ statuses: [maintenance], ladder: ladder(healthy()) });
    expect(verdict.kind).toBe('provider-incident');
    expect(verdict.advice).toMatch(/maintenance ends/);
  });
});

describe('decideVerdict: provider, not yet confirmed', () => {
  it('needs two failing hosts of one service with trusted certificates', () => {
    const targets = [ok(OUTLOOK_1, { status: 503 }), failAt(OUTLOOK_2, 'http', 'ETIMEDOUT'), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets), services: SERVICES });
    expect(verdict.kind).toBe('provider-unconfirmed');
    expect(verdict.summary).toBe(
      '2 of 2 Outlook hosts failed with server errors or timeouts; the internet check worked; nothing is posted on the status page yet',
    );
    expect(verdict.serviceIds).toEqual(['outlook']);
  });

  it('does not blame the provider for errors behind an intercepting proxy', () => {
    const targets = [ok(OUTLOOK_1, { status: 502, tls: zscalerCert }), ok(OUTLOOK_2, { status: 502, tls: zscalerCert }), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    expect(decideVerdict({ statuses: [status('operational')], ladder: ladder(targets) }).kind).toBe('unknown');
  });

  it('is unsure about a single failing host', () => {
    const targets = [ok(OUTLOOK_1, { status: 503 }), ok(OUTLOOK_2), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets) });
    expect(verdict.kind).toBe('unknown');
    expect(verdict.summary).toContain('1 of 5 hosts failed');
  });

  it('names the sign-in service when only it fails', () => {
    const targets = [ok(OUTLOOK_1), ok(OUTLOOK_2), ok(TEAMS), failAt(LOGIN, 'http', 'ETIMEDOUT'), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets), services: SERVICES });
    expect(verdict.kind).toBe('provider-unconfirmed');
    expect(codes(verdict)).toContain('sign-in-failing');
    expect(verdict.summary).toContain('Only the sign-in service failed (login.microsoftonline.com: timed out)');
    expect(verdict.serviceIds).toEqual(['m365']);
  });
});

describe('decideVerdict: slow network', () => {
  const slowTls = (): TargetResult[] => ALL.map((t) => ok(t, { ms: { tls: 900 } }));

  it('needs two slow runs in a row', () => {
    const once = decideVerdict({ statuses: [status('operational')], ladder: ladder(slowTls()), previousSlow: false });
    expect(once.kind).toBe('all-good');
    expect(codes(once)).toContain('slow-once');
    const twice = decideVerdict({ statuses: [status('operational')], ladder: ladder(slowTls()), previousSlow: true });
    expect(twice.kind).toBe('slow-network');
    expect(twice.summary).toContain('TLS took a median 900 ms (slow above 500 ms)');
  });

  it('judges the median, not one slow host', () => {
    const targets = [ok(OUTLOOK_1, { ms: { http: 4000 } }), ok(OUTLOOK_2), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    expect(slowSteps(ladder(targets))).toEqual([]);
    expect(decideVerdict({ statuses: [], ladder: ladder(targets), previousSlow: true }).kind).toBe('all-good');
  });
});

describe('decideVerdict: all good and unknown', () => {
  it('says all good only when every host answered and every source vouches', () => {
    const verdict = decideVerdict({ statuses: [status('operational'), status('operational', { sourceId: 'zoom', sourceName: 'Zoom' })], ladder: ladder(healthy()) });
    expect(verdict.kind).toBe('all-good');
    expect(verdict.summary).toBe('All 5 hosts answered; 2 of 2 status sources report no problems');
    expect(verdict.flags).toEqual([]);
  });

  it('is never all good while a status source is unknown', () => {
    const verdict = decideVerdict({
      statuses: [status('operational'), status('unknown', { sourceName: 'Zoom', error: 'HTTP 503' })],
      ladder: ladder(healthy()),
    });
    expect(verdict.kind).toBe('unknown');
    expect(verdict.summary).toContain('1 of 2 status sources could not be read');
  });

  it('cannot tell from an unknown status without probes', () => {
    const verdict = decideVerdict({ statuses: [status('unknown', { error: 'HTML instead of JSON' })], ladder: null });
    expect(verdict.kind).toBe('unknown');
    expect(verdict.summary).toBe('Cannot tell: 1 of 1 status sources could not be read; connection checks were skipped');
  });

  it('flags TLS interception without changing the verdict', () => {
    const targets = [ok(OUTLOOK_1, { tls: zscalerCert }), ok(OUTLOOK_2), ok(TEAMS), ok(LOGIN), ok(BASELINE)];
    const verdict = decideVerdict({ statuses: [status('operational')], ladder: ladder(targets) });
    expect(verdict.kind).toBe('all-good');
    expect(verdict.flags).toEqual(['tls-intercepted']);
    expect(verdict.evidence.find((e) => e.code === 'tls-intercepted')?.text).toContain('Zscaler Inc.');
  });

  it('does not flag interception for hosts without expected issuers', () => {
    const anyIssuer = probe('intranet', 'https://intranet.corp.example/', 'service', 'intranet', []);
    const verdict = decideVerdict({ statuses: [], ladder: ladder([ok(anyIssuer, { tls: zscalerCert }), ok(BASELINE)]) });
    expect(verdict.flags).toEqual([]);
  });
});
