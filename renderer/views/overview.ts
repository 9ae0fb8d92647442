/**
 * The first thing a person sees: is it me or them (the verdict), what to do, what the helpdesk
 * says, then every watched service worst-first with its incidents and how old its data is.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { Deflection } from '../../main/core/helpdesk/deflection.js';
import type { ServiceStatus } from '../../main/core/sources/services.js';
import { flagSentence, healthMeaning, mutePresetLabel, trayWord } from '../model/labels.js';
import { dataAge, servicesWorstFirst, sourcesOf, sourceWarnings } from '../model/report.js';
import { formatUntil, parseTime } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, section, uid } from './dom.js';
import { badge, healthBadge } from './glyph.js';
import { adviceSection } from './advice.js';
import { ageLine, errorNotice, incidentList, reasonList, refreshRow, viewTitle } from './parts.js';
import { helpdeskBanner } from './helpdesk-banner.js';
import { t } from '../i18n.js';

function verdictCard(report: CheckReport, ctx: ViewContext): HTMLElement {
  const { verdict } = report;
  const adviceId = uid('h');
  return h(
    'section',
    { class: `verdict tone-${ctx.state.tray}`, attrs: { 'aria-label': t('ui.overview.meOrThem') } },
    badge(ctx.state.tray, trayWord(ctx.state.tray), 'verdict-badge'),
    viewTitle(verdict.title),
    h('p', { class: 'verdict-summary' }, verdict.summary),
    h('div', { class: 'advice', attrs: { role: 'group', 'aria-labelledby': adviceId } }, h('h2', { id: adviceId }, t('ui.overview.whatToDo')), h('p', {}, verdict.advice)),
    ...verdict.flags.map((flag) => h('p', { class: 'flag' }, flagSentence(flag))),
    verdict.evidence.length > 0
      ? h(
          'details',
          { class: 'evidence', key: 'evidence' },
          h('summary', {}, t('ui.overview.howWeKnow')),
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
    h('p', {}, t('ui.overview.mutedUntil', { time: formatUntil(until, ctx.nowMs) })),
    button(mutePresetLabel('off'), () => ctx.actions.mute('off'), { class: 'link-button', key: 'unmute' }),
  );
}

/** "IT knows about this, no ticket needed" on a service's card; its page shows the whole banner. */
function deflectionLine(deflection: Deflection | undefined): HTMLElement | null {
  return deflection ? h('p', { class: 'ack deflection-line' }, h('strong', {}, t('ui.overview.deflection', { id: deflection.incidentId }))) : null;
}

/** "Report a problem": the flow that first checks whether IT already knows. */
function reportProblemRow(ctx: ViewContext): HTMLElement {
  return h(
    'div',
    { class: 'report-row' },
    button(t('ui.page.report'), () => ctx.actions.go({ view: 'report' }), { class: 'secondary', key: 'report-problem' }),
  );
}

function serviceCard(service: ServiceStatus, report: CheckReport, ctx: ViewContext, deflection?: Deflection): HTMLLIElement {
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
    deflectionLine(deflection),
    service.incidents.length > 0 ? incidentList(service.incidents, ctx) : null,
    ageLine(age),
    reasonList(sourceWarnings(sources), 3),
  );
}

function servicesSection(report: CheckReport, ctx: ViewContext, deflections: readonly Deflection[]): HTMLElement {
  const services = servicesWorstFirst(report.services);
  if (services.length === 0) {
    return section(
      t('ui.overview.yourServices'),
      2,
      { class: 'services' },
      h('p', {}, t('ui.overview.noServices')),
      button(t('ui.overview.chooseServices'), () => ctx.actions.go({ view: 'settings' }), { class: 'secondary', key: 'choose-services' }),
    );
  }
  return section(t('ui.overview.yourServices'), 2, { class: 'services' }, h('ul', { class: 'service-list' }, ...services.map((s) => serviceCard(s, report, ctx, deflections.find((d) => d.serviceId === s.id)))));
}

/** The overview; before the first check it says that a check is running. `deflections` come from main. */
export function overviewView(ctx: ViewContext, deflections: readonly Deflection[] = []): HTMLElement {
  const report = ctx.state.report;
  if (report === null) {
    return h(
      'div',
      { class: 'view overview' },
      h(
        'section',
        { class: 'verdict tone-unknown', attrs: { 'aria-label': t('ui.overview.meOrThem') } },
        badge('unknown', t('health.unknown'), 'verdict-badge'),
        viewTitle(t('ui.overview.checking')),
        h('p', {}, t('ui.overview.firstCheck')),
      ),
      refreshRow(ctx),
      errorNotice(ctx),
    );
  }
  return h(
    'div',
    { class: 'view overview' },
    helpdeskBanner(report, ctx),
    verdictCard(report, ctx),
    adviceSection(report, ctx),
    refreshRow(ctx),
    errorNotice(ctx),
    mutedNotice(ctx),
    servicesSection(report, ctx, deflections),
    reportProblemRow(ctx),
  );
}
