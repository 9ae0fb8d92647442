/**
 * What the connectivity ladder probes, as data: the default hosts per catalog service, the
 * baseline of unrelated well-known sites, the captive-portal checks, and how config, policy and
 * the Windows NCSI registry settings replace them. See ../shared/reference/connectivity.md B2, B3.
 */
import type { ProbeTargetConfig } from '../settings/config.js';
import type { CaptiveCheck, ProbeTarget } from './connectivity-model.js';
import { checkSourceUrl } from '../sources/url-rules.js';
import { renderPhrase } from '../i18n/phrase.js';

/** Issuer organizations of the certificates Microsoft 365 hosts present (matched as substrings). */
export const MICROSOFT_ISSUERS: readonly string[] = ['Microsoft', 'DigiCert'];

/** The identity endpoint every Microsoft 365 service signs in through (OIDC discovery document). */
export const IDENTITY_URL = 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration';

/** Catalog services whose probes imply the identity probe as well. */
export const MICROSOFT_365_SERVICE_IDS: readonly string[] = ['outlook', 'teams', 'sharepoint', 'm365'];

/** Default front-door URL per catalog service; SharePoint needs the tenant name and is built separately. */
export const SERVICE_PROBE_URLS: Readonly<Record<string, string>> = {
  outlook: 'https://outlook.office365.com/',
  teams: 'https://teams.microsoft.com/',
};

/** Sites unrelated to the watched services: if these work and ours fail, it is not "the internet". */
export const DEFAULT_BASELINE_URLS: readonly string[] = ['https://www.wikipedia.org/', 'https://www.apple.com/', 'https://www.google.com/'];

/** What Windows 10/11 probes (NCSI); deliberately plain http so that a portal can intercept it. */
export const NCSI_CHECK: CaptiveCheck = {
  id: 'ncsi',
  url: 'http://www.msftconnecttest.com/connecttest.txt',
  expectStatus: 200,
  expectBody: 'Microsoft Connect Test',
};

/** Android's check, the corroborating probe; a 200 with an empty body counts as 204 (as Android does). */
export const GENERATE_204_CHECK: CaptiveCheck = {
  id: 'generate-204',
  url: 'http://connectivitycheck.gstatic.com/generate_204',
  expectStatus: 204,
  expectBody: null,
};

export const DEFAULT_CAPTIVE_CHECKS: readonly CaptiveCheck[] = [NCSI_CHECK, GENERATE_204_CHECK];

/**
 * The NCSI values an enterprise may set under
 * `HKLM\SYSTEM\CurrentControlSet\Services\NlaSvc\Parameters\Internet` to repoint Windows' probe
 * at its own server. Null = not set. We probe what the OS probes.
 */
export interface NcsiOverrides {
  /** ActiveWebProbeHost, e.g. `www.msftconnecttest.com`. */
  readonly webProbeHost: string | null;
  /** ActiveWebProbePath, e.g. `connecttest.txt` (Windows stores it without the leading slash). */
  readonly webProbePath: string | null;
  /** ActiveWebProbeContent, e.g. `Microsoft Connect Test`. */
  readonly webProbeContent: string | null;
  /** EnableActiveProbing; false means Windows itself does not probe (informational). */
  readonly activeProbingEnabled: boolean | null;
  /** WebTimeout in seconds (informational). */
  readonly webTimeoutSeconds: number | null;
}

export interface ProbePlanInput {
  /** Watched catalog service ids, e.g. `['outlook', 'teams', 'sharepoint', 'm365']`. */
  readonly serviceIds: readonly string[];
  /** `contoso` for `contoso.sharepoint.com`; without it there is no SharePoint probe. */
  readonly tenantName?: string | null;
  /** From config or policy; each list given replaces its defaults entirely. */
  readonly overrides?: {
    readonly targets?: readonly ProbeTargetConfig[];
    readonly baseline?: readonly string[];
    readonly captive?: readonly CaptiveCheck[];
  };
  /** Windows NCSI registry values; they replace the default NCSI check (not a config-given list). */
  readonly ncsi?: NcsiOverrides | null;
}

export interface ProbePlan {
  readonly targets: readonly ProbeTarget[];
  readonly captive: readonly CaptiveCheck[];
  /** Entries left out and why (bad URL, bad tenant name, ...); the rest of the plan still stands. */
  readonly problems: readonly string[];
}

// A DNS label: what `<tenant>.sharepoint.com` accepts, and nothing that could change the host.
const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
// A host name or IPv4/bracketed IPv6 literal, optionally with a port; nothing that could smuggle a path or userinfo in.
const NCSI_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Builds what one ladder run probes. Pure; bad entries are dropped and named in `problems`. */
export function buildProbePlan(input: ProbePlanInput): ProbePlan {
  const problems: string[] = [];
  const overrides = input.overrides ?? {};
  const targets: ProbeTarget[] = [];
  const ids = new Set<string>();
  const add = (target: ProbeTarget, where: string): void => {
    if (ids.has(target.id)) {
      problems.push(`${where}: duplicate target id "${target.id}"; ignored`);
      return;
    }
    ids.add(target.id);
    targets.push(target);
  };

  if (overrides.targets !== undefined) {
    overrides.targets.forEach((config, i) => {
      const target = targetFromConfig(config, `targets[${i}]`, problems);
      if (target) add(target, `targets[${i}]`);
    });
  } else {
    for (const target of defaultServiceTargets(input.serviceIds, input.tenantName ?? null, problems)) add(target, `service ${target.serviceId}`);
  }

  const baseline = overrides.baseline ?? DEFAULT_BASELINE_URLS;
  baseline.forEach((raw, i) => {
    const url = checkSourceUrl(String(raw));
    if (!url.ok) {
      problems.push(`baseline[${i}]: ${renderPhrase(url.reason)}; ignored`);
      return;
    }
    add({ id: `baseline-${url.url.host}`, url: url.url.href, role: 'baseline', serviceId: null, expectedIssuers: [] }, `baseline[${i}]`);
  });

  let captive: CaptiveCheck[];
  if (overrides.captive !== undefined) {
    captive = [];
    overrides.captive.forEach((check, i) => {
      const reason = captiveCheckProblem(check);
      if (reason) problems.push(`captive[${i}]: ${reason}; ignored`);
      else captive.push(check);
    });
  } else {
    captive = DEFAULT_CAPTIVE_CHECKS.map((check) => (check.id === NCSI_CHECK.id && input.ncsi ? ncsiCheck(input.ncsi, problems) : check));
  }
  return { targets, captive, problems };
}

function defaultServiceTargets(serviceIds: readonly string[], tenantName: string | null, problems: string[]): ProbeTarget[] {
  const wanted = new Set(serviceIds);
  const targets: ProbeTarget[] = [];
  const microsoft = (id: string, url: string, serviceId: string, role: ProbeTarget['role'] = 'service'): ProbeTarget => ({
    id,
    url,
    role,
    serviceId,
    expectedIssuers: MICROSOFT_ISSUERS,
  });
  for (const [serviceId, url] of Object.entries(SERVICE_PROBE_URLS)) {
    if (wanted.has(serviceId)) targets.push(microsoft(serviceId, url, serviceId));
  }
  if (wanted.has('sharepoint') && tenantName !== null && tenantName !== '') {
    if (TENANT_NAME.test(tenantName)) {
      targets.push(microsoft('sharepoint', `https://${tenantName.toLowerCase()}.sharepoint.com/`, 'sharepoint'));
    } else {
      problems.push(`tenantName: "${tenantName.slice(0, 80)}" is not a single DNS label like "contoso"; no SharePoint probe`);
    }
  }
  if (MICROSOFT_365_SERVICE_IDS.some((id) => wanted.has(id))) targets.push(microsoft('identity', IDENTITY_URL, 'm365', 'identity'));
  return targets;
}

function targetFromConfig(config: ProbeTargetConfig, where: string, problems: string[]): ProbeTarget | null {
  if (typeof config !== 'object' || config === null || typeof config.id !== 'string' || config.id === '') {
    problems.push(`${where}: needs an "id" string; ignored`);
    return null;
  }
  const url = checkSourceUrl(String(config.url));
  if (!url.ok) {
    problems.push(`${where}.url: ${renderPhrase(url.reason)}; ignored`);
    return null;
  }
  return {
    id: config.id,
    url: url.url.href,
    role: config.role ?? 'service',
    serviceId: config.serviceId ?? null,
    expectedIssuers: Array.isArray(config.expectedIssuers) ? config.expectedIssuers.filter((s) => typeof s === 'string') : [],
  };
}

function captiveCheckProblem(check: CaptiveCheck): string | null {
  if (typeof check !== 'object' || check === null || typeof check.id !== 'string') return 'needs an "id" string';
  let url: URL;
  try {
    url = new URL(String(check.url));
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:') return `captive-portal checks must use plain http, got ${url.protocol}`;
  if (!Number.isInteger(check.expectStatus) || check.expectStatus < 100 || check.expectStatus > 599) return 'expectStatus must be an HTTP status code';
  if (check.expectBody !== null && typeof check.expectBody !== 'string') return 'expectBody must be a string or null';
  return null;
}

/** The NCSI check as Windows is configured to run it; unset values keep the Windows defaults. */
function ncsiCheck(ncsi: NcsiOverrides, problems: string[]): CaptiveCheck {
  const defaults = new URL(NCSI_CHECK.url);
  let host = defaults.host;
  if (ncsi.webProbeHost !== null && ncsi.webProbeHost.trim() !== '') {
    const candidate = ncsi.webProbeHost.trim();
    if (NCSI_HOST.test(candidate)) host = candidate;
    else problems.push(`NCSI ActiveWebProbeHost "${candidate.slice(0, 80)}" is not a host name; using ${host}`);
  }
  let path = defaults.pathname;
  if (ncsi.webProbePath !== null && ncsi.webProbePath.trim() !== '') path = `/${ncsi.webProbePath.trim().replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(`http://${host}${path}`);
  } catch {
    problems.push(`NCSI ActiveWebProbePath "${path.slice(0, 80)}" does not form a valid URL; using the default path`);
    url = new URL(`http://${host}${defaults.pathname}`);
  }
  return {
    id: NCSI_CHECK.id,
    url: url.href,
    expectStatus: 200,
    expectBody: ncsi.webProbeContent ?? NCSI_CHECK.expectBody,
  };
}

/**
 * The engine's light run: the service and sign-in hosts only, each probed up to an open
 * connection (no TLS handshake, no request), so that a host a firewall or DNS filter cuts off is
 * noticed between full runs for a few hundred bytes.
 */
export function lightProbePlan(plan: ProbePlan): ProbePlan & { readonly depth: 'connect' } {
  return { ...plan, targets: plan.targets.filter((t) => t.role === 'service' || t.role === 'identity'), depth: 'connect' };
}
