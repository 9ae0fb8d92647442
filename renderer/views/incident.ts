/**
 * One incident or maintenance: the facts first (impact, status, when), whether IT already knows,
 * the provider's page, then every post newest first. Titles and posts come from the status source
 * and are untrusted: titles are text nodes, post bodies go through untrusted.ts.
 */
import { displayLine, DISPLAY_LIMITS } from '../../main/core/words/display-text.js';
import { t } from '../i18n.js';
import type { Incident, SourceResult } from '../../main/core/model.js';
import { healthWord, incidentKindWord, incidentStatusWord } from '../model/labels.js';
import { acknowledgementsOf, findIncident, updatesNewestFirst } from '../model/report.js';
import { ago, formatWhen, lastKnownWords, parseTime } from '../model/time.js';
import type { ViewContext } from './context.js';
import { button, h, section, srOnly, type Child } from './dom.js';
import { healthBadge } from './glyph.js';
import { acknowledgement, backButton, viewTitle } from './parts.js';
import { untrustedBlock } from './untrusted.js';

function when(iso: string | null, ctx: ViewContext): Child {
  const absolute = formatWhen(iso, ctx.nowMs);
  if (absolute === null) return t('ui.incident.notGiven');
  const relative = ago(iso, ctx.nowMs);
  const future = (Date.parse(iso ?? '') || 0) > ctx.nowMs;
  return h('time', { attrs: { datetime: iso } }, future || relative === null ? absolute : `${absolute} (${relative})`);
}

/** Affected parts by name: Statuspage lists component ids, which mean nothing to a person. */
function affectedNames(incident: Incident, source: SourceResult): string[] {
  // Group members can share a name ("North America" under SMS and under MMS): list each once.
  return [...new Set(incident.affects.map((id) => source.components.find((c) => c.id === id)?.name ?? id))];
}

function fact(term: string, ...value: Child[]): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function facts(incident: Incident, source: SourceResult, upcoming: boolean, ctx: ViewContext): HTMLElement {
  const impact = incident.impact?.trim() ?? '';
  const shortImpact = impact !== '' && !/\s/.test(impact);
  // "the provider calls it “maintenance”" under a Maintenance badge says nothing new.
  const sameWord = impact.toLowerCase() === healthWord(incident.health).toLowerCase() || impact.toLowerCase() === 'none';
  const starts = parseTime(incident.startedAt);
  const notStarted = upcoming || (starts !== null && starts > ctx.nowMs);
  const affected = affectedNames(incident, source);
  return h(
    'dl',
    { class: 'facts' },
    // The impact word is the provider's own, quoted as written.
    ...fact(t('ui.incident.impact'), healthBadge(incident.health), shortImpact && !sameWord ? h('span', { class: 'quiet' }, ` ${t('ui.incident.providerCalls', { impact })}`) : null),
    ...(impact !== '' && !shortImpact ? fact(t('ui.incident.whoAffected'), impact) : []),
    ...fact(t('ui.incident.status'), incidentStatusWord(incident.status)),
    ...fact(t(notStarted ? 'ui.incident.starts' : 'ui.incident.started'), when(incident.startedAt, ctx)),
    ...(incident.endsAt ? fact(t('ui.incident.ends'), when(incident.endsAt, ctx)) : []),
    ...fact(t('ui.incident.lastUpdate'), when(incident.updatedAt, ctx)),
    // A list, not a comma-joined string: component names contain commas ("SMS Short Code, North America").
    ...(affected.length > 0 ? fact(t('ui.incident.affects'), h('ul', { class: 'affects' }, ...affected.map((name) => h('li', {}, name)))) : []),
  );
}

function timeline(incident: Incident, ctx: ViewContext): HTMLElement {
  const updates = updatesNewestFirst(incident.updates);
  return section(
    t('ui.incident.updates'),
    2,
    { class: 'timeline-section' },
    updates.length === 0
      ? h('p', { class: 'quiet' }, t('ui.incident.noUpdates'))
      : h(
          'ol',
          { class: 'timeline' },
          ...updates.map((update) =>
            h(
              'li',
              { class: 'post' },
              h('p', { class: 'post-meta' }, h('strong', {}, incidentStatusWord(update.status)), ' · ', when(update.at, ctx)),
              untrustedBlock(update.body),
            ),
          ),
        ),
  );
}

export function incidentView(ctx: ViewContext, sourceId: string, incidentId: string): HTMLElement {
  const report = ctx.state.report;
  const found = findIncident(report, sourceId, incidentId);
  if (!report || !found) {
    return h(
      'div',
      { class: 'view incident' },
      backButton(ctx),
      viewTitle(t('ui.incident.gone')),
      h('p', {}, t('ui.incident.goneText')),
    );
  }
  const { incident, source, upcoming } = found;
  const acks = acknowledgementsOf(report, incident.id);
  return h(
    'div',
    { class: 'view incident' },
    backButton(ctx),
    h(
      'p',
      { class: 'kicker' },
      [source.name, upcoming ? t('ui.incident.notStarted') : incidentKindWord(incident.kind), source.lastKnown ? lastKnownWords(source.lastKnown.asOf, ctx.nowMs) : null]
        .filter(Boolean)
        .join(' · '),
    ),
    viewTitle(displayLine(incident.title, DISPLAY_LIMITS.title)),
    facts(incident, source, upcoming, ctx),
    acks.length > 0 ? h('div', { class: 'ack-box' }, acknowledgement(), ...acks.map((m) => h('p', { class: 'message-text' }, m.text))) : null,
    incident.url
      ? button(
          [t('ui.incident.openProvider'), srOnly(` ${t('ui.common.opensInBrowser')}`)],
          () => ctx.actions.openLink({ kind: 'incident', sourceId: source.id, incidentId: incident.id }),
          { class: 'secondary', key: 'open-incident' },
        )
      : null,
    timeline(incident, ctx),
  );
}
