/**
 * The buttons of advice items that open something outside the app: "Open Outlook on the web",
 * "Open the time settings", "Open the sign-in page". The window only names the item; main finds
 * it in its own current report and opens only what that item's action says, by fixed rules:
 * - a web version: https only, no embedded credentials (the link opener's rules, security.ts);
 * - the time settings: one fixed settings URI per OS, by exact value; elsewhere, words;
 * - the network sign-in: the plain-http captive check URL the ladder itself probed, and only for
 *   `sign-in-wifi` (a portal can intercept plain http only, so https would never show its form).
 */
import type { AdviceItem } from '../core/advice/engine.js';
import type { CheckReport } from '../core/check.js';
import type { AdviceActionOutcome, AdviceTarget, ViewState } from '../core/contract.js';
import { ENGLISH, type Translator } from '../core/i18n/translate.js';
import { externalUrlProblem } from './security.js';

/** The only non-web URIs ever opened: the date and time settings, by platform. */
export const TIME_SETTINGS_URIS: Readonly<Partial<Record<NodeJS.Platform, string>>> = {
  win32: 'ms-settings:dateandtime',
  darwin: 'x-apple.systempreferences:com.apple.preference.datetime',
};

/** How to fix the clock by hand where no settings page can be opened (Linux desktops differ). */
export function timeSettingsByHand(t: Translator = ENGLISH): string {
  return t.t('main.action.timeByHand');
}

/**
 * What an "Open …" button opened, from its label: "Open Outlook on the web" → "Outlook on the
 * web", "Outlook im Web öffnen" → "Outlook im Web" (the advice words' `use-web-version.action`).
 */
export function openedPage(label: string): string {
  return label.replace(/^Open /, '').replace(/ öffnen$/, '');
}

export interface AdviceActionDeps {
  readonly platform: NodeJS.Platform;
  /** `shell.openExternal`. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly log?: { warn(message: string): void };
  /** The person's language (main.ts: `appTranslator`); default English. */
  readonly words?: () => Translator;
}

/** The item of the current advice the window names, or null. */
export function advisedItem(view: ViewState, target: AdviceTarget): AdviceItem | null {
  return (view.report?.advice ?? []).find((item) => item.id === target.id && item.service === target.service) ?? null;
}

/** The captive check URL to open for the sign-in page: the one that met the portal, else the first the ladder ran. */
function captiveUrl(report: CheckReport): string | null {
  const captive = report.probes?.captive ?? [];
  const url = (captive.find((c) => c.outcome === 'portal') ?? captive[0])?.check.url ?? null;
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.username === '' && parsed.password === '' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * The handlers' `runAdviceAction`: performs the action of one item of main's own report and says
 * what happened. Never opens anything the rules above do not name.
 */
export function createAdviceActionRunner(deps: AdviceActionDeps): (item: AdviceItem, report: CheckReport) => Promise<AdviceActionOutcome> {
  const log = deps.log ?? console;
  const words = deps.words ?? (() => ENGLISH);
  return async (item, report) => {
    const t = words();
    const said = (outcome: AdviceActionOutcome['outcome'], text: string): AdviceActionOutcome => ({ id: item.id, service: item.service, outcome, text });
    const open = async (url: string, opened: string, byHand: string): Promise<AdviceActionOutcome> => {
      try {
        await deps.openExternal(url);
        return said('opened', opened);
      } catch (error) {
        log.warn(`advice: could not open ${url.slice(0, 200)}: ${String(error).slice(0, 200)}`);
        return said('manual', byHand);
      }
    };
    const action = item.action;
    if (item.id === 'sign-in-wifi') {
      const url = captiveUrl(report);
      if (url === null) return said('manual', t.t('main.action.signInAnyPage'));
      return open(url, t.t('main.action.signInOpened'), t.t('main.action.signInByHand', { url }));
    }
    if (action?.kind === 'open-time-settings') {
      const uri = TIME_SETTINGS_URIS[deps.platform];
      if (uri === undefined) return said('manual', timeSettingsByHand(t));
      return open(uri, t.t('main.action.timeOpened'), timeSettingsByHand(t));
    }
    if (action?.kind === 'open-url') {
      const problem = externalUrlProblem(action.url);
      if (problem !== null) {
        log.warn(`security: refused to open ${action.url.slice(0, 200)}: ${problem}`);
        return said('refused', t.t('main.action.pageRefused'));
      }
      const url = new URL(action.url).href;
      return open(url, t.t('main.action.pageOpened', { page: openedPage(action.label) }), t.t('main.action.pageByHand', { url }));
    }
    return said('refused', t.t('main.action.none'));
  };
}
