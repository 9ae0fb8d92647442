/**
 * The deflection banner: "This is a known problem (EX1224375). IT is aware; you do not need to
 * open a ticket.", or the helpdesk's own message about the incident, with when it was posted.
 * Main decides which incidents deflect which service (core/helpdesk/deflection.ts, over the
 * `getDeflections` verb); this file only draws one.
 */
import type { Deflection } from '../../../main/core/helpdesk/deflection.js';
import { ago, formatWhen } from '../../model/time.js';
import { h, uid } from '../dom.js';
import { glyph } from '../glyph.js';
import { t } from '../../i18n.js';

/** "posted today 08:30 (1 h ago)", or null for an undated message. */
function postedWords(iso: string | null, nowMs: number): string | null {
  const when = formatWhen(iso, nowMs);
  const since = ago(iso, nowMs);
  if (when === null) return null;
  return t('ui.parts.posted', { ago: since === null ? when : `${when} (${since})` });
}

/** One service's banner; `level` is the heading level where it sits. */
export function deflectionBanner(deflection: Deflection, nowMs: number, level: 2 | 3 = 2): HTMLElement {
  const headingId = uid('h');
  const posted = deflection.from === 'helpdesk' ? postedWords(deflection.postedAt, nowMs) : null;
  return h(
    'section',
    { class: 'ack-box deflection', attrs: { 'aria-labelledby': headingId, 'data-incident': deflection.incidentId } },
    h(level === 2 ? 'h2' : 'h3', { id: headingId, class: 'ack' }, glyph('ok'), h('span', {}, t('ui.parts.itKnows'))),
    deflection.from === 'helpdesk' ? h('p', { class: 'message-meta' }, h('strong', {}, t('ui.parts.fromHelpdesk')), posted ? ` · ${posted}` : null) : null,
    h('p', { class: 'deflection-text' }, deflection.text),
    h('p', { class: 'quiet' }, `${deflection.incidentId}: ${deflection.incidentTitle}`),
  );
}
