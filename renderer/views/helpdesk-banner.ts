/**
 * The helpdesk's messages as a banner at the top of the window: most severe first (critical,
 * warning, info), each with when it was posted, whether it acknowledges an open incident, and its
 * link when it has an https one. A message past its `expiresAt` is gone at the view's time, even
 * while the feed (or a cached report) still lists it: the rule of main's `messageInForce`, read
 * here against the window's clock because the renderer takes only types from main.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { HelpdeskMessage } from '../../main/core/model.js';
import { severityWord } from '../model/labels.js';
import { acknowledgesOpenIncident, messageSourceId, messagesBySeverity } from '../model/report.js';
import { ago, formatWhen, parseTime } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, srOnly, uid } from './dom.js';
import { acknowledgement } from './parts.js';
import { t } from '../i18n.js';

/** Whether a message is shown at `nowMs`: it has not reached its `expiresAt`. */
function bannerShows(message: Pick<HelpdeskMessage, 'expiresAt'>, nowMs: number): boolean {
  const end = parseTime(message.expiresAt);
  return end === null || end > nowMs;
}

/** Main opens only https message links; the button is offered only for those. */
function hasHttpsLink(message: HelpdeskMessage): boolean {
  return typeof message.url === 'string' && /^https:\/\//i.test(message.url);
}

function timeLine(message: HelpdeskMessage, nowMs: number): string | null {
  const when = formatWhen(message.postedAt, nowMs);
  const since = ago(message.postedAt, nowMs);
  if (when === null) return null;
  return t('ui.parts.posted', { ago: since === null ? when : `${when} (${since})` });
}

/** The banner, or null when no message is in force. */
export function helpdeskBanner(report: CheckReport, ctx: ViewContext): HTMLElement | null {
  const shown = messagesBySeverity(report.messages.filter((m) => bannerShows(m, ctx.nowMs)));
  if (shown.length === 0) return null;
  const worst = shown[0]?.severity ?? 'info';
  const titleId = uid('banner');
  // A labelled region, not a heading: it sits above the view's h1, and headings must start there.
  return h(
    'section',
    { class: `helpdesk helpdesk-banner banner-${worst}`, attrs: { 'aria-labelledby': titleId } },
    h('p', { class: 'banner-title', id: titleId }, h('strong', {}, t('ui.parts.fromHelpdesk'))),
    h(
      'ul',
      { class: 'messages' },
      ...shown.map((message) => {
        const sourceId = messageSourceId(report, message);
        const time = timeLine(message, ctx.nowMs);
        return h(
          'li',
          { class: `message severity-${message.severity}`, key: `banner:${sourceId ?? ''}:${message.id}` },
          h('p', { class: 'message-meta' }, h('strong', {}, severityWord(message.severity)), time ? ` · ${time}` : null),
          acknowledgesOpenIncident(message, report) ? acknowledgement() : null,
          h('p', { class: 'message-text' }, message.text),
          sourceId !== null && hasHttpsLink(message)
            ? button(
                [t('ui.parts.openHelpdeskPage'), srOnly(` ${t('ui.common.opensInBrowser')}`)],
                () => ctx.actions.openLink({ kind: 'message', sourceId, messageId: message.id }),
                { class: 'link-button', key: `message:${sourceId}:${message.id}` },
              )
            : null,
        );
      }),
    ),
  );
}
