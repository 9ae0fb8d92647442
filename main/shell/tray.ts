/**
 * The tray icon, driven by `core/tray/tray-model.ts`.
 *
 * `render(model)` is idempotent: the image is set only when the tray state changed, the tooltip
 * only when its text changed, the context menu only when the menu spec changed, because every
 * call reaches the OS (and on macOS visibly redraws the menu bar). Linux is the exception that
 * needs more: its AppIndicator menus do not pick up changes unless `setContextMenu` is called
 * again (https://www.electronjs.org/docs/latest/api/tray#traysetcontextmenumenu), so there the
 * current menu is re-set after any change.
 *
 * The tray always has a context menu with "Open": a click alone is not delivered everywhere
 * (Linux desktops with AppIndicator send none).
 */
import { join } from 'node:path';
import { trayIconFiles, type TrayPlatform, type TrayState } from '../core/tray/tray-icons.js';

/** The menu item ids of `core/tray/tray-model.ts`. */
export const TRAY_MENU_IDS = ['open', 'report', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'check-updates', 'quit', 'separator'] as const;
export type TrayMenuId = (typeof TRAY_MENU_IDS)[number];
export type TrayActionId = Exclude<TrayMenuId, 'separator'>;

/**
 * What each menu item does. "Report a problem…" is the shell's own item: it appears (right after
 * "Open") only when the app gives it an action, which opens the window on the flow's route.
 */
export type TrayActions = Readonly<Record<Exclude<TrayActionId, 'report' | 'check-updates'>, () => void>> & {
  readonly report?: () => void;
  readonly 'check-updates'?: () => void;
};

/** The "Report a problem…" item. */
export const REPORT_PROBLEM_ITEM: TrayMenuSpec = { id: 'report', label: 'Report a problem…', enabled: true };

/** The model's menu with "Report a problem…" (in the person's words) after "Open" (or first, when there is no "Open"). */
export function withReportItem(menu: readonly TrayMenuSpec[], label: string = REPORT_PROBLEM_ITEM.label ?? ''): TrayMenuSpec[] {
  const at = menu.findIndex((item) => item.id === 'open') + 1;
  return [...menu.slice(0, at), { ...REPORT_PROBLEM_ITEM, label }, ...menu.slice(at)];
}

/** The "Check for updates…" item (main/shell/updates.ts). */
export const CHECK_UPDATES_ITEM: TrayMenuSpec = { id: 'check-updates', label: 'Check for updates…', enabled: true };

/** The menu with "Check for updates…" (in the person's words) after "Settings…" (or before Quit, or last). */
export function withUpdateCheckItem(menu: readonly TrayMenuSpec[], label: string = CHECK_UPDATES_ITEM.label ?? ''): TrayMenuSpec[] {
  const settings = menu.findIndex((item) => item.id === 'settings');
  const quit = menu.findIndex((item) => item.id === 'quit');
  const at = settings !== -1 ? settings + 1 : quit !== -1 ? quit : menu.length;
  return [...menu.slice(0, at), { ...CHECK_UPDATES_ITEM, label }, ...menu.slice(at)];
}

/** The menu without Quit (and without a separator left dangling at the end), as policy asks. */
export function withoutQuit(menu: readonly TrayMenuSpec[]): TrayMenuSpec[] {
  const out = menu.filter((item) => item.id !== 'quit');
  while (out[out.length - 1]?.id === 'separator') out.pop();
  return out;
}

/** One menu entry as data (structurally compatible with core's MenuSpec). */
export interface TrayMenuSpec {
  readonly id: TrayMenuId;
  readonly label?: string;
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly submenu?: readonly TrayMenuSpec[];
}

/** What `core/tray/tray-model.ts` computes from the view state. */
export interface TrayModelLike {
  readonly icon: TrayState;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuSpec[];
}

/** An Electron menu template entry (a structural slice of MenuItemConstructorOptions). */
export interface MenuTemplateItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox' | 'submenu';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

/** The slice of Electron's Tray the controller drives. */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): unknown;
  getBounds(): { x: number; y: number; width: number; height: number };
  destroy(): void;
  isDestroyed(): boolean;
}

export interface TrayDeps<Image, Menu> {
  /** `new Tray(image)`. */
  readonly createTray: (image: Image) => TrayLike<Image, Menu>;
  /** `nativeImage.createFromPath`. */
  readonly loadImage: (path: string) => Image;
  /** `Menu.buildFromTemplate`. */
  readonly buildMenu: (template: MenuTemplateItem[]) => Menu;
  /** `assets/` in development, `process.resourcesPath/assets` when packaged. */
  readonly assetsDir: string;
  readonly platform: TrayPlatform;
  /** A left click on the icon (where the platform delivers one). */
  readonly onClick: () => void;
  /** What each menu item does; with `report`, the menu has "Report a problem…". */
  readonly actions: TrayActions;
  /** False when policy (`app.allowQuit`) says the person may not quit: the menu then has no Quit. */
  readonly allowQuit?: () => boolean;
  /** True when the update plan offers a check (`offersCheckInMenu`): with `check-updates`, the menu has "Check for updates…". */
  readonly offersUpdateCheck?: () => boolean;
  /** The shell's own items in the person's language (main's translator); default English. */
  readonly labels?: () => { readonly report: string; readonly checkUpdates: string };
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface TrayController {
  /** Shows the model, touching only what changed. Creates the tray on first use. */
  render(model: TrayModelLike): void;
  /** The icon's screen rectangle, or null when unknown (Linux reports zeros). */
  bounds(): { x: number; y: number; width: number; height: number } | null;
  destroy(): void;
}

/** The absolute path of the primary icon file for a tray state. */
export function trayIconPath(assetsDir: string, state: TrayState, platform: TrayPlatform): string {
  return join(assetsDir, ...trayIconFiles(state, platform).primary.split('/'));
}

/** Turns menu data into an Electron template whose clicks dispatch to `actions`. */
export function menuTemplate(menu: readonly TrayMenuSpec[], actions: TrayActions): MenuTemplateItem[] {
  return menu.map((item): MenuTemplateItem => {
    if (item.id === 'separator') return { type: 'separator' };
    const entry: MenuTemplateItem = { id: item.id, label: item.label ?? item.id, enabled: item.enabled ?? true };
    if (item.submenu !== undefined) return { ...entry, type: 'submenu', submenu: menuTemplate(item.submenu, actions) };
    if (item.checked !== undefined) Object.assign(entry, { type: 'checkbox', checked: item.checked });
    const action = actions[item.id];
    return { ...entry, click: () => action?.() };
  });
}

/** Creates a controller; the OS tray appears on the first `render`. */
export function createTrayController<Image, Menu>(deps: TrayDeps<Image, Menu>): TrayController {
  const log = deps.log ?? console;
  let tray: TrayLike<Image, Menu> | null = null;
  let shown: { icon: TrayState | null; tooltip: string | null; menuKey: string | null; menu: Menu | null } = {
    icon: null,
    tooltip: null,
    menuKey: null,
    menu: null,
  };

  const image = (state: TrayState): Image => deps.loadImage(trayIconPath(deps.assetsDir, state, deps.platform));

  return {
    render(model) {
      let changed = false;
      if (tray === null || tray.isDestroyed()) {
        tray = deps.createTray(image(model.icon));
        tray.on('click', () => deps.onClick());
        shown = { icon: model.icon, tooltip: null, menuKey: null, menu: null };
        changed = true;
      } else if (shown.icon !== model.icon) {
        try {
          tray.setImage(image(model.icon));
          shown.icon = model.icon;
          changed = true;
        } catch (error) {
          // A broken icon file must not stop the tooltip and menu from updating.
          log.warn(`tray: could not show the ${model.icon} icon`, error);
        }
      }
      if (shown.tooltip !== model.tooltip) {
        tray.setToolTip(model.tooltip);
        shown.tooltip = model.tooltip;
        changed = true;
      }
      const allowed = deps.allowQuit?.() === false ? withoutQuit(model.menu) : model.menu;
      const labels = deps.labels?.();
      const reported = deps.actions.report === undefined ? allowed : withReportItem(allowed, labels?.report);
      const items =
        deps.actions['check-updates'] !== undefined && deps.offersUpdateCheck?.() === true ? withUpdateCheckItem(reported, labels?.checkUpdates) : reported;
      const menuKey = JSON.stringify(items);
      if (shown.menuKey !== menuKey) {
        const menu = deps.buildMenu(menuTemplate(items, deps.actions));
        shown.menu = menu;
        shown.menuKey = menuKey;
        tray.setContextMenu(menu);
      } else if (changed && deps.platform === 'linux' && shown.menu !== null) {
        tray.setContextMenu(shown.menu);
      }
    },

    bounds() {
      if (tray === null || tray.isDestroyed()) return null;
      const rect = tray.getBounds();
      return rect.width > 0 && rect.height > 0 ? rect : null;
    },

    destroy() {
      if (tray !== null && !tray.isDestroyed()) tray.destroy();
      tray = null;
    },
  };
}
