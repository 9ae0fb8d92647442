/**
 * The Electron main process: the composition root. It builds the adapters, hands Electron's
 * objects to the shell modules and wires them to the engine. Every decision lives elsewhere
 * (core, engine, the shell modules with their tests); keep this file thin.
 *
 * Order matters: the `app://` scheme must be registered and the user-data folder fixed before
 * `ready`; windows, the tray and `protocol.handle` only exist after it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigDocument } from '../core/generated/config-document.js';
import { settingsToAppConfig } from '../core/settings/settings-layers.js';
import { applySettingsPatch } from '../core/settings/settings-patch.js';
import { migrateSettings, toStoredSettings } from '../core/settings/settings-repair.js';
import { settingsView } from '../core/settings/settings-view.js';
import type { Settings } from '../core/contract.js';
import { trayModel, type TrayModel } from '../core/tray/tray-model.js';
import type { TrayPlatform } from '../core/tray/tray-icons.js';
import { APP_VERSION, USER_AGENT } from '../core/version.js';
import { createAppEngine } from '../node/app-engine.js';
import { createRestartOsSteps } from '../node/client-restart-os.js';
import { configPathFromArgv, defaultAppConfigPath, describeConfigProblem, loadAppConfigFile } from '../node/config-file.js';
import { createStateCache } from '../node/state-cache.js';
import { createAutostart } from './autostart.js';
import { createAdviceActionRunner } from './advice-actions.js';
import { confirmWithDialog, createClientRestarter } from './client-restart.js';
import { e2eSourceUrl, isE2e, maybeRegisterE2eHooks, type E2eContext } from './e2e-hooks.js';
import { electronDeps } from './electron-deps.js';
import { createInvokeHandlers } from './handlers.js';
import { createElectronHttp } from './http-electron.js';
import { createIpc, createTrustedSenders } from './ipc.js';
import { createLadderRunner } from './ladder-runner.js';
import { createNotifier } from './notifier.js';
import { createPopover } from './popover.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.js';
import { watchRefreshTriggers } from './refresh-triggers.js';
import { createLinkOpener, installSecurity } from './security.js';
import { createSettingsController } from './settings-controller.js';
import { openSettingsStore } from './settings-store.js';
import { trustExtraCas } from './status-session.js';
import { createTrayController } from './tray.js';

const { app, BrowserWindow, Menu, Notification, Tray, clipboard, dialog, ipcMain, nativeImage, net, powerMonitor, protocol, screen, session, shell } = electronDeps;
const APP_ID = 'org.outageradar.desktop';
const here = dirname(fileURLToPath(import.meta.url)); // out/main, also inside app.asar
// Test hooks from the environment are honoured only in an unpackaged build (see e2e-hooks.ts).
const e2eContext: E2eContext = { env: process.env, isPackaged: app.isPackaged };
const e2e = isE2e(e2eContext);
const platform: TrayPlatform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';

/** Last resort: log and keep the tray alive. Never relaunch (no crash loop); nothing here is fatal. */
function installLastResortHandlers(): void {
  let reported = 0;
  const report = (kind: string) => (error: unknown) => {
    if (++reported <= 50) console.error(`outage-radar: ${kind}`, error);
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled rejection'));
}

/**
 * The app's config file (`--config FILE`, else the per-OS default): the layer under the window's
 * settings, with its CA file's text. A bad file (or CA file) never stops the app: it runs without
 * it and Settings says what is wrong.
 */
async function readConfigLayer(): Promise<{ readonly layer: ConfigDocument; readonly path: string | null; readonly extraCaPem: string | null; readonly notices: readonly string[] }> {
  const none = { layer: {}, path: null, extraCaPem: null };
  if (e2e) return { ...none, notices: [] };
  const loaded = await loadAppConfigFile(configPathFromArgv(process.argv), defaultAppConfigPath(process.platform, process.env, app.getPath('home')));
  if (!loaded.ok) return { ...none, notices: [...loaded.problems.map(describeConfigProblem), 'Outage Radar runs without the config file until it is fixed and the app restarted.'] };
  return { layer: loaded.config, path: loaded.path, extraCaPem: loaded.extraCaPem, notices: [] };
}

/** `network.proxy` as Chromium proxy rules (scheme, host and port; Chromium takes no credentials there). */
function proxyRules(proxy: string): string {
  const url = new URL(proxy);
  return `${url.protocol}//${url.host}`;
}

/** In e2e mode the app watches one loopback source and probes nothing, so tests never leave 127.0.0.1. */
function e2eSettings(settings: Settings): Settings {
  const url = e2eSourceUrl(e2eContext);
  return { ...settings, watch: [], orgFeedUrl: null, customSources: url ? [{ id: 'e2e', name: 'E2E status', url }] : [] };
}

async function start(): Promise<void> {
  installSecurity({ app, session: session.defaultSession });
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(here, '..', 'renderer') }));
  app.dock?.hide();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  const userData = app.getPath('userData');
  const config = await readConfigLayer();
  const store = await openSettingsStore({ dir: userData, below: config.layer, migrator: { migrate: migrateSettings, toStored: toStoredSettings } });
  const autostart = createAutostart({
    platform: process.platform,
    loginItems: app,
    executable: process.env['APPIMAGE'] ?? process.execPath,
    home: app.getPath('home'),
  });
  if (store.fresh && !e2e) autostart.set(store.current().startAtLogin).catch((error: unknown) => console.warn('autostart:', error));

  // A session of its own for status requests: the system proxy and certificates, but no cookies or cache on disk.
  const statusSession = session.fromPartition('outage-radar-status');
  // The CA file's certificates are trusted besides the system's, by status requests and the ladder alike.
  const caNotices = trustExtraCas(statusSession, { extraCaPem: config.extraCaPem, configPath: config.path });
  // `network.proxy` wins over the system proxy settings, for status requests and the ladder alike.
  const proxy = config.layer.network?.proxy;
  if (proxy !== undefined) await statusSession.setProxy({ proxyRules: proxyRules(proxy) });
  const engine = createAppEngine({
    http: createElectronHttp({ request: (options) => net.request({ ...options, session: statusSession }), userAgent: USER_AGENT }),
    clock: { now: Date.now },
    runLadder: createLadderRunner({
      isOnline: () => net.isOnline(),
      resolveProxy: (url) => statusSession.resolveProxy(url),
      noProbes: e2e,
      extraCaPem: config.extraCaPem,
    }),
    cache: createStateCache(join(userData, 'state-cache.json')),
    settings: store.current(),
    appVersion: APP_VERSION,
    platform: process.platform,
    // Loaded on first use: the lister is needed only the day after an incident.
    listProcesses: async () => {
      const { createProcessLister } = await import('../node/process-list.js');
      return createProcessLister({ onProblem: (problem) => console.warn('process list:', problem) }).list();
    },
    configFor: (settings: Settings) => (e2e ? settingsToAppConfig(e2eSettings(settings)) : settingsToAppConfig(settings, config.layer)),
  });

  const trusted = createTrustedSenders();
  let tray: ReturnType<typeof createTrayController> | null = null;
  const popover = createPopover({
    createWindow: (options) => new BrowserWindow(options),
    screen,
    trusted,
    preloadPath: join(here, '..', 'preload', 'preload.cjs'),
    trayBounds: () => tray?.bounds() ?? null,
    devTools: !app.isPackaged,
  });
  const mute = (preset: '1h' | '4h' | 'tomorrow' | 'off') => () => void engine.mute(preset);
  const refresh = () => void engine.refreshNow('user').catch((error: unknown) => console.warn('refresh:', error));
  tray = createTrayController<ReturnType<typeof nativeImage.createFromPath>, ReturnType<typeof Menu.buildFromTemplate>>({
    createTray: (image) => new Tray(image),
    loadImage: (path) => nativeImage.createFromPath(path),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    assetsDir: app.isPackaged ? join(process.resourcesPath, 'assets') : join(here, '..', '..', 'assets'),
    platform,
    onClick: () => popover.toggle(),
    actions: {
      open: () => popover.show(),
      refresh,
      'mute-1h': mute('1h'),
      'mute-4h': mute('4h'),
      'mute-tomorrow': mute('tomorrow'),
      unmute: mute('off'),
      settings: () => popover.navigate({ view: 'settings' }),
      quit: () => app.quit(),
    },
  });
  const notifier = createNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options), navigate: (route) => popover.navigate(route) });

  const settings = createSettingsController({
    store: { current: () => store.current(), save: (next) => store.save(next), notices: () => [...config.notices, ...caNotices, ...store.notices()] },
    applyPatch: (current, patch, locked) => applySettingsPatch(current, patch, locked, { serviceIds: (config.layer.services ?? []).map((s) => s.id) }),
    view: settingsView,
    // Policy (machine/user/recommended) is not read yet; nothing is locked until it is.
    locked: () => [],
    onChanged: async (next, previous) => {
      engine.applySettings(next);
      if (next.startAtLogin !== previous.startAtLogin && !e2e) await autostart.set(next.startAtLogin);
    },
  });
  const ipc = createIpc({ ipcMain, trusted });
  ipc.handleAll(
    createInvokeHandlers({
      engine,
      settings,
      openLink: createLinkOpener({ findLink: (target) => engine.findLink(target), openExternal: (url) => shell.openExternal(url) }),
      writeClipboard: (text) => clipboard.writeText(text),
      hideWindow: () => popover.hide(),
      restartClient: createClientRestarter(
        createRestartOsSteps(),
        confirmWithDialog((options) => dialog.showMessageBox(options)),
      ),
      runAdviceAction: createAdviceActionRunner({ platform: process.platform, openExternal: (url) => shell.openExternal(url) }),
    }),
  );

  let lastModel: TrayModel | null = null;
  const showTray = (): void => {
    lastModel = trayModel(engine.view(), Date.now(), process.platform);
    tray?.render(lastModel);
  };
  engine.onChange((view) => {
    showTray();
    popover.push('state:changed', view);
  });
  engine.onNotify((notification) => void notifier.notify(notification));
  showTray();
  // The tooltip says how old the data is ("checked 3 min ago"), so it changes without new data.
  setInterval(showTray, 60_000).unref();
  const stopTriggers = watchRefreshTriggers({ power: powerMonitor, isOnline: () => net.isOnline(), refresh: (reason) => void engine.refreshNow(reason).catch(() => undefined) });

  app.on('second-instance', () => popover.show());
  // A tray app lives on with no window; listening is what stops Electron from quitting.
  app.on('window-all-closed', () => undefined);
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    stopTriggers();
    notifier.closeAll();
    ipc.dispose();
    // The engine writes the last report to the cache; a hung disk must not keep the app alive.
    void Promise.race([engine.stop(), new Promise((resolve) => setTimeout(resolve, 3_000))]).finally(() => {
      popover.destroy();
      tray?.destroy();
      app.quit();
    });
  });

  maybeRegisterE2eHooks(e2eContext, {
    trayState: () => lastModel?.icon ?? null,
    trayTooltip: () => lastModel?.tooltip ?? null,
    windowExists: () => popover.exists(),
    windowVisible: () => popover.isOpen(),
    openWindow: () => popover.show(),
    hideWindow: () => popover.hide(),
    settingsPath: store.path,
  });
  await engine.start();
}

installLastResortHandlers();
// Chromium already honours --user-data-dir; Electron's own paths (settings, cache) must follow it.
const userDataSwitch = app.commandLine.getSwitchValue('user-data-dir');
if (userDataSwitch) app.setPath('userData', userDataSwitch);
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
if (!app.requestSingleInstanceLock()) {
  // Another copy runs; it opens its window on our 'second-instance' and we leave.
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('outage-radar: could not start', error);
      app.exit(1);
    });
}
