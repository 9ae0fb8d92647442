/**
 * The timing and bounding shared by every probe step: one clock, one timer, one abort path, and
 * error codes turned into plain words. A step never throws and never outlives its timeout.
 */
import { USER_AGENT } from '../../core/version.js';
import type { ProbeStep, StepResult, TlsDetails } from '../../core/verdict/connectivity-model.js';

/** What a step's work reports; `timedStep` adds the step name and the timing. */
export interface StepBody {
  readonly outcome: 'ok' | 'fail';
  readonly errorCode: string | null;
  readonly detail: string;
  readonly addresses?: readonly string[];
  readonly tls?: TlsDetails;
  readonly httpStatus?: number;
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
    return finish({ outcome: 'fail', errorCode: STEP_TIMEOUT, detail: `no answer within ${formatMs(timeoutMs)}` }, 'timeout');
  }
  return finish(winner);
}

/** A step that was not run, with the reason in plain words. */
export function skippedStep(step: ProbeStep, detail: string): StepResult {
  return { step, outcome: 'skipped', startedAt: new Date().toISOString(), durationMs: 0, errorCode: null, detail };
}

/** Why the run's signal fired: our global bound, or the caller cancelling. */
export function runCutShort(signal: AbortSignal): StepBody {
  const cancelled = signal.reason instanceof Error && signal.reason.name === 'CancelledError';
  return {
    outcome: 'fail',
    errorCode: RUN_TIMEOUT,
    detail: cancelled ? 'stopped: the check was cancelled before this step finished' : 'stopped: the whole check ran out of time before this step finished',
  };
}

async function safely(work: () => Promise<StepBody>): Promise<StepBody> {
  try {
    return await work();
  } catch (error) {
    return failure(error);
  }
}

/** A thrown error as a failed step body. */
export function failure(error: unknown, context = ''): StepBody {
  const code = errorCodeOf(error);
  return { outcome: 'fail', errorCode: code, detail: describeErrorCode(code, context, error) };
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

const PLAIN_WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'the name does not exist according to DNS',
  EAI_AGAIN: 'the DNS server did not answer (temporary failure in name resolution)',
  EAI_FAIL: 'the DNS server failed to answer',
  ENODATA: 'DNS returned no addresses for the name',
  ECONNREFUSED: 'the connection was refused (nothing listening there, or a firewall rejected it)',
  ECONNRESET: 'the connection was reset by the other side or by something in between',
  ENETUNREACH: 'this computer has no route to that network',
  EHOSTUNREACH: 'the host is unreachable from this computer',
  EADDRNOTAVAIL: 'this computer has no usable address for that destination',
  ETIMEDOUT: 'the connection attempt timed out',
  EPIPE: 'the connection closed while we were sending',
  EPROTO: 'the other side does not speak TLS (protocol error)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the other side does not speak TLS',
  ERR_INVALID_URL: 'the address is not a valid URL',
  ERR_SOCKET_CLOSED: 'the connection closed early',
  ECONNABORTED: 'the connection was aborted',
  HPE_INVALID_CONSTANT: 'the answer was not valid HTTP',
};

/** Plain words for a Node/OS/OpenSSL error code; falls back to the error's own message. */
export function describeErrorCode(code: string, context = '', error?: unknown): string {
  const words = PLAIN_WORDS[code] ?? CERT_WORDS[code] ?? (error instanceof Error && error.message ? error.message : `error ${code}`);
  return context === '' ? words : `${context}: ${words}`;
}

/** OpenSSL verification codes, as a person would say them. */
export const CERT_WORDS: Readonly<Record<string, string>> = {
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (is this computer\'s clock wrong?)',
  CERT_HAS_EXPIRED: 'the certificate has expired (or this computer\'s clock is wrong)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a certificate authority this computer does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed and not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate was issued by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate was issued by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate\'s issuer could not be found',
  CERT_REVOKED: 'the certificate has been revoked',
  CERT_UNTRUSTED: 'the certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate was issued for a different host name',
};

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
