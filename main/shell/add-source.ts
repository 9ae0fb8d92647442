/**
 * "Add a status page" in Settings: the window sends an address, main reads it (core detection
 * through the app's status Http, the same session, proxy and certificates the sources use) and
 * answers with the page it found or why it could not. The window never fetches anything itself.
 *
 * No Electron here: main.ts passes the Electron Http, the renderer tests a fake one, and both run
 * this same code. Detection never rejects towards the window: a surprise becomes an
 * "unreachable" answer in words, so the form always leaves "Checking…".
 */
import type { InvokeHandlers } from './ipc.js';
import type { Clock, Http } from '../core/ports.js';
import { detectSource, type DetectOutcome } from '../core/sources/detect-source.js';
import { detectionInWords } from '../core/sources/detect-words.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';

/** Detection as core defines it (`core/sources/detect-source.ts`); injectable for tests of this module alone. */
export type DetectFunction = (rawUrl: string, deps: { readonly http: Http; readonly clock: Clock }) => Promise<DetectOutcome>;

export interface AddSourceDeps {
  /** The app's status Http (main.ts: `createElectronHttp` over the status session). */
  readonly http: Http;
  readonly clock: Clock;
  /** Default: core's `detectSource`. */
  readonly detect?: DetectFunction;
  readonly log?: { warn(message: string): void };
}

/**
 * Detections waiting behind the running one, at most. Each detection makes at most 5 requests of
 * at most 10 s; a window that keeps sending addresses must not queue minutes of requests.
 */
export const MAX_WAITING_DETECTIONS = 2;

/** What the window is told when main's detection itself failed (a bug, never a page's answer). */
function failed(error: unknown, t: Translator): DetectOutcome {
  const why = error instanceof Error ? error.message : String(error);
  return { ok: false, reason: 'unreachable', message: t.t('main.addSource.checkFailed', { why: why.slice(0, 200) }) };
}

/**
 * One detection at a time, in the order asked: the window has one "Add a status page" form, and
 * two pages read at once would only double the requests a person's network sees.
 */
export function createSourceDetector(deps: AddSourceDeps, words: () => Translator = () => ENGLISH): (url: string) => Promise<DetectOutcome> {
  const detect = deps.detect ?? detectSource;
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return async (url) => {
    if (waiting > MAX_WAITING_DETECTIONS) return { ok: false, reason: 'unreachable', message: words().t('main.addSource.busy') };
    waiting += 1;
    const run = queue.then(async (): Promise<DetectOutcome> => {
      waiting -= 1;
      try {
        return detectionInWords(await detect(url.trim(), { http: deps.http, clock: deps.clock }), words());
      } catch (error) {
        deps.log?.warn(`add-source: detection failed: ${String(error)}`);
        return failed(error, words());
      }
    });
    queue = run;
    return run;
  };
}

/**
 * The `source:detect` handler, answering in the person's language (`words`, default English);
 * without deps (a test that does not need it) every address is answered as unavailable.
 */
export function createAddSourceHandlers(deps: AddSourceDeps | undefined, words: () => Translator = () => ENGLISH): Pick<InvokeHandlers, 'source:detect'> {
  if (deps === undefined) return { 'source:detect': async () => ({ ok: false, reason: 'unreachable', message: words().t('main.addSource.unavailable') }) };
  const detector = createSourceDetector(deps, words);
  return { 'source:detect': (url) => detector(url) };
}
