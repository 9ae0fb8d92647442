/**
 * The timing and bounding shared by every probe step: one clock, one timer, one abort path, and
 * error codes turned into plain words. A step never throws and never outlives its timeout.
 */
import { phrase, renderPhrase, type Phrase, type PhraseValue } from '../../core/i18n/phrase.js';
import type { MessageKey } from '../../core/i18n/translate.js';
import { USER_AGENT } from '../../core/version.js';
import type { ProbeStep, StepResult, TlsDetails } from '../../core/verdict/connectivity-model.js';

/** What a step's work reports; `timedStep` adds the step name and the timing. */
export interface StepBody {
  readonly outcome: 'ok' | 'fail';
  readonly errorCode: string | null;
  readonly detail: string;
  readonly detailWords: Phrase;
  readonly addresses?: readonly string[];
  readonly tls?: TlsDetails;
  readonly httpStatus?: number;
}

/** A catalog key of the probes' own words. */
type ProbeKey = Extract<MessageKey, `probe.${string}`>;

/** A probe phrase: only `probe.*` messages; hosts, codes and the runtime's own text are values. */
export const probeWords = (key: ProbeKey, values?: Readonly<Record<string, PhraseValue>>): Phrase => phrase(key, values);

/**
 * A detail as the results carry it: the English sentence (JSON output and logs read it) and the
 * same sentence as data, which a human output says in the person's language.
 */
export function said(words: Phrase): { readonly detail: string; readonly detailWords: Phrase } {
  return { detail: renderPhrase(words), detailWords: words };
}

/** Error code of a step the run's global bound (or the caller) cut short. */
export const RUN_TIMEOUT = 'RUN_TIMEOUT';
/** Error code of a step that ran past its own time limit. */
export const STEP_TIMEOUT = 'ETIMEDOUT';

/**
 * Runs `work` with a time limit, racing it against `timeoutMs` and against `runSignal` (the run's
 * global bound). The signal handed to `work` aborts when the race is lost, so the work can destroy
 * its sockets; a promise it leaves pending (a hung dns.lookup cannot be cancelled) is abandoned.
 */
export async function timedStep(
  step: ProbeStep,
  timeoutMs: number,
  runSignal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<StepBody>,
): Promise<StepResult> {
  const startedAt = new Date();
  const started = performance.now();
  const finish = (body: StepBody, outcome: StepResult['outcome'] = body.outcome): StepResult => ({
    step,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...body,
    outcome,
  });
  if (runSignal?.aborted) return finish(runCutShort(runSignal), 'timeout');

  const workController = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onRunAbort: (() => void) | undefined;
  const limit = new Promise<'step-timeout' | 'run-abort'>((resolve) => {
    timer = setTimeout(() => resolve('step-timeout'), Math.max(0, timeoutMs));
    onRunAbort = () => resolve('run-abort');
    runSignal?.addEventListener('abort', onRunAbort, { once: true });
  });
  const done = safely(() => work(workController.signal));
  const winner = await Promise.race([done, limit]);
  clearTimeout(timer);
  if (onRunAbort) runSignal?.removeEventListener('abort', onRunAbort);
  if (winner === 'step-timeout' || winner === 'run-abort') {
    workController.abort();
    if (winner === 'run-abort' && runSignal) return finish(runCutShort(runSignal), 'timeout');
    return finish({ outcome: 'fail', errorCode: STEP_TIMEOUT, ...said(probeWords('probe.detail.noAnswerWithin', { time: formatMs(timeoutMs) })) }, 'timeout');
  }
  return finish(winner);
}

/** A step that was not run, with the reason in plain words. */
export function skippedStep(step: ProbeStep, reason: Phrase): StepResult {
  return { step, outcome: 'skipped', startedAt: new Date().toISOString(), durationMs: 0, errorCode: null, ...said(reason) };
}

/** Why the run's signal fired: our global bound, or the caller cancelling. */
export function runCutShort(signal: AbortSignal): StepBody {
  const cancelled = signal.reason instanceof Error && signal.reason.name === 'CancelledError';
  return {
    outcome: 'fail',
    errorCode: RUN_TIMEOUT,
    ...said(probeWords(cancelled ? 'probe.detail.cancelled' : 'probe.detail.outOfTime')),
  };
}

async function safely(work: () => Promise<StepBody>): Promise<StepBody> {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
}

/** A thrown error as a failed step body; `context` (a host, or what was being done) leads the detail. */
export function failure(error: unknown, context: PhraseValue = ''): StepBody {
  const code = errorCodeOf(error);
  return { outcome: 'fail', errorCode: code, ...said(describeErrorCode(code, context, error)) };
}

export function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    // Happy-eyeballs failures arrive as an AggregateError; its first member names the cause.
    const first = (error as { errors?: unknown[] }).errors?.[0];
    if (first !== undefined) return errorCodeOf(first);
  }
  return 'ERROR';
}

const ERROR_WORDS: Readonly<Record<string, ProbeKey>> = {
  ENOTFOUND: 'probe.error.ENOTFOUND',
  EAI_AGAIN: 'probe.error.EAI_AGAIN',
  EAI_FAIL: 'probe.error.EAI_FAIL',
  ENODATA: 'probe.error.ENODATA',
  ECONNREFUSED: 'probe.error.ECONNREFUSED',
  ECONNRESET: 'probe.error.ECONNRESET',
  ENETUNREACH: 'probe.error.ENETUNREACH',
  EHOSTUNREACH: 'probe.error.EHOSTUNREACH',
  EADDRNOTAVAIL: 'probe.error.EADDRNOTAVAIL',
  ETIMEDOUT: 'probe.error.ETIMEDOUT',
  EPIPE: 'probe.error.EPIPE',
  EPROTO: 'probe.error.EPROTO',
  ERR_SSL_WRONG_VERSION_NUMBER: 'probe.error.ERR_SSL_WRONG_VERSION_NUMBER',
  ERR_INVALID_URL: 'probe.error.ERR_INVALID_URL',
  ERR_SOCKET_CLOSED: 'probe.error.ERR_SOCKET_CLOSED',
  ECONNABORTED: 'probe.error.ECONNABORTED',
  HPE_INVALID_CONSTANT: 'probe.error.HPE_INVALID_CONSTANT',
};

/** OpenSSL verification codes, as a person would say them. */
const CERT_WORDS: Readonly<Record<string, ProbeKey>> = {
  CERT_NOT_YET_VALID: 'probe.error.CERT_NOT_YET_VALID',
  CERT_HAS_EXPIRED: 'probe.error.CERT_HAS_EXPIRED',
  SELF_SIGNED_CERT_IN_CHAIN: 'probe.error.SELF_SIGNED_CERT_IN_CHAIN',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'probe.error.DEPTH_ZERO_SELF_SIGNED_CERT',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'probe.error.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'probe.error.unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT: 'probe.error.UNABLE_TO_GET_ISSUER_CERT',
  CERT_REVOKED: 'probe.error.CERT_REVOKED',
  CERT_UNTRUSTED: 'probe.error.CERT_UNTRUSTED',
  ERR_TLS_CERT_ALTNAME_INVALID: 'probe.error.ERR_TLS_CERT_ALTNAME_INVALID',
};

/** An OpenSSL verification code in plain words, or null when we have none for it. */
export function certWords(code: string): Phrase | null {
  const key = CERT_WORDS[code];
  return key === undefined ? null : probeWords(key);
}

/**
 * An error our own code throws, carrying its words as data (`Object.assign(new Error(english),
 * { code, words })`): its message stays the English for logs, the detail says the words.
 */
export function wordedError(words: Phrase, code: string): Error {
  return Object.assign(new Error(renderPhrase(words)), { code, words });
}

function wordsOf(error: unknown): Phrase | null {
  const words = typeof error === 'object' && error !== null ? (error as { words?: unknown }).words : undefined;
  return typeof words === 'object' && words !== null ? (words as Phrase) : null;
}

/**
 * Plain words for a Node/OS/OpenSSL error code; falls back to the error's own words, else its
 * message (the runtime's text, said as it is), else "error CODE".
 */
export function describeErrorCode(code: string, context: PhraseValue = '', error?: unknown): Phrase {
  const key = ERROR_WORDS[code] ?? CERT_WORDS[code];
  const words: PhraseValue =
    key !== undefined
      ? probeWords(key)
      : (wordsOf(error) ?? (error instanceof Error && error.message ? error.message : probeWords('probe.detail.errorCode', { code })));
  if (context === '') return typeof words === 'string' ? probeWords('probe.detail.verbatim', { text: words }) : words;
  return probeWords('probe.detail.context', { context, words });
}

/**
 * Headers of a probe request: like an OS connectivity check, never served from a cache, one
 * connection per probe, and Proxy-Authorization only when the request goes through a proxy.
 */
export function probeHeaders(url: URL, proxyAuthorization: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    Host: url.host,
    'User-Agent': USER_AGENT,
    Accept: '*/*',
    'Cache-Control': 'no-cache',
    Pragma: 'no-cache',
    Connection: 'close',
  };
  if (proxyAuthorization) headers['Proxy-Authorization'] = proxyAuthorization;
  return headers;
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 100 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
