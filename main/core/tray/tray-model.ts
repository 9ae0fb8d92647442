/**
 * The tray as data: which icon, what tooltip, which menu. The shell turns the model into Electron
 * calls and, comparing with the previous model (`trayModelChanges`), sets each part only when it
 * changed. The tooltip states the situation in words with the data's age, because the icon alone
 * says only "something is wrong".
 */
import type { MutePreset, ViewState } from '../contract.js';
import { describeMoment, displayLine, formatAge } from '../words/display-text.js';
import { anyStale } from '../staleness.js';
import { cut, describeSituation } from '../words/situation.js';
import { isLocalProblem } from '../verdict/local-problem.js';
import type { TrayState } from './tray-icons.js';

export type MenuItemId = 'open' | 'refresh' | 'mute-1h' | 'mute-4h' | 'mute-tomorrow' | 'unmute' | 'settings' | 'quit';

export type MenuSpec = { readonly id: MenuItemId; readonly label: string; readonly enabled: boolean } | { readonly id: 'separator' };

/** Plain JSON: two models describe the same tray exactly when their JSON is equal. */
export interface TrayModel {
  readonly icon: TrayState;
  readonly tooltip: string;
  readonly menu: readonly MenuSpec[];
}

/**
 * Windows keeps 128 UTF-16 units including the terminating NUL (NOTIFYICONDATA.szTip); other
 * platforms have no hard limit, but a tooltip is not a page.
 */
export function tooltipLimit(platform: string): number {
  return platform === 'win32' ? 127 : 255;
}


/**
 * The age line. "(stale)" follows the one staleness rule (engine/staleness.ts) as the report
 * records it per source, the same flag the window, the CLI and the helpdesk report read: the
 * engine rebuilds the report the moment a source crosses it.
 */
function freshness(view: ViewState, now: number): { text: string; stale: boolean } {
  const report = view.report;
  const at = Date.parse(view.updatedAt ?? report?.checkedAt ?? '');
  if (view.fromCache) {
    const saved = Number.isFinite(at) ? `showing saved status from ${describeMoment(new Date(at), new Date(now))}` : 'showing saved status';
    return { text: view.refreshing ? `${saved} · refreshing…` : saved, stale: true };
  }
  if (!Number.isFinite(at)) return { text: view.refreshing ? 'refreshing…' : 'no fresh data yet', stale: true };
  const age = now - at;
  const stale = report !== null && anyStale(report.sources);
  return { text: `updated ${formatAge(age)}${stale ? ' (stale)' : ''}`, stale };
}

/** The tooltip: the situation, then the data's age; the situation is shortened, never the age. */
export function trayTooltip(view: ViewState, now: number, platform: string): string {
  const limit = tooltipLimit(platform);
  const report = view.report;
  if (report === null) return view.refreshing ? 'Outage Radar: checking…' : 'Outage Radar: not checked yet';
  // Names and titles come from sources and config: one line, through the display boundary.
  const situation = displayLine(describeSituation(report), 1000);
  const fresh = freshness(view, now);
  // A local problem is about now ("Your network needs a sign-in"); its age only matters when it is old.
  const suffix = isLocalProblem(report.verdict.kind) && !fresh.stale ? '' : ` · ${fresh.text}`;
  if (suffix.length >= limit - 10) return cut(`${situation}${suffix}`, limit);
  return `${cut(situation, limit - suffix.length)}${suffix}`;
}

/** The context menu. Mute presets are replaced by "Unmute (muted until 15:00)" while muted. */
export function trayMenu(view: ViewState, now: number, platform: string): MenuSpec[] {
  const mutedUntil = view.mutedUntil === null ? Number.NaN : Date.parse(view.mutedUntil);
  const muted = Number.isFinite(mutedUntil) && mutedUntil > now;
  const mute: MenuSpec[] = muted
    ? [{ id: 'unmute', label: `Unmute (muted until ${describeMoment(new Date(mutedUntil), new Date(now))})`, enabled: true }]
    : [
        { id: 'mute-1h', label: 'Mute notifications for 1 hour', enabled: true },
        { id: 'mute-4h', label: 'Mute notifications for 4 hours', enabled: true },
        { id: 'mute-tomorrow', label: 'Mute notifications until tomorrow', enabled: true },
      ];
  return [
    { id: 'open', label: 'Open Outage Radar', enabled: true },
    view.refreshing ? { id: 'refresh', label: 'Refreshing…', enabled: false } : { id: 'refresh', label: 'Refresh now', enabled: true },
    { id: 'separator' },
    ...mute,
    { id: 'separator' },
    { id: 'settings', label: 'Settings…', enabled: true },
    // Windows menus say "Exit"; macOS and Linux say "Quit <app>".
    { id: 'quit', label: platform === 'win32' ? 'Exit' : 'Quit Outage Radar', enabled: true },
  ];
}

/** The whole tray for a view at `now` (epoch ms) on `platform` (process.platform). */
export function trayModel(view: ViewState, now: number, platform: string): TrayModel {
  return { icon: view.tray, tooltip: trayTooltip(view, now, platform), menu: trayMenu(view, now, platform) };
}

/** Which parts differ, so the shell calls setImage / setToolTip / setContextMenu only for those. */
export function trayModelChanges(previous: TrayModel | null, next: TrayModel): { icon: boolean; tooltip: boolean; menu: boolean } {
  if (previous === null) return { icon: true, tooltip: true, menu: true };
  return {
    icon: previous.icon !== next.icon,
    tooltip: previous.tooltip !== next.tooltip,
    menu: JSON.stringify(previous.menu) !== JSON.stringify(next.menu),
  };
}

export function trayModelEqual(a: TrayModel, b: TrayModel): boolean {
  const changes = trayModelChanges(a, b);
  return !changes.icon && !changes.tooltip && !changes.menu;
}

/** The mute preset a menu item stands for ('unmute' is 'off'), or null for other items. */
export function mutePresetFor(id: MenuItemId): MutePreset | null {
  switch (id) {
    case 'mute-1h':
      return '1h';
    case 'mute-4h':
      return '4h';
    case 'mute-tomorrow':
      return 'tomorrow';
    case 'unmute':
      return 'off';
    default:
      return null;
  }
}
