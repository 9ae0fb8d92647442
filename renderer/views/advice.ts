/**
 * "What to do now": the advice engine's list under the verdict, most useful first, each item with
 * its reason and, where the window can do it, its action. Only the items after the first are
 * listed (the first is the verdict card's "What to do"), unless the first is a restart, whose
 * button lives here.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { ViewContext } from './context.js';
import { button, h, section } from './dom.js';

function actionOf(item: AdviceItem, ctx: ViewContext): HTMLElement | null {
  // Only actions the window can carry out safely today; settings need the shell.
  const action = item.action;
  if (action?.kind === 'copy-report') return button(action.label, () => ctx.actions.copyReport(), { class: 'link-button', key: `advice-${item.id}` });
  if (action?.kind === 'restart-client') {
    // Main asks before anything happens and looks the pid up in its own advice.
    const pending = ctx.restartPending === action.pid;
    return button(pending ? `Restarting ${action.name}…` : action.label, () => ctx.actions.restartClient(action.pid), {
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

function adviceEntry(item: AdviceItem, ctx: ViewContext): HTMLLIElement {
  const channels = item.channels ?? [];
  return h(
    'li',
    { class: 'advice-item', attrs: { 'data-advice-id': item.id } },
    h('h3', {}, item.title),
    h('p', {}, item.text),
    channels.length > 0 ? h('ul', { class: 'advice-channels', attrs: { 'aria-label': 'Channels that work now' } }, ...channels.map((c) => h('li', {}, c.name))) : null,
    actionOf(item, ctx),
    restartOutcomeOf(item, ctx),
  );
}

/** The section, or null when there is nothing beyond the verdict's own advice. */
export function adviceSection(report: CheckReport, ctx: ViewContext): HTMLElement | null {
  // A restart stays listed even when it comes first: the verdict card says it, only this list carries its button.
  const rest = (report.advice ?? []).filter((item, index) => index > 0 || item.action?.kind === 'restart-client');
  if (rest.length === 0) return null;
  return section('What to do now', 2, { class: 'advice-list' }, h('ol', {}, ...rest.map((item) => adviceEntry(item, ctx))));
}
