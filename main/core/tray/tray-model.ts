/**
 * The tray as data: which icon, what tooltip, which menu. The shell turns the model into Electron
 * calls and, comparing with the previous model (`trayModelChanges`), sets each part only when it
 * changed. The tooltip states the situation in words with the data's age, because the icon alone
 * says only "something is wrong".
 */
import type { MutePreset, ViewState } from '../contract.js';
import { describeMoment, displayLine, formatAge } from '../words/display-text.js';
import { ENGLISH, type Translator } from '../i18n/translate.js';
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
 * Ages and times: without a translator (the default, as tests and headless callers use it) the
 * app's 24-hour English wording of display-text.ts; with the person's translator, `Intl` in their
 * locale and time zone ("vor 3 Minuten", "13:02" / "1:02 PM").
 */
function agoWords(t: Translator, ms: number): string {
  return t === ENGLISH ? formatAge(ms) : t.ago(ms);
}
function momentWords(t: Translator, at: number, now: number): string {
  return t === ENGLISH ? describeMoment(new Date(at), new Date(now)) : t.moment(at, now);
}

/**
 * The age line. "(stale)" follows the one staleness rule (engine/staleness.ts) as the report
 * records it per source, the same flag the window, the CLI and the helpdesk report read: the
 * engine rebuilds the report the moment a source crosses it.
 */
function freshness(view: ViewState, now: number, t: Translator): { text: string; stale: boolean } {
  const report = view.report;
  const at = Date.parse(view.updatedAt ?? report?.checkedAt ?? '');
  if (view.fromCache) {
    const saved = Number.isFinite(at) ? t.t('tray.tooltip.saved', { when: momentWords(t, at, now) }) : t.t('tray.tooltip.savedNoTime');
    return { text: view.refreshing ? t.t('tray.tooltip.savedRefreshing', { saved }) : saved, stale: true };
  }
  if (!Number.isFinite(at)) return { text: t.t(view.refreshing ? 'tray.tooltip.refreshing' : 'tray.tooltip.noFreshData'), stale: true };
  const ago = agoWords(t, now - at);
  const stale = report !== null && anyStale(report.sources);
  return { text: t.t(stale ? 'tray.tooltip.updatedStale' : 'tray.tooltip.updated', { ago }), stale };
}

/**
 * The tooltip: the situation, then the data's age; the situation is shortened, never the age.
 * In the translator's language, locale and time zone (default English).
 */
export function trayTooltip(view: ViewState, now: number, platform: string, t: Translator = ENGLISH): string {
  const limit = tooltipLimit(platform);
  const report = view.report;
  if (report === null) return t.t(view.refreshing ? 'tray.tooltip.checking' : 'tray.tooltip.notChecked');
  // Names and titles come from sources and config: one line, through the display boundary.
  const situation = displayLine(describeSituation(report, t), 1000);
  const fresh = freshness(view, now, t);
  // A local problem is about now ("Your network needs a sign-in"); its age only matters when it is old.
  const suffix = isLocalProblem(report.verdict.kind) && !fresh.stale ? '' : ` · ${fresh.text}`;
  if (suffix.length >= limit - 10) return cut(`${situation}${suffix}`, limit);
  return `${cut(situation, limit - suffix.length)}${suffix}`;
}

/** The context menu. Mute presets are replaced by "Unmute (muted until 15:00)" while muted. */
export function trayMenu(view: ViewState, now: number, platform: string, t: Translator = ENGLISH): MenuSpec[] {
  const mutedUntil = view.mutedUntil === null ? Number.NaN : Date.parse(view.mutedUntil);
  const muted = Number.isFinite(mutedUntil) && mutedUntil > now;
  const mute: MenuSpec[] = muted
    ? [{ id: 'unmute', label: t.t('tray.menu.unmute', { time: momentWords(t, mutedUntil, now) }), enabled: true }]
    : [
        { id: 'mute-1h', label: t.t('tray.menu.mute1h'), enabled: true },
        { id: 'mute-4h', label: t.t('tray.menu.mute4h'), enabled: true },
        { id: 'mute-tomorrow', label: t.t('tray.menu.muteTomorrow'), enabled: true },
      ];
  return [
    { id: 'open', label: t.t('tray.menu.open'), enabled: true },
    view.refreshing ? { id: 'refresh', label: t.t('tray.menu.refreshing'), enabled: false } : { id: 'refresh', label: t.t('tray.menu.refresh'), enabled: true },
    { id: 'separator' },
    ...mute,
    { id: 'separator' },
    { id: 'settings', label: t.t('tray.menu.settings'), enabled: true },
    // Windows menus say "Exit"; macOS and Linux say "Quit <app>".
    { id: 'quit', label: t.t(platform === 'win32' ? 'tray.menu.exit' : 'tray.menu.quit'), enabled: true },
  ];
}

/**
 * The whole tray for a view at `now` (epoch ms) on `platform` (process.platform), in the
 * translator's language (main's `appTranslator`; default English).
 */
export function trayModel(view: ViewState, now: number, platform: string, t: Translator = ENGLISH): TrayModel {
  return { icon: view.tray, tooltip: trayTooltip(view, now, platform, t), menu: trayMenu(view, now, platform, t) };
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
