/**
 * The status session's certificate check: Chromium's verdict, plus the config file's extra CA
 * certificates (`network.caFile`), so that status pages behind a TLS-inspecting proxy load in the
 * app as they do in the CLI. The decision is `main/node/extra-ca-trust.ts`; this module only
 * installs it on the session it is given and turns its answer into Electron's callback codes.
 */
import { phrase, type Phrase } from '../core/i18n/phrase.js';
import { loadExtraCas, type CertificateVerifyRequest, type TrustDecision } from '../node/extra-ca-trust.js';

/** The part of Electron's `Session` used here. */
export interface VerifyProcSession {
  setCertificateVerifyProc(proc: ((request: CertificateVerifyRequest, callback: (verificationResult: number) => void) => void) | null): void;
}

export interface ExtraCaTrustOptions {
  /** The CA file's text (`LoadedConfig.extraCaPem`); null: no CA file, nothing is installed. */
  readonly extraCaPem: string | null;
  /** The config file, named in the notices. */
  readonly configPath: string | null;
  /** Where a certificate refused by the extra-CA check is reported; default console.warn. */
  readonly warn?: (message: string) => void;
}

/** Electron's special answers and the Chromium net errors we report (net/base/net_error_list.h). */
const ACCEPT = 0;
const USE_CHROMIUM_VERDICT = -3;
const ERR_CERT_COMMON_NAME_INVALID = -200;
const ERR_CERT_DATE_INVALID = -201;

/**
 * Makes `session` trust the CA certificates in `extraCaPem` besides the operating system's store.
 * Returns the notices for the settings page (a CA file the app cannot use, certificates skipped),
 * as phrases: the settings view says them in the person's language.
 */
export function trustExtraCas(session: VerifyProcSession, options: ExtraCaTrustOptions): readonly Phrase[] {
  if (options.extraCaPem === null) return [];
  const file = options.configPath ?? '';
  const loaded = loadExtraCas(options.extraCaPem);
  if (!loaded.ok) return [phrase('settings.caFile.unusable', { file, reason: loaded.reason })];
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const trust = loaded.trust;
  session.setCertificateVerifyProc((request, callback) => {
    const decision = trust.decide(request);
    if (decision.verdict === 'reject') warn(`certificate for ${request.hostname} refused: ${decision.detail}`);
    callback(callbackCode(decision));
  });
  return loaded.problems.map((problem) => phrase('settings.caFile.problem', { file, problem }));
}

function callbackCode(decision: TrustDecision): number {
  switch (decision.verdict) {
    case 'accept':
      return ACCEPT;
    case 'chromium':
      return USE_CHROMIUM_VERDICT;
    case 'reject':
      // The real reason, which Chromium's "authority invalid" was hiding.
      return decision.reason === 'date' ? ERR_CERT_DATE_INVALID : ERR_CERT_COMMON_NAME_INVALID;
  }
}
