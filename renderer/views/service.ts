/**
 * One service: its health in words, what to use meanwhile, its incidents and planned
 * maintenance, helpdesk messages, and the status pages it is read from.
 */
import type { CheckReport } from '../../main/core/check.js';
import type { Deflection } from '../../main/core/helpdesk/deflection.js';
import type { Component, SourceResult } from '../../main/core/model.js';
import type { ServiceStatus } from '../../main/core/sources/services.js';
import { healthMeaning } from '../model/labels.js';
import { dataAge, findService, sourcesOf, worstFirst } from '../model/report.js';
import { lastKnownWords, parseTime } from '../model/time.js';
import { t } from '../i18n.js';
import type { ViewContext } from './context.js';
import { button, h, section, srOnly } from './dom.js';
import { healthBadge } from './glyph.js';
import { ageLine, backButton, helpdeskSection, incidentList, reasonList, refreshRow, viewTitle } from './parts.js';
import { deflectionBanner } from './report-problem/deflection-banner.js';

function componentList(components: readonly Component[]): HTMLElement | null {
  if (components.length === 0) return null;
  const ordered = worstFirst(components);
  const problems = ordered.filter((c) => c.health !== 'operational').length;
  return h(
    'details',
    { class: 'components', key: 'components' },
    h('summary', {}, t('ui.service.parts', { count: components.length, problems })),
    h('ul', { class: 'component-list' }, ...ordered.map((c) => h('li', {}, h('span', { class: 'component-name' }, c.name), healthBadge(c.health)))),
  );
}

/** An out-of-date source's incidents (an expired org feed), under a heading that says they are last known. */
function lastKnownSection(source: SourceResult, ctx: ViewContext): HTMLElement | null {
  if (!source.lastKnown || source.incidents.length === 0) return null;
  const marker = lastKnownWords(source.lastKnown.asOf, ctx.nowMs);
  return h(
    'div',
    { class: 'last-known' },
    h('p', { class: 'quiet' }, `${marker.charAt(0).toUpperCase()}${marker.slice(1)}: ${source.lastKnown.reason}`),
    incidentList(
      source.incidents.map((i) => ({ ...i, sourceId: source.id })),
      ctx,
    ),
  );
}

function sourceItem(source: SourceResult, ctx: ViewContext): HTMLLIElement {
  return h(
    'li',
    { class: 'source' },
    h('div', { class: 'source-head' }, h('span', { class: 'source-name' }, source.name), healthBadge(source.health)),
    ageLine(dataAge([source], ctx.nowMs, ctx.state.fromCache)),
    reasonList(source.warnings, 10),
    lastKnownSection(source, ctx),
    componentList(source.components),
    button([t('ui.service.openStatusPage'), srOnly(` ${t('ui.service.ofSource', { name: source.name })}`)], () => ctx.actions.openLink({ kind: 'source', sourceId: source.id }), {
      class: 'link-button',
      key: `source:${source.id}`,
    }),
  );
}

function serviceBody(service: ServiceStatus, report: CheckReport, ctx: ViewContext, deflection: Deflection | null): HTMLElement[] {
  const sources = sourcesOf(report, service);
  const upcoming = sources
    .flatMap((s) => s.upcoming.map((i) => ({ ...i, sourceId: s.id, startsAt: i.startedAt })))
    .sort((a, b) => (parseTime(a.startsAt) ?? Infinity) - (parseTime(b.startsAt) ?? Infinity));
  const parts: (HTMLElement | null)[] = [
    h('div', { class: 'service-summary' }, healthBadge(service.health), h('p', {}, healthMeaning(service.health))),
    deflection ? deflectionBanner(deflection, ctx.nowMs) : null,
    service.fallback && service.health !== 'operational'
      ? h('p', { class: 'fallback' }, h('strong', {}, `${t('ui.service.meanwhile')} `), t('ui.service.use', { fallback: service.fallback }))
      : null,
    section(
      t('ui.service.current'),
      2,
      { class: 'incidents' },
      service.incidents.length > 0 ? incidentList(service.incidents, ctx) : h('p', { class: 'quiet' }, t('ui.service.noIncident')),
    ),
    upcoming.length > 0
      ? section(
          t('ui.label.incidentKindWord.maintenance'),
          2,
          { class: 'upcoming' },
          incidentList(upcoming.slice(0, 2), ctx),
          // The next two are what matters today; a long calendar stays one click away.
          upcoming.length > 2
            ? h('details', { class: 'more-upcoming', key: 'more-upcoming' }, h('summary', {}, t('ui.service.showMore', { count: upcoming.length - 2 })), incidentList(upcoming.slice(2), ctx))
            : null,
        )
      : null,
    helpdeskSection(service.messages, report, ctx),
    service.notes.length > 0
      ? h('details', { class: 'notes', key: 'notes' }, h('summary', {}, t('ui.service.why')), h('ul', {}, ...service.notes.map((n) => h('li', {}, n))))
      : null,
    section(t('ui.service.sources'), 2, { class: 'sources' }, h('ul', { class: 'source-list' }, ...sources.map((s) => sourceItem(s, ctx)))),
    h(
      'div',
      { class: 'report-row' },
      button(t('ui.service.report', { name: service.name }), () => ctx.actions.go({ view: 'report', serviceId: service.id }), { class: 'secondary', key: 'report-problem' }),
    ),
  ];
  return parts.filter((p): p is HTMLElement => p !== null);
}

/** One service's page; `deflection` (from main) is its "IT knows about this" banner, or null. */
export function serviceView(ctx: ViewContext, serviceId: string, deflection: Deflection | null = null): HTMLElement {
  const report = ctx.state.report;
  const service = findService(report, serviceId);
  if (!report || !service) {
    return h(
      'div',
      { class: 'view service' },
      backButton(ctx),
      viewTitle(t('ui.service.notWatched')),
      h('p', {}, t(report ? 'ui.service.removed' : 'ui.service.notYet')),
    );
  }
  return h('div', { class: 'view service' }, backButton(ctx), viewTitle(service.name), ...serviceBody(service, report, ctx, deflection), refreshRow(ctx));
}
