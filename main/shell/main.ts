/**
 * The Electron main process: the composition root. It builds the adapters, hands Electron's
 * objects to the shell modules and wires them to the engine. Every decision lives elsewhere
 * (core, engine, the shell modules with their tests); keep this file thin.
 *
 * Order matters: the `app://` scheme must be registered and the user-data folder fixed before
 * `ready`; windows, the tray and `protocol.handle` only exist after it.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigDocument } from '../core/generated/config-document.js';
import { settingsToAppConfig } from '../core/settings/settings-layers.js';
import { lockedWindowKeys } from '../core/policy/policy-effective.js';
import { boundsWithPolicy, documentWithPolicy, pollBoundsProblems, quitAllowed } from '../core/policy/policy-settings.js';
import { createPolicyMonitor, policyWatchDir } from '../node/policy/policy-monitor.js';
import { createPlatformPolicySource, POLICY_DIR_ENV } from '../node/policy/policy-sources.js';
import { applySettingsPatch, pollBoundsProblem } from '../core/settings/settings-patch.js';
import { migrateSettings, toStoredSettings } from '../core/settings/settings-repair.js';
import { settingsView } from '../core/settings/settings-view.js';
import type { Settings, ViewState, WindowLocale } from '../core/contract.js';
import { launchModeOf } from '../core/cli-dispatch.js';
import { trayModel, type TrayModel } from '../core/tray/tray-model.js';
import type { TrayPlatform } from '../core/tray/tray-icons.js';
import { APP_VERSION, USER_AGENT } from '../core/version.js';
import { createAppEngine } from '../node/app-engine.js';
import { createRestartOsSteps } from '../node/client-restart-os.js';
import { configPathFromArgv, configProblemPhrase, defaultAppConfigPath, loadAppConfigFile } from '../node/config-file.js';
import { phrase, type Phrase } from '../core/i18n/phrase.js';
import { createStateCache } from '../node/state-cache.js';
import { createAutostart } from './autostart.js';
import { createAdviceActionRunner } from './advice-actions.js';
import { confirmWithDialog, createClientRestarter } from './client-restart.js';
import { e2eSourceUrl, isE2e, maybeRegisterE2eHooks, type E2eContext } from './e2e-hooks.js';
import { electronDeps } from './electron-deps.js';
import { runHeadless } from './headless-cli.js';
import { createInvokeHandlers } from './handlers.js';
import { helpdeskSettingsFrom } from './report-problem.js';
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
import { localizeReport } from '../core/advice/localize-report.js';
import { resolveWatchPlan } from '../core/settings/config.js';
import { appLanguage, appLocale, appTranslator, electronLanguagePort } from './language.js';
import { createUpdates, detectInstall, loadElectronUpdater } from './updates.js';

const { app, BrowserWindow, Menu, Notification, Tray, clipboard, dialog, ipcMain, nativeImage, net, powerMonitor, protocol, screen, session, shell } = electronDeps;
// `outage-radar check` and the other commands run the CLI headless in this executable (no window,
// tray or single-instance lock): hold this module's evaluation so the tray below never starts.
const launch = launchModeOf(process.argv, process.defaultApp === true);
if (launch.kind !== 'tray') {
  await runHeadless(launch, (code) => app.exit(code));
  await new Promise<never>(() => undefined);
}
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
async function readConfigLayer(): Promise<{ readonly layer: ConfigDocument; readonly path: string | null; readonly extraCaPem: string | null; readonly notices: readonly Phrase[] }> {
  const none = { layer: {}, path: null, extraCaPem: null };
  if (e2e) return { ...none, notices: [] };
  const loaded = await loadAppConfigFile(configPathFromArgv(process.argv), defaultAppConfigPath(process.platform, process.env, app.getPath('home')));
  if (!loaded.ok) return { ...none, notices: [...loaded.problems.map(configProblemPhrase), phrase('settings.config.ignored')] };
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
  // Policy is read before the settings, so the first settings in force already obey it; e2e runs
  // read a policy only from a folder the test names.
  const policy = createPolicyMonitor({
    source: e2e && !process.env[POLICY_DIR_ENV] ? { read: async () => [] } : createPlatformPolicySource(),
    configFile: () => config.layer,
    watch: e2e && !process.env[POLICY_DIR_ENV] ? null : policyWatchDir(process.platform, process.env),
    onChange: (outcome) => {
      store.setPolicy(outcome);
      engine.applySettings(forEngine(store.current()));
      updates.apply(documentWithPolicy(outcome, config.layer));
      showTray();
    },
  });
  await policy.refresh();
  const store = await openSettingsStore({ dir: userData, below: config.layer, policy: policy.current(), migrator: { migrate: migrateSettings, toStored: toStoredSettings } });
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
  // One Http for status pages: the sources and "Add a status page" read through the same session.
  const statusHttp = createElectronHttp({ request: (options) => net.request({ ...options, session: statusSession }), userAgent: USER_AGENT });
  // The person's language: the `language` setting (window, config file or policy), else the OS's.
  const languages = electronLanguagePort(app);
  const words = () => appTranslator(languages, store.current().language);
  const windowLocale = (): WindowLocale => {
    const language = appLanguage(languages, store.current().language);
    return { language, locale: appLocale(languages, language) };
  };
  // The engine words its notifications in `settings.language`: it gets the language resolved.
  const forEngine = (settings: Settings): Settings => ({ ...settings, language: appLanguage(languages, settings.language) });
  // The window reads the verdict and the advice in the person's language; the report main keeps stays English.
  let localized: { readonly from: ViewState['report']; readonly language: string; readonly report: ViewState['report'] } | null = null;
  const windowReport = (report: ViewState['report']): ViewState['report'] => {
    const t = words();
    if (report === null || t.language === 'en') return report;
    if (localized?.from !== report || localized.language !== t.language) {
      localized = { from: report, language: t.language, report: localizeReport(report, resolveWatchPlan(configFor(store.current())), t) };
    }
    return localized.report;
  };
  const windowView = (view: ViewState): ViewState => ({ ...view, report: windowReport(view.report), locale: windowLocale() });
  const configFor = (settings: Settings) => (e2e ? settingsToAppConfig(e2eSettings(settings)) : settingsToAppConfig(settings, documentWithPolicy(policy.current(), config.layer)));
  const engine = createAppEngine({
    http: statusHttp,
    clock: { now: Date.now },
    runLadder: createLadderRunner({
      isOnline: () => net.isOnline(),
      resolveProxy: (url) => statusSession.resolveProxy(url),
      noProbes: e2e,
      extraCaPem: config.extraCaPem,
    }),
    cache: createStateCache(join(userData, 'state-cache.json')),
    settings: forEngine(store.current()),
    appVersion: APP_VERSION,
    platform: process.platform,
    // Loaded on first use: the lister is needed only the day after an incident.
    listProcesses: async () => {
      const { createProcessLister } = await import('../node/process-list.js');
      return createProcessLister({ onProblem: (problem) => console.warn('process list:', problem) }).list();
    },
    configFor,
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
      report: () => popover.navigate({ view: 'report' }),
      quit: () => app.quit(),
      'check-updates': () => void updates.checkNow(),
    },
    allowQuit: () => quitAllowed(policy.current(), config.layer),
    labels: () => ({ report: words().t('tray.menu.report'), checkUpdates: words().t('tray.menu.checkUpdates') }),
    offersUpdateCheck: () => updates.offersCheck(),
  });
  const notifier = createNotifier({ isSupported: () => Notification.isSupported(), create: (options) => new Notification(options), navigate: (route) => popover.navigate(route) });
  // Self-updates follow `updates.mode`/`updates.feedUrl` (policy, config file); electron-updater loads only when they may run.
  const updates = createUpdates({
    install: detectInstall({ platform: process.platform, isPackaged: app.isPackaged, execPath: process.execPath, env: process.env }),
    loadUpdater: () => loadElectronUpdater(join(userData, 'app-update.yml'), (path, text) => writeFile(path, text, 'utf8')),
    tell: ({ kind, message, detail }) => dialog.showMessageBox({ type: kind === 'error' ? 'error' : 'info', title: 'Outage Radar', message, detail: detail ?? '', buttons: ['OK'] }),
    confirm: ({ message, detail, yes, no }) => dialog.showMessageBox({ type: 'question', title: 'Outage Radar', message, detail, buttons: [yes, no], defaultId: 0, cancelId: 1 }).then((answer) => answer.response === 0),
    notify: (body) => void notifier.notify({ key: 'update-ready', title: words().t('notify.update.title'), body, route: { view: 'overview' } }),
    onPlanChanged: () => showTray(),
    words,
  });

  const settings = createSettingsController({
    store: { current: () => store.current(), save: (next) => store.save(next), notices: () => [...config.notices, ...caNotices, ...store.notices()] },
    applyPatch: (current, patch, locked) => {
      const bounds = boundsWithPolicy(policy.current(), config.layer);
      return pollBoundsProblems(patch, bounds).length > 0
        ? { ok: false, problems: [pollBoundsProblem(bounds)] }
        : applySettingsPatch(current, patch, locked, { serviceIds: (config.layer.services ?? []).map((s) => s.id) });
    },
    view: (values, locked, notices, t) => ({ ...settingsView(values, locked, notices, t), bounds: { pollIntervalSeconds: boundsWithPolicy(policy.current(), config.layer) } }),
    words,
    // Keys a machine or user policy sets cannot be changed in the window ("Managed by your organization").
    locked: () => lockedWindowKeys(policy.current().lockedKeys),
    onChanged: async (next, previous) => {
      engine.applySettings(forEngine(next));
      showTray();
      if (next.startAtLogin !== previous.startAtLogin && !e2e) await autostart.set(next.startAtLogin);
    },
  });
  const ipc = createIpc({ ipcMain, trusted });
  ipc.handleAll(
    createInvokeHandlers({
      // Every view the window gets carries its language.
      engine: { ...engine, view: () => windowView(engine.view()) },
      settings,
      openLink: createLinkOpener({ findLink: (target) => engine.findLink(target), openExternal: (url) => shell.openExternal(url) }),
      writeClipboard: (text) => clipboard.writeText(text),
      hideWindow: () => popover.hide(),
      restartClient: createClientRestarter(
        createRestartOsSteps(),
        confirmWithDialog((options) => dialog.showMessageBox(options), words),
        words,
      ),
      runAdviceAction: createAdviceActionRunner({ platform: process.platform, openExternal: (url) => shell.openExternal(url), words }),
      reportProblem: { helpdesk: () => helpdeskSettingsFrom(config.layer), openExternal: (url) => shell.openExternal(url) },
      addSource: { http: statusHttp, clock: { now: Date.now } },
      // Every answer the window shows is in the person's language, as the views are.
      words,
    }),
  );

  let lastModel: TrayModel | null = null;
  const showTray = (): void => {
    lastModel = trayModel(engine.view(), Date.now(), process.platform, words());
    tray?.render(lastModel);
  };
  engine.onChange((view) => {
    showTray();
    popover.push('state:changed', windowView(view));
  });
  engine.onNotify((notification) => void notifier.notify(notification));
  showTray();
  // The tooltip says how old the data is ("checked 3 min ago"), so it changes without new data.
  setInterval(showTray, 60_000).unref();
  // Policy is read again every 15 minutes, on resume, and when its folder changes.
  powerMonitor.on('resume', () => void policy.refresh());
  updates.apply(documentWithPolicy(policy.current(), config.layer));
  void policy.start();
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
    policy.stop();
    updates.stop();
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
