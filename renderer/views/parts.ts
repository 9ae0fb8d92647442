/**
 * Pieces several views share: the view heading, Back, the data-age line, incident and helpdesk
 * message lists, and the Refresh button.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { Health } from '../../main/core/health.js';
import type { HelpdeskMessage, IncidentStatus } from '../../main/core/model.js';
import { capIncidents, displayLine, DISPLAY_LIMITS } from '../../main/core/words/display-text.js';
import { healthTone, healthWord, incidentStatusWord, severityWord } from '../model/labels.js';
import { acknowledgesOpenIncident, findIncident, messageSourceId, messagesBySeverity, overallAge, type DataAge } from '../model/report.js';
import { ago, formatWhen, inWords, startedWords } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, section, srOnly } from './dom.js';
import { glyph } from './glyph.js';
import { t } from '../i18n.js';

/**
 * The view's one h1, which also names the main landmark (`aria-labelledby="view-title"`).
 * Focusable by script (not by Tab) so navigation can move focus to it.
 */
export function viewTitle(text: string): HTMLHeadingElement {
  return h('h1', { class: 'view-title', id: 'view-title', attrs: { tabindex: -1 } }, text);
}

export function backButton(ctx: ViewContext): HTMLButtonElement {
  return button([h('span', { class: 'back-arrow', attrs: { 'aria-hidden': 'true' } }, '‹'), t('ui.common.back')], () => ctx.actions.back(), {
    class: 'back',
    key: 'back',
  });
}

/** "Updated 2 min ago" / "Stale: last data 3 h ago" / "Showing saved status, refreshing…", plus why a check failed. */
export function ageLine(age: DataAge): HTMLElement {
  return h(
    'p',
    { class: `age age-${age.tone}` },
    age.tone === 'stale' || age.tone === 'none' ? glyph('unknown') : null,
    h('span', {}, age.text),
    age.error ? h('span', { class: 'age-error' }, ` ${t('ui.age.lastCheckFailed', { error: age.error })}`) : null,
  );
}

/** Reasons a source is partial (its warnings), so they are read in the window and not only in JSON. */
export function reasonList(reasons: readonly string[], max = 5): HTMLElement | null {
  if (reasons.length === 0) return null;
  return h(
    'ul',
    { class: 'source-warnings', attrs: { 'aria-label': t('ui.parts.incomplete') } },
    // The reason is the source's own words (as the fetcher put them), kept as written.
    ...reasons.slice(0, max).map((reason) => h('li', {}, t('ui.parts.readInPart', { reason: displayLine(reason) }))),
    reasons.length > max ? h('li', {}, t('ui.parts.andMore', { count: reasons.length - max })) : null,
  );
}

export interface IncidentLine {
  readonly sourceId: string;
  readonly id: string;
  readonly title: string;
  readonly health: Health;
  readonly status: IncidentStatus;
  readonly updatedAt: string | null;
  /** Planned maintenance that has not started: the line says when it starts instead. */
  readonly startsAt?: string | null;
}

/** Incidents as buttons that open the incident view; health and status in words, not color only. */
export function incidentList(incidents: readonly IncidentLine[], ctx: ViewContext): HTMLUListElement {
  // Over the display cap, the newest are listed and the rest counted; below it the order given stays.
  const capped = incidents.length > DISPLAY_LIMITS.incidentsPerSource ? capIncidents(incidents) : { shown: incidents, more: 0 };
  return h(
    'ul',
    { class: 'incident-list' },
    ...capped.shown.map((incident) => {
      const updated = ago(incident.updatedAt, ctx.nowMs);
      const known = ctx.state.report?.messages.some((m) => m.incidentId === incident.id) ?? false;
      const starts = incident.startsAt === undefined ? null : formatWhen(incident.startsAt, ctx.nowMs);
      const ahead = incident.startsAt === undefined ? null : inWords(incident.startsAt, ctx.nowMs);
      const started = startedWords(findIncident(ctx.state.report, incident.sourceId, incident.id)?.incident.startedAt, ctx.nowMs);
      const meta =
        incident.startsAt === undefined
          ? [healthWord(incident.health), incidentStatusWord(incident.status), started, updated ? t('ui.parts.updated', { ago: updated }) : null]
          : [
              t('ui.parts.planned'),
              starts ? (ahead ? t('ui.parts.startsAhead', { when: starts, ahead }) : t('ui.parts.starts', { when: starts })) : t('ui.parts.noStart'),
            ];
      return h(
        'li',
        {},
        button(
          [
            glyph(healthTone(incident.health)),
            h(
              'span',
              { class: 'incident-text' },
              h('span', { class: 'incident-title' }, displayLine(incident.title, DISPLAY_LIMITS.title)),
              h(
                'span',
                { class: 'incident-meta' },
                meta.filter(Boolean).join(' · '),
              ),
              known ? h('span', { class: 'incident-known' }, t('ui.parts.itKnows')) : null,
            ),
            h('span', { class: 'chevron', attrs: { 'aria-hidden': 'true' } }, '›'),
          ],
          () => ctx.actions.go({ view: 'incident', sourceId: incident.sourceId, incidentId: incident.id }),
          { class: 'incident-link', key: `incident:${incident.sourceId}:${incident.id}` },
        ),
      );
    }),
    capped.more > 0 ? h('li', { class: 'incident-more quiet' }, t('ui.parts.moreIncidents', { count: capped.more })) : null,
  );
}

/** "IT knows about this, no ticket needed": the sentence that saves the helpdesk a ticket. */
export function acknowledgement(): HTMLParagraphElement {
  return h('p', { class: 'ack' }, glyph('ok'), h('strong', {}, t('ui.parts.ack')));
}

/** Helpdesk messages, most severe first, each with its acknowledgement and link when it has them. */
export function helpdeskSection(messages: readonly HelpdeskMessage[], report: CheckReport, ctx: ViewContext, level: 2 | 3 = 2): HTMLElement | null {
  if (messages.length === 0) return null;
  return section(
    t('ui.parts.fromHelpdesk'),
    level,
    { class: 'helpdesk' },
    h(
      'ul',
      { class: 'messages' },
      ...messagesBySeverity(messages).map((message) => {
        const posted = ago(message.postedAt, ctx.nowMs);
        const sourceId = messageSourceId(report, message);
        return h(
          'li',
          { class: `message severity-${message.severity}` },
          h('p', { class: 'message-meta' }, h('strong', {}, severityWord(message.severity)), posted ? ` · ${t('ui.parts.posted', { ago: posted })}` : null),
          acknowledgesOpenIncident(message, report) ? acknowledgement() : null,
          h('p', { class: 'message-text' }, message.text),
          message.url && sourceId
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

/** Refresh, which reads "Refreshing…" and is disabled while a check runs. */
export function refreshRow(ctx: ViewContext): HTMLElement {
  const busy = ctx.state.refreshing || ctx.refreshPending;
  return h(
    'div',
    { class: 'refresh-row' },
    // The button says "Refreshing…"; the line keeps saying how old what is shown is.
    h('p', { class: 'age' }, overallAge({ ...ctx.state, refreshing: false }, ctx.nowMs)),
    button(busy ? t('ui.live.refreshing') : t('ui.common.refresh'), () => (busy ? undefined : ctx.actions.refresh()), {
      class: 'secondary',
      key: 'refresh',
      // aria-disabled instead of disabled: a disabled button drops keyboard focus mid-refresh.
      attrs: { 'aria-disabled': busy ? 'true' : null },
    }),
  );
}

export function errorNotice(ctx: ViewContext): HTMLElement | null {
  return ctx.actionError ? h('p', { class: 'notice notice-error', attrs: { role: 'alert' } }, ctx.actionError) : null;
}
