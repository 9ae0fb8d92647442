/**
 * Data shapes of the connectivity ladder ("is it me or them") and of the verdict drawn from it.
 * Probes (main/node/probes) produce these; the verdict (main/core/verdict.ts) consumes them.
 * See ../shared/reference/connectivity.md, B3 and B5.
 */
import type { Translator } from '../i18n/translate.js';
import { renderPhrase, type Phrase } from './verdict-phrase.js';

/** Details a verdict's words are made from; everything is optional. */
export interface VerdictWordsContext {
  /** Who has the problem and fixes it, e.g. "Microsoft", "Zoom" (not the page we read it on). */
  readonly provider?: string | null;
  /** The provider's problem is planned maintenance, not an incident. */
  readonly maintenance?: boolean;
  /** The failing part is the sign-in service (everything else answers). */
  readonly signIn?: boolean;
}

export const PROBE_STEPS = ['link', 'proxy', 'captive', 'dns', 'tcp', 'tls', 'http'] as const;
export type ProbeStep = (typeof PROBE_STEPS)[number];

/** `skipped` means the step was not run (an earlier step failed, or the path is via a proxy). */
export type StepOutcome = 'ok' | 'fail' | 'timeout' | 'skipped';

export interface TlsDetails {
  readonly subject: string;
  readonly issuer: string;
  /** Issuer organization, e.g. "Microsoft Corporation", "DigiCert Inc", "Zscaler Inc." */
  readonly issuerOrg: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Whether the chain verified against the trust store in use. */
  readonly authorized: boolean;
  readonly authorizationError: string | null;
}

export interface StepResult {
  readonly step: ProbeStep;
  readonly outcome: StepOutcome;
  /** ISO time the step started. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** Node / OS error code (ENOTFOUND, ECONNREFUSED, CERT_NOT_YET_VALID, ...) or HTTP-ish code, else null. */
  readonly errorCode: string | null;
  /** One short human sentence about what happened, in English (JSON output, logs). */
  readonly detail: string;
  /**
   * The detail as data (`probe.*` messages; hosts, codes and the runtime's own text as values),
   * to say it in the person's language. Not part of the JSON output (`ladderForJson`); absent
   * in results from before details carried their words.
   */
  readonly detailWords?: Phrase;
  /** Addresses found by DNS. */
  readonly addresses?: readonly string[];
  readonly tls?: TlsDetails;
  readonly httpStatus?: number;
}

export type TargetRole = 'service' | 'identity' | 'baseline' | 'status-page';

/** One host the ladder checks, as data (catalog defaults, config/policy overrides, tests). */
export interface ProbeTarget {
  readonly id: string;
  /** https URL (or http for loopback in tests) requested at the HTTP step. */
  readonly url: string;
  readonly role: TargetRole;
  /** Catalog service this target belongs to, for `service` and `identity` roles. */
  readonly serviceId: string | null;
  /** Organizations whose certificates this host legitimately presents (e.g. ["Microsoft", "DigiCert"]);
   *  an issuer outside the list on a verified chain raises the `tls-intercepted` flag. Empty = no check. */
  readonly expectedIssuers: readonly string[];
}

export interface TargetResult {
  readonly target: ProbeTarget;
  /** `DIRECT` or `PROXY host:port` — how the request travelled. */
  readonly path: string;
  readonly steps: readonly StepResult[];
  /** The first step that failed or timed out, or null if every step that ran was ok. */
  readonly failedAt: ProbeStep | null;
  /** Got any HTTP response over a verified TLS session (any status counts, per connectivity.md B2). */
  readonly reachable: boolean;
  readonly httpStatus: number | null;
}

/** A captive-portal check: plain HTTP, no redirects followed, exact body compare. */
export interface CaptiveCheck {
  readonly id: string;
  readonly url: string;
  readonly expectStatus: number;
  /** Exact body expected; null when only the status matters (generate_204). */
  readonly expectBody: string | null;
}

export type CaptiveOutcome = 'ok' | 'portal' | 'unreachable' | 'timeout';

export interface CaptiveResult {
  readonly check: CaptiveCheck;
  readonly outcome: CaptiveOutcome;
  readonly durationMs: number;
  readonly httpStatus: number | null;
  /** The portal's Location header when it redirected us. */
  readonly location: string | null;
  readonly errorCode: string | null;
  readonly detail: string;
  /** The detail as data, as `StepResult.detailWords`. */
  readonly detailWords?: Phrase;
}

export interface LinkState {
  /** false = the OS reports no usable network interface; null = cannot tell. */
  readonly online: boolean | null;
  readonly detail: string;
  /** The detail as data, as `StepResult.detailWords`. */
  readonly detailWords?: Phrase;
}

export interface ProxyInfo {
  /** `DIRECT`, `PROXY host:port`, or a PAC-style list as Electron's resolveProxy returns it. */
  readonly mode: string;
  readonly source: 'none' | 'env' | 'system' | 'config';
}

export interface LadderResult {
  readonly startedAt: string;
  readonly durationMs: number;
  /** True when the global bound (15 s) cut the run short; unfinished steps are `timeout`. */
  readonly timedOut: boolean;
  readonly link: LinkState;
  readonly proxy: ProxyInfo;
  readonly captive: readonly CaptiveResult[];
  readonly targets: readonly TargetResult[];
}

export const VERDICT_KINDS = [
  'all-good',
  'provider-incident',
  'provider-unconfirmed',
  'no-network',
  'captive-portal',
  'dns-failure',
  'proxy-auth-required',
  'proxy-unreachable',
  'blocked',
  'clock-skew',
  'slow-network',
  'unknown',
] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export const VERDICT_FLAGS = ['tls-intercepted'] as const;
export type VerdictFlag = (typeof VERDICT_FLAGS)[number];

export interface Evidence {
  /** Machine-readable tag, e.g. `dns-failed`, `baseline-ok`, `status-page-incident`. */
  readonly code: string;
  /** One plain sentence. */
  readonly text: string;
  /** The sentence as data, to say it in another language (never in the JSON output). */
  readonly phrase?: Phrase;
}

export interface Verdict {
  readonly kind: VerdictKind;
  /** The one-sentence answer a person reads first: "Microsoft 365 has an incident: it is not you". */
  readonly title: string;
  /** One line naming the evidence: "DNS failed for 3 of 3 hosts; the status page was reachable". */
  readonly summary: string;
  /** What to do, in words a non-technical person understands. */
  readonly advice: string;
  readonly evidence: readonly Evidence[];
  readonly flags: readonly VerdictFlag[];
  /** Services the verdict is about (e.g. the ones with a provider incident). */
  readonly serviceIds: readonly string[];
  /**
   * What the title and advice were made from (who fixes it, maintenance, sign-in), so a human
   * output can say them in another language. Not part of the JSON output (`verdictForJson`).
   */
  readonly words?: VerdictWordsContext;
  /** The summary as data, to say it in another language. Not part of the JSON output. */
  readonly summaryPhrase?: Phrase;
}

/**
 * The verdict as the JSON output and the machine part of reports show it: the documented members
 * only, in English, without the phrases a human output translates.
 */
export function verdictForJson(verdict: Verdict): Verdict {
  return {
    kind: verdict.kind,
    title: verdict.title,
    summary: verdict.summary,
    advice: verdict.advice,
    evidence: verdict.evidence.map((e) => ({ code: e.code, text: e.text })),
    flags: verdict.flags,
    serviceIds: verdict.serviceIds,
  };
}

/** A probe's detail in the translator's language: from its words when it has them, else as written. */
export function detailIn(said: { readonly detail: string; readonly detailWords?: Phrase }, t: Translator): string {
  if (t.language === 'en' || typeof said.detailWords !== 'object' || said.detailWords === null) return said.detail;
  try {
    return renderPhrase(said.detailWords, t);
  } catch {
    // Words of a bad shape (a damaged cache file): the English the result was written with.
    return said.detail;
  }
}

type WithoutWords<T> = Omit<T, 'detailWords'>;

function withoutWords<T extends { readonly detailWords?: Phrase }>(said: T): WithoutWords<T> {
  const { detailWords, ...rest } = said;
  void detailWords;
  return rest;
}

/**
 * The ladder as the JSON output and logs show it: every member as documented, details in
 * English, without the words a human output translates from (`detailWords`).
 */
export function ladderForJson(ladder: LadderResult): LadderResult {
  return {
    ...ladder,
    link: withoutWords(ladder.link),
    captive: ladder.captive.map(withoutWords),
    targets: ladder.targets.map((target) => ({ ...target, steps: target.steps.map(withoutWords) })),
  };
}

/**
 * The ladder with every probe detail said in the translator's language, for a person (the
 * window, a human report); the words stay beside them. English returns the ladder as it is.
 */
export function ladderInLanguage(ladder: LadderResult, t: Translator): LadderResult {
  if (t.language === 'en') return ladder;
  const say = <T extends { readonly detail: string; readonly detailWords?: Phrase }>(said: T): T => ({ ...said, detail: detailIn(said, t) });
  return {
    ...ladder,
    link: say(ladder.link),
    captive: ladder.captive.map(say),
    targets: ladder.targets.map((target) => ({ ...target, steps: target.steps.map(say) })),
  };
}
