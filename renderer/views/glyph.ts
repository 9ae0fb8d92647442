/**
 * State glyphs drawn as inline SVG with the tray icons' own geometry (assets/src/tray-*.svg), so
 * the window and the tray show the same shape for the same state. Glyphs are decoration: the
 * state's word always sits next to them, so they are hidden from screen readers.
 */
import type { Health } from '../../main/core/health.js';
import type { TrayState } from '../../main/core/tray/tray-icons.js';
import { healthTone, healthWord } from '../model/labels.js';
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

export type Shape = readonly [tag: 'circle' | 'path' | 'rect', attrs: Readonly<Record<string, string>>];

const WHITE = '#ffffff';

const SHAPES: Readonly<Record<TrayState, readonly Shape[]>> = {
  ok: [
    ['circle', { cx: '8', cy: '8', r: '7.5', fill: '#15803d', stroke: '#14532d', 'stroke-width': '1' }],
    ['path', { d: 'M4.3 8.3L6.9 10.8L11.7 5.4', fill: 'none', stroke: WHITE, 'stroke-width': '2.2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }],
  ],
  maintenance: [
    ['circle', { cx: '8', cy: '8', r: '7.5', fill: '#2563eb', stroke: '#1e3a8a', 'stroke-width': '1' }],
    ['path', { d: 'M4.6 11.4L8.4 7.6', fill: 'none', stroke: WHITE, 'stroke-width': '2.4', 'stroke-linecap': 'round' }],
    ['path', { d: 'M12.9 6.4A2.7 2.7 0 1 1 9.6 3.1', fill: 'none', stroke: WHITE, 'stroke-width': '2.2', 'stroke-linecap': 'round' }],
  ],
  degraded: [
    ['path', { d: 'M8 0.9L15.4 14.2Q15.6 15.3 14.6 15.3H1.4Q0.4 15.3 0.6 14.2Z', fill: '#f59e0b', stroke: '#92400e', 'stroke-width': '1', 'stroke-linejoin': 'round' }],
    ['path', { d: 'M8 5V10', fill: 'none', stroke: '#1c1917', 'stroke-width': '2' }],
    ['rect', { x: '7', y: '11', width: '2', height: '2', rx: '0.4', fill: '#1c1917' }],
  ],
  outage: [
    ['path', { d: 'M5.2 0.5H10.8L15.5 5.2V10.8L10.8 15.5H5.2L0.5 10.8V5.2Z', fill: '#dc2626', stroke: '#7f1d1d', 'stroke-width': '1', 'stroke-linejoin': 'round' }],
    ['path', { d: 'M5.4 5.4L10.6 10.6M10.6 5.4L5.4 10.6', fill: 'none', stroke: WHITE, 'stroke-width': '2.2', 'stroke-linecap': 'round' }],
  ],
  local: [
    ['rect', { x: '0.5', y: '0.5', width: '15', height: '15', rx: '3.5', fill: '#7c3aed', stroke: '#4c1d95', 'stroke-width': '1' }],
    ['rect', { x: '4.3', y: '4.5', width: '7.4', height: '5.3', rx: '0.6', fill: 'none', stroke: WHITE, 'stroke-width': '1.6' }],
    ['path', { d: 'M3 11.9H13', fill: 'none', stroke: WHITE, 'stroke-width': '1.8', 'stroke-linecap': 'round' }],
  ],
  unknown: [
    ['circle', { cx: '8', cy: '8', r: '7.5', fill: '#6b7280', stroke: '#1f2937', 'stroke-width': '1' }],
    ['path', { d: 'M5.9 6.1A2.2 2.2 0 1 1 9.2 8C8.4 8.5 8 8.9 8 9.8', fill: 'none', stroke: WHITE, 'stroke-width': '2', 'stroke-linecap': 'round' }],
    ['circle', { cx: '8', cy: '12.4', r: '1.15', fill: WHITE }],
  ],
};

/** The state's glyph, decorative (aria-hidden). */
export function glyph(state: TrayState): SVGSVGElement {
  return decorativeSvg(SHAPES[state], 16, 'glyph');
}

/** A 16-unit SVG drawn from shapes, hidden from screen readers because a word always says the same. */
export function decorativeSvg(shapes: readonly Shape[], sizePx: number, className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', String(sizePx));
  svg.setAttribute('height', String(sizePx));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', className);
  for (const [tag, attrs] of shapes) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) shape.setAttribute(name, value);
    svg.appendChild(shape);
  }
  return svg;
}

/** Glyph + word in the state's colors: health never depends on color alone. */
export function badge(state: TrayState, word: string, extraClass = ''): HTMLSpanElement {
  return h('span', { class: `badge tone-${state} ${extraClass}`.trim() }, glyph(state), h('span', { class: 'badge-word' }, word));
}

export function healthBadge(health: Health): HTMLSpanElement {
  return badge(healthTone(health), healthWord(health));
}
