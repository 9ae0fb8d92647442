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
export const TRAY_MENU_IDS = ['open', 'refresh', 'mute-1h', 'mute-4h', 'mute-tomorrow', 'unmute', 'settings', 'quit', 'separator'] as const;
export type TrayMenuId = (typeof TRAY_MENU_IDS)[number];
export type TrayActionId = Exclude<TrayMenuId, 'separator'>;

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
  /** What each menu item does. */
  readonly actions: Readonly<Record<TrayActionId, () => void>>;
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
export function menuTemplate(menu: readonly TrayMenuSpec[], actions: Readonly<Record<TrayActionId, () => void>>): MenuTemplateItem[] {
  return menu.map((item): MenuTemplateItem => {
    if (item.id === 'separator') return { type: 'separator' };
    const entry: MenuTemplateItem = { id: item.id, label: item.label ?? item.id, enabled: item.enabled ?? true };
    if (item.submenu !== undefined) return { ...entry, type: 'submenu', submenu: menuTemplate(item.submenu, actions) };
    if (item.checked !== undefined) Object.assign(entry, { type: 'checkbox', checked: item.checked });
    const action = actions[item.id];
    return { ...entry, click: () => action() };
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
      const menuKey = JSON.stringify(model.menu);
      if (shown.menuKey !== menuKey) {
        const menu = deps.buildMenu(menuTemplate(model.menu, deps.actions));
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
