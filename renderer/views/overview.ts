/**
 * The first thing a person sees: is it me or them (the verdict), what to do, what the helpdesk
 * says, then every watched service worst-first with its incidents and how old its data is.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { ServiceStatus } from '../../main/core/sources/services.js';
import { flagSentence, healthMeaning, mutePresetLabel, trayWord } from '../model/labels.js';
import { dataAge, servicesWorstFirst, sourcesOf, sourceWarnings } from '../model/report.js';
import { formatUntil, parseTime } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, section, uid } from './dom.js';
import { badge, healthBadge } from './glyph.js';
import { adviceSection } from './advice.js';
import { ageLine, errorNotice, helpdeskSection, incidentList, reasonList, refreshRow, viewTitle } from './parts.js';

function verdictCard(report: CheckReport, ctx: ViewContext): HTMLElement {
  const { verdict } = report;
  const adviceId = uid('h');
  return h(
    'section',
    { class: `verdict tone-${ctx.state.tray}`, attrs: { 'aria-label': 'Is it me or them?' } },
    badge(ctx.state.tray, trayWord(ctx.state.tray), 'verdict-badge'),
    viewTitle(verdict.title),
    h('p', { class: 'verdict-summary' }, verdict.summary),
    h('div', { class: 'advice', attrs: { role: 'group', 'aria-labelledby': adviceId } }, h('h2', { id: adviceId }, 'What to do'), h('p', {}, verdict.advice)),
    ...verdict.flags.map((flag) => h('p', { class: 'flag' }, flagSentence(flag))),
    verdict.evidence.length > 0
      ? h(
          'details',
          { class: 'evidence', key: 'evidence' },
          h('summary', {}, 'How we know'),
          h('ul', {}, ...verdict.evidence.map((e) => h('li', {}, e.text))),
        )
      : null,
  );
}

function mutedNotice(ctx: ViewContext): HTMLElement | null {
  const until = ctx.state.mutedUntil;
  const end = parseTime(until);
  if (until === null || end === null || end <= ctx.nowMs) return null;
  return h(
    'div',
    { class: 'notice notice-muted' },
    h('p', {}, `Notifications are paused until ${formatUntil(until, ctx.nowMs)}.`),
    button(mutePresetLabel('off'), () => ctx.actions.mute('off'), { class: 'link-button', key: 'unmute' }),
  );
}

function serviceCard(service: ServiceStatus, report: CheckReport, ctx: ViewContext): HTMLLIElement {
  const sources = sourcesOf(report, service);
  const age = dataAge(sources, ctx.nowMs, ctx.state.fromCache);
  return h(
    'li',
    { class: `service-card tone-${service.health === 'operational' ? 'ok' : service.health}` },
    h(
      'h3',
      { class: 'service-heading' },
      button(
        [
          h('span', { class: 'service-name' }, service.name),
          healthBadge(service.health),
          h('span', { class: 'chevron', attrs: { 'aria-hidden': 'true' } }, '›'),
        ],
        () => ctx.actions.go({ view: 'service', serviceId: service.id }),
        { class: 'service-link', key: `service:${service.id}` },
      ),
    ),
    service.health === 'operational' ? null : h('p', { class: 'service-meaning' }, healthMeaning(service.health)),
    service.incidents.length > 0 ? incidentList(service.incidents, ctx) : null,
    ageLine(age),
    reasonList(sourceWarnings(sources), 3),
  );
}

function servicesSection(report: CheckReport, ctx: ViewContext): HTMLElement {
  const services = servicesWorstFirst(report.services);
  if (services.length === 0) {
    return section(
      'Your services',
      2,
      { class: 'services' },
      h('p', {}, 'You are not watching any services yet.'),
      button('Choose services in Settings', () => ctx.actions.go({ view: 'settings' }), { class: 'secondary', key: 'choose-services' }),
    );
  }
  return section('Your services', 2, { class: 'services' }, h('ul', { class: 'service-list' }, ...services.map((s) => serviceCard(s, report, ctx))));
}

/** The overview; before the first check it says that a check is running. */
export function overviewView(ctx: ViewContext): HTMLElement {
  const report = ctx.state.report;
  if (report === null) {
    return h(
      'div',
      { class: 'view overview' },
      h(
        'section',
        { class: 'verdict tone-unknown', attrs: { 'aria-label': 'Is it me or them?' } },
        badge('unknown', 'Unknown', 'verdict-badge'),
        viewTitle('Checking your services…'),
        h('p', {}, 'The first check is running. This usually takes a few seconds.'),
      ),
      refreshRow(ctx),
      errorNotice(ctx),
    );
  }
  return h(
    'div',
    { class: 'view overview' },
    verdictCard(report, ctx),
    adviceSection(report, ctx),
    refreshRow(ctx),
    errorNotice(ctx),
    mutedNotice(ctx),
    helpdeskSection(report.messages, report, ctx),
    servicesSection(report, ctx),
  );
}
