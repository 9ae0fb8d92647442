/**
 * The ONE runtime import of `electron` in `main/`.
 *
 * Every other shell module receives these objects (or a narrower structural type) by injection,
 * so tests drive them with fakes in plain Node and `test/unit/arch/boundaries.test.ts` can
 * enforce that nothing else reaches for Electron directly. Importing this file outside the
 * Electron main process fails: the `electron` package is then only the path of the binary.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';

/** Electron's main-process modules, bundled so the composition root can hand them out. */
export interface ElectronDeps {
  readonly app: typeof app;
  readonly Tray: typeof Tray;
  readonly Menu: typeof Menu;
  readonly nativeImage: typeof nativeImage;
  readonly BrowserWindow: typeof BrowserWindow;
  readonly ipcMain: typeof ipcMain;
  readonly Notification: typeof Notification;
  readonly shell: typeof shell;
  readonly screen: typeof screen;
  readonly powerMonitor: typeof powerMonitor;
  readonly net: typeof net;
  readonly session: typeof session;
  readonly protocol: typeof protocol;
  readonly clipboard: typeof clipboard;
  readonly dialog: typeof dialog;
  readonly nativeTheme: typeof nativeTheme;
}

/** The real Electron modules. Some (`screen`, `powerMonitor`) may only be used after `app` is ready. */
export const electronDeps: ElectronDeps = {
  app,
  Tray,
  Menu,
  nativeImage,
  BrowserWindow,
  ipcMain,
  Notification,
  shell,
  screen,
  powerMonitor,
  net,
  session,
  protocol,
  clipboard,
  dialog,
  nativeTheme,
};
