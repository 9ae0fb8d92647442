/**
 * "What to do now": the advice engine's list under the verdict, most useful first, each item with
 * its reason and, where the window can do it, its action. Only the items after the first are
 * listed: the first is the verdict card's "What to do".
 */
import type { CheckReport } from '../../main/core/check.js';
import type { AdviceItem } from '../../main/core/advice/engine.js';
import type { ViewContext } from './context.js';
import { button, h, section } from './dom.js';

function actionOf(item: AdviceItem, ctx: ViewContext): HTMLElement | null {
  // Only actions the window can carry out safely today; restart and settings need the shell.
  if (item.action?.kind === 'copy-report') return button(item.action.label, () => ctx.actions.copyReport(), { class: 'link-button', key: `advice-${item.id}` });
  return null;
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
  );
}

/** The section, or null when there is nothing beyond the verdict's own advice. */
export function adviceSection(report: CheckReport, ctx: ViewContext): HTMLElement | null {
  const rest = (report.advice ?? []).slice(1);
  if (rest.length === 0) return null;
  return section('What to do now', 2, { class: 'advice-list' }, h('ol', {}, ...rest.map((item) => adviceEntry(item, ctx))));
}
