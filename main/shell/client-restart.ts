/**
 * "Restart Teams", the sequence: ask first, find how to start the client again, quit it
 * gracefully, wait for it to exit, start it again. Every step is injected (the OS steps live in
 * main/node/client-restart-os.ts, the question in Electron's dialog), so this order is the same in
 * the app and in tests. It never forces: a client that does not close by itself (unsent work in
 * Outlook, a Teams window that only hides to the tray) is left running, and the answer says how to
 * restart it by hand. No Electron and no Node built-ins here: the renderer tests' bridge runs it.
 */
import type { RestartOutcome } from '../core/contract.js';
import type { RestartOsSteps, RestartPlatform, RestartTarget, StepProblem } from '../node/client-restart-os.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';

export interface RestartSteps extends RestartOsSteps {
  /** Asks the person; false means nothing at all happens. */
  confirm(target: RestartTarget): Promise<boolean>;
}

/** How long a client gets to close by itself (it may be saving or sending). */
export const RESTART_WAIT_MS = 10_000;

/** The question the shell asks before anything happens, in the translator's language. */
export function restartQuestion(name: string, t: Translator = ENGLISH): { readonly message: string; readonly detail: string; readonly buttons: readonly [restart: string, cancel: string] } {
  return {
    message: t.t('main.restart.question', { name }),
    detail: t.t('main.restart.questionDetail', { name }),
    buttons: [t.t('main.restart.yes'), t.t('main.restart.no')],
  };
}

/** How to restart the client by hand, on this OS. */
export function manualRestart(name: string, platform: RestartPlatform, t: Translator = ENGLISH): string {
  switch (platform) {
    case 'win32':
      return t.t('main.restart.manual.win32', { name });
    case 'darwin':
      return t.t('main.restart.manual.darwin', { name });
    case 'linux':
      return t.t('main.restart.manual.linux', { name });
  }
}

/** Why an OS step failed: our own words translated, the OS's own message as the OS said it. */
export function stepReason(result: { readonly reason: string; readonly problem?: StepProblem; readonly file?: string }, t: Translator = ENGLISH): string {
  switch (result.problem) {
    case undefined:
      return result.reason;
    case 'did-not-start':
      return t.t('main.restart.reason.did-not-start', { file: result.file ?? '' });
    default:
      return t.t(`main.restart.reason.${result.problem}`);
  }
}

/** The sequence; resolves (never rejects) with what happened, in words (the translator's language). */
export async function restartClient(target: RestartTarget, steps: RestartSteps, t: Translator = ENGLISH): Promise<RestartOutcome> {
  const { name, pid } = target;
  const manual = (why: string): RestartOutcome => ({ pid, outcome: 'manual', text: `${why} ${manualRestart(name, steps.platform, t)}` });
  try {
    if (!(await steps.confirm(target))) return { pid, outcome: 'cancelled', text: t.t('main.restart.cancelled', { name }) };
    const launch = await steps.locate(target);
    // Quitting something we could not start again would leave the person worse off.
    if (launch === null) return manual(t.t('main.restart.noLaunch', { name }));
    const quit = await steps.quit(target, launch);
    if (!quit.ok) return manual(t.t('main.restart.quitFailed', { name, reason: stepReason(quit, t) }));
    if (!(await steps.waitForExit(pid, RESTART_WAIT_MS))) return manual(t.t('main.restart.stillRunning', { name, seconds: RESTART_WAIT_MS / 1000 }));
    const started = await steps.start(launch);
    if (!started.ok) return { pid, outcome: 'manual', text: t.t('main.restart.startFailed', { name, reason: stepReason(started, t) }) };
    return { pid, outcome: 'restarted', text: t.t('main.restart.restarted', { name }) };
  } catch (error) {
    return manual(t.t('main.restart.failed', { name, reason: error instanceof Error ? error.message : String(error) }));
  }
}

/** The slice of Electron's `dialog.showMessageBox` the question needs. */
export type ShowMessageBox = (options: {
  type: 'question';
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}) => Promise<{ response: number }>;

/** The `confirm` step over a message box: Restart/Cancel, Cancel is the default and Escape; asked in the person's language. */
export function confirmWithDialog(showMessageBox: ShowMessageBox, words: () => Translator = () => ENGLISH): (target: RestartTarget) => Promise<boolean> {
  return async (target) => {
    const question = restartQuestion(target.name, words());
    const { response } = await showMessageBox({ type: 'question', message: question.message, detail: question.detail, buttons: [...question.buttons], defaultId: 1, cancelId: 1, noLink: true });
    return response === 0;
  };
}

/**
 * The handlers' `restartClient`: the sequence over these OS steps and this question, or, where the
 * OS has no steps, the answer that says to do it by hand.
 */
export function createClientRestarter(
  os: RestartOsSteps | null,
  confirm: RestartSteps['confirm'],
  words: () => Translator = () => ENGLISH,
): (target: RestartTarget) => Promise<RestartOutcome> {
  return async (target) => {
    const t = words();
    if (os === null) return { pid: target.pid, outcome: 'manual', text: t.t('main.restart.unsupported', { name: target.name }) };
    return restartClient(target, { ...os, confirm }, t);
  };
}
