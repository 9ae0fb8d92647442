/**
 * Small, pure readings of one probe-ladder run, shared by the verdict rules
 * (../shared/reference/connectivity.md, B2–B5). Each answers one question about the evidence
 * ("did the baseline answer?", "is this a clock error?") so that the rules in verdict.ts read like
 * the reference's classification list.
 */
import type { LadderResult, ProbeStep, StepResult, TargetResult } from './connectivity-model.js';

/** The reference's "slow if >" column (B5), in milliseconds, judged on the median over targets. */
const SLOW_THRESHOLDS_MS = { dns: 250, tcp: 300, tls: 500, http: 1500 } as const;
type TimedStep = keyof typeof SLOW_THRESHOLDS_MS;

export interface SlowStep {
  readonly step: TimedStep;
  readonly medianMs: number;
  readonly thresholdMs: number;
}

// Node names the date errors one way, Chromium (`net::ERR_CERT_DATE_INVALID`) another.
const DATE_CERT_ERRORS = new Set(['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED', 'ERR_CERT_DATE_INVALID']);
const PROXY_AUTH_ERRORS = new Set(['PROXY_AUTH_REQUIRED', 'ERR_PROXY_AUTH_REQUESTED', 'ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION']);
const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ESERVFAIL', 'ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED']);

/** Upper-case and without Chromium's `net::` prefix, so both stacks' codes compare equal. */
function normaliseCode(code: string | null | undefined): string | null {
  if (!code) return null;
  return code.trim().replace(/^net::/i, '').toUpperCase();
}

export function stepOf(target: TargetResult, step: ProbeStep): StepResult | undefined {
  return target.steps.find((s) => s.step === step);
}

/** The host a target talks to, for sentences and for telling hosts apart; the id if the URL is bad. */
export function hostOf(target: TargetResult): string {
  try {
    return new URL(target.target.url).hostname.replace(/^\[|\]$/g, '') || target.target.id;
  } catch {
    return target.target.id;
  }
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * "Unrelated" hosts for the clock-skew rule: the last two labels of the name. `outlook.office.com`
 * and `www.office.com` are one site; `login.microsoftonline.com` is another. Public suffixes like
 * `co.uk` would merge two sites into one, which only makes the rule more cautious.
 */
export function siteOf(host: string): string {
  if (isIpLiteral(host)) return host;
  return host.toLowerCase().split('.').filter(Boolean).slice(-2).join('.');
}

export function isProxyPath(path: string): boolean {
  return path.trim().toUpperCase() !== 'DIRECT';
}

/** The certificate-date error this target hit (expired / not yet valid), or null. */
export function dateCertError(target: TargetResult): string | null {
  for (const step of target.steps) {
    for (const raw of [step.errorCode, step.tls?.authorizationError]) {
      const code = normaliseCode(raw);
      if (code && DATE_CERT_ERRORS.has(code)) return code;
    }
  }
  return null;
}

/** A proxy asked for credentials: HTTP 407 anywhere, or the stack's proxy-auth error code. */
export function demandsProxyAuth(target: TargetResult): boolean {
  if (target.httpStatus === 407) return true;
  return target.steps.some((s) => s.httpStatus === 407 || PROXY_AUTH_ERRORS.has(normaliseCode(s.errorCode) ?? ''));
}

export function isDnsErrorCode(code: string | null): boolean {
  return DNS_ERRORS.has(normaliseCode(code) ?? '');
}

/** Who issued the certificate the target presented, as the probe read it. */
export function issuerOf(target: TargetResult): string | null {
  const tls = stepOf(target, 'tls')?.tls;
  if (!tls) return null;
  return tls.issuerOrg ?? (tls.issuer || null);
}

/** The certificate came from someone outside the target's expected issuers (a proxy, a corporate CA). */
export function hasForeignIssuer(target: TargetResult): boolean {
  const expected = target.target.expectedIssuers;
  const issuer = issuerOf(target);
  if (expected.length === 0 || issuer === null) return false;
  const lower = issuer.toLowerCase();
  return !expected.some((org) => lower.includes(org.toLowerCase()));
}

/** A verified chain from someone unexpected: the `tls-intercepted` flag (informational). */
export function isIntercepted(target: TargetResult): boolean {
  const tls = stepOf(target, 'tls');
  return tls?.outcome === 'ok' && tls.tls?.authorized === true && hasForeignIssuer(target);
}

/**
 * The answer came over a certificate we can vouch for: verified and from an expected issuer.
 * Plain-http targets (loopback in tests, the OS baseline) have no certificate to doubt.
 */
export function certificateTrusted(target: TargetResult): boolean {
  if (target.target.url.toLowerCase().startsWith('http:')) return true;
  const tls = stepOf(target, 'tls');
  return tls?.outcome === 'ok' && tls.tls?.authorized !== false && !hasForeignIssuer(target);
}

/** Every step that ran succeeded and an HTTP answer came back. */
export function answered(target: TargetResult): boolean {
  return target.failedAt === null && target.reachable;
}

export type BaselineState = 'ok' | 'failed' | 'untested';

/**
 * Whether the rest of the internet works: any baseline target (the OS connectivity check) or any
 * captive-portal check answered as expected. `failed` needs at least one such probe to have run.
 */
export function baselineState(ladder: LadderResult): BaselineState {
  const baselines = ladder.targets.filter((t) => t.target.role === 'baseline');
  if (baselines.some(answered) || ladder.captive.some((c) => c.outcome === 'ok')) return 'ok';
  const tried = baselines.length + ladder.captive.length;
  return tried === 0 ? 'untested' : 'failed';
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/**
 * Steps whose median duration over the successful runs exceeds the reference's "slow" threshold.
 * The caller remembers whether the previous run was slow (`previousSlow` of decideVerdict): one
 * slow run is noise, two in a row is a slow network.
 */
export function slowSteps(ladder: LadderResult): SlowStep[] {
  const slow: SlowStep[] = [];
  for (const step of Object.keys(SLOW_THRESHOLDS_MS) as TimedStep[]) {
    const durations = ladder.targets.flatMap((t) => t.steps.filter((s) => s.step === step && s.outcome === 'ok').map((s) => s.durationMs));
    const medianMs = median(durations);
    const thresholdMs = SLOW_THRESHOLDS_MS[step];
    if (medianMs !== null && medianMs > thresholdMs) slow.push({ step, medianMs, thresholdMs });
  }
  return slow;
}
