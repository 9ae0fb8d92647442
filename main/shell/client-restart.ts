/**
 * "Restart Teams", the sequence: ask first, find how to start the client again, quit it
 * gracefully, wait for it to exit, start it again. Every step is injected (the OS steps live in
 * main/node/client-restart-os.ts, the question in Electron's dialog), so this order is the same in
 * the app and in tests. It never forces: a client that does not close by itself (unsent work in
 * Outlook, a Teams window that only hides to the tray) is left running, and the answer says how to
 * restart it by hand. No Electron and no Node built-ins here: the renderer tests' bridge runs it.
 */
import type { RestartOutcome } from '../core/contract.js';
import type { RestartOsSteps, RestartPlatform, RestartTarget } from '../node/client-restart-os.js';

export interface RestartSteps extends RestartOsSteps {
  /** Asks the person; false means nothing at all happens. */
  confirm(target: RestartTarget): Promise<boolean>;
}

/** How long a client gets to close by itself (it may be saving or sending). */
export const RESTART_WAIT_MS = 10_000;

/** The question the shell asks before anything happens. */
export function restartQuestion(name: string): { readonly message: string; readonly detail: string; readonly buttons: readonly ['Restart', 'Cancel'] } {
  return {
    message: `Restart ${name}?`,
    detail: `Unsent work in ${name} may be lost if it does not close by itself.`,
    buttons: ['Restart', 'Cancel'],
  };
}

/** How to restart the client by hand, on this OS. */
export function manualRestart(name: string, platform: RestartPlatform): string {
  switch (platform) {
    case 'win32':
      return `Close ${name} from its tray icon (right-click it, then Quit), then start it again from the Start menu.`;
    case 'darwin':
      return `Quit ${name} (${name} menu, then Quit, or Command-Q), then open it again from Applications.`;
    case 'linux':
      return `Quit ${name} from its menu or tray icon, then start it again.`;
  }
}

/** The sequence; resolves (never rejects) with what happened, in words. */
export async function restartClient(target: RestartTarget, steps: RestartSteps): Promise<RestartOutcome> {
  const { name, pid } = target;
  const manual = (why: string): RestartOutcome => ({ pid, outcome: 'manual', text: `${why} ${manualRestart(name, steps.platform)}` });
  try {
    if (!(await steps.confirm(target))) return { pid, outcome: 'cancelled', text: `${name} was not restarted.` };
    const launch = await steps.locate(target);
    // Quitting something we could not start again would leave the person worse off.
    if (launch === null) return manual(`Outage Radar cannot tell how to start ${name} again, so it left it running.`);
    const quit = await steps.quit(target, launch);
    if (!quit.ok) return manual(`${name} could not be asked to close (${quit.reason}).`);
    if (!(await steps.waitForExit(pid, RESTART_WAIT_MS))) return manual(`${name} is still running after ${RESTART_WAIT_MS / 1000} s; it was not forced to close.`);
    const started = await steps.start(launch);
    if (!started.ok) return { pid, outcome: 'manual', text: `${name} was closed but could not be started again (${started.reason}). Start it again from your apps.` };
    return { pid, outcome: 'restarted', text: `${name} was restarted.` };
  } catch (error) {
    return manual(`${name} could not be restarted (${error instanceof Error ? error.message : String(error)}).`);
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

/** The `confirm` step over a message box: Restart/Cancel, Cancel is the default and Escape. */
export function confirmWithDialog(showMessageBox: ShowMessageBox): (target: RestartTarget) => Promise<boolean> {
  return async (target) => {
    const question = restartQuestion(target.name);
    const { response } = await showMessageBox({ type: 'question', message: question.message, detail: question.detail, buttons: [...question.buttons], defaultId: 1, cancelId: 1, noLink: true });
    return response === 0;
  };
}

/**
 * The handlers' `restartClient`: the sequence over these OS steps and this question, or, where the
 * OS has no steps, the answer that says to do it by hand.
 */
export function createClientRestarter(os: RestartOsSteps | null, confirm: RestartSteps['confirm']): (target: RestartTarget) => Promise<RestartOutcome> {
  return async (target) => {
    if (os === null) return { pid: target.pid, outcome: 'manual', text: `Outage Radar cannot restart apps on this system. Quit ${target.name}, then start it again.` };
    return restartClient(target, { ...os, confirm });
  };
}
