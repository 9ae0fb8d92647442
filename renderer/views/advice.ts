/**
 * "What to do now": the advice engine's list under the verdict, most useful first, each item with
 * its reason and, where the window can do it, its action. Only the items after the first are
 * listed (the first is the verdict card's "What to do"), unless the first has a button (a restart,
 * the sign-in page, the time settings), which lives here.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { AdviceTarget } from '../../main/core/contract.js';
import { adviceActionKey } from '../actions.js';
import type { ViewContext } from './context.js';
import { button, h, section } from './dom.js';
import { t } from '../i18n.js';

/** Actions main performs for an item it looks up itself (advice:run): the window never sends a URL. */
const OPENS = new Set(['open-url', 'open-time-settings']);
const opens = (item: AdviceItem): boolean => item.action !== null && OPENS.has(item.action.kind);
const targetOf = (item: AdviceItem): AdviceTarget => ({ id: item.id, service: item.service });
const sameItem = (item: AdviceItem, target: AdviceTarget | null): boolean => target !== null && target.id === item.id && target.service === item.service;

function actionOf(item: AdviceItem, ctx: ViewContext): HTMLElement | null {
  const action = item.action;
  if (action !== null && opens(item)) {
    const pending = sameItem(item, ctx.adviceActionPending);
    return button(pending ? t('ui.advice.opening') : action.label, () => ctx.actions.runAdviceAction(targetOf(item)), {
      class: 'secondary',
      key: adviceActionKey(targetOf(item)),
      attrs: pending ? { 'aria-disabled': 'true' } : {},
    });
  }
  if (action?.kind === 'copy-report') return button(action.label, () => ctx.actions.copyReport(), { class: 'link-button', key: `advice-${item.id}` });
  if (action?.kind === 'restart-client') {
    // Main asks before anything happens and looks the pid up in its own advice.
    const pending = ctx.restartPending === action.pid;
    return button(pending ? t('ui.advice.restarting', { name: action.name }) : action.label, () => ctx.actions.restartClient(action.pid), {
      class: 'secondary',
      key: `restart-${action.pid}`,
      attrs: pending ? { 'aria-disabled': 'true' } : {},
    });
  }
  return null;
}

/** What the last restart of this item's client did, under its button. */
function restartOutcomeOf(item: AdviceItem, ctx: ViewContext): HTMLElement | null {
  const outcome = ctx.restartOutcome;
  if (item.action?.kind !== 'restart-client' || outcome === null || outcome.pid !== item.action.pid) return null;
  const ok = outcome.outcome === 'restarted' || outcome.outcome === 'cancelled';
  return h('p', { class: ok ? 'notice notice-ok' : 'notice notice-error', attrs: { 'data-restart-outcome': outcome.outcome } }, outcome.text);
}

/** What the last action of this item did, under its button. */
function actionOutcomeOf(item: AdviceItem, ctx: ViewContext): HTMLElement | null {
  const outcome = ctx.adviceActionOutcome;
  if (outcome === null || !sameItem(item, outcome)) return null;
  return h('p', { class: outcome.outcome === 'opened' ? 'notice notice-ok' : 'notice notice-error', attrs: { 'data-action-outcome': outcome.outcome } }, outcome.text);
}

function adviceEntry(item: AdviceItem, ctx: ViewContext): HTMLLIElement {
  const channels = item.channels ?? [];
  return h(
    'li',
    { class: 'advice-item', attrs: { 'data-advice-id': item.id } },
    h('h3', {}, item.title),
    h('p', {}, item.text),
    channels.length > 0 ? h('ul', { class: 'advice-channels', attrs: { 'aria-label': t('ui.advice.channels') } }, ...channels.map((c) => h('li', {}, c.name))) : null,
    actionOf(item, ctx),
    restartOutcomeOf(item, ctx),
    actionOutcomeOf(item, ctx),
  );
}

/** The section, or null when there is nothing beyond the verdict's own advice. */
export function adviceSection(report: CheckReport, ctx: ViewContext): HTMLElement | null {
  // An item with a button stays listed even when it comes first (a restart, the sign-in page, the
  // time settings): the verdict card says it, only this list carries its button.
  const rest = (report.advice ?? []).filter((item, index) => index > 0 || item.action?.kind === 'restart-client' || opens(item));
  if (rest.length === 0) return null;
  return section(t('ui.advice.whatNow'), 2, { class: 'advice-list' }, h('ol', {}, ...rest.map((item) => adviceEntry(item, ctx))));
}
