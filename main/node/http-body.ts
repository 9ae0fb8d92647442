/**
 * What both HTTP adapters (undici in Node, Electron's network stack in the app) share besides the
 * response interpreter (`main/core/sources/http-response.ts`): the one deadline per request and the
 * mapping of thrown errors, so the two differ only in transport.
 */
import { checkFetchableUrl, fail } from '../core/sources/http-response.js';
import type { HttpFailure, HttpRequest, HttpResult } from '../core/ports.js';

function cancelled(): HttpFailure {
  return { kind: 'network', code: 'ABORTED', message: 'the request was cancelled' };
}

/** The most specific `code` on the error or its causes (fetch and undici wrap Node's socket errors). */
export function innermostCode(error: unknown): string | null {
  let found: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') found = code;
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/** An error's message, bounded: errors can quote untrusted input. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export interface DeadlineRun {
  readonly timeoutMs: number;
  /** The whole exchange for one URL (redirects and body included), to stop when `signal` aborts. */
  readonly exchange: (url: URL, signal: AbortSignal) => Promise<HttpResult>;
  /** What an error thrown by `exchange` means, once the deadline and a cancel are ruled out. */
  readonly failureOf: (error: unknown) => HttpFailure;
  /** Asked first when `exchange` throws, e.g. "the client was closed meanwhile". */
  readonly interrupted?: () => HttpFailure | null;
  /** Where the request's controller is kept while it runs, so that closing can abort it. */
  readonly inFlight?: Set<AbortController>;
}

/**
 * One `get` under the polling rules' single deadline: the URL checked first, then the exchange
 * raced against the timer, so the answer comes in time even if some stage ignores the abort.
 * Never throws; the caller's own signal cancels.
 */
export async function getUnderDeadline(request: HttpRequest, run: DeadlineRun): Promise<HttpResult> {
  const check = checkFetchableUrl(request.url);
  if (!check.ok) return check;
  const url = check.url;
  if (request.signal?.aborted) return fail(cancelled());

  const { timeoutMs } = run;
  const controller = new AbortController();
  let deadlineHit = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<HttpResult>((resolve) => {
    timer = setTimeout(() => {
      deadlineHit = true;
      controller.abort();
      resolve(fail({ kind: 'timeout', afterMs: timeoutMs }));
    }, timeoutMs);
  });
  const onCallerAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  run.inFlight?.add(controller);

  const work = run.exchange(url, controller.signal).catch((error: unknown): HttpResult => {
    if (deadlineHit) return fail({ kind: 'timeout', afterMs: timeoutMs });
    const interruption = run.interrupted?.() ?? null;
    if (interruption !== null) return fail(interruption);
    if (request.signal?.aborted) return fail(cancelled());
    return fail(run.failureOf(error));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
    run.inFlight?.delete(controller);
    // Whatever is still streaming after we answered is of no use to anyone.
    controller.abort();
  }
}
