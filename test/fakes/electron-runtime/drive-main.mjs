// Runs the built main process against the stand-in Electron and reports, as one JSON line on
// stdout, what a user and the OS would have seen. Driven by test/shell/main-composition.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { app, ipcMain, recorded } from './electron.mjs';

const MAIN = process.env.DRIVE_MAIN;
const APP_URL = 'app://renderer/index.html';

const waitFor = async (what, condition, timeoutMs = 15_000) => {
  const started = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const invoke = async (sender, channel, ...args) => {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) return { error: `no handler for ${channel}` };
  try {
    return { value: await handler({ sender: { id: sender.id }, senderFrame: { url: sender.url, parent: null } }, ...args) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

const report = {};
try {
  // Started like `electron <app> <switches>` in development (argv[1] is this driver, not a
  // user argument), so the app's launch dispatch sees no command and starts the tray.
  process.defaultApp = true;
  await import(MAIN);
  report.schemesRegisteredBeforeReady = recorded.schemesRegisteredBeforeReady;
  report.privilegedSchemes = recorded.privilegedSchemes;
  app.makeReady();

  const hooks = await waitFor('the e2e hooks', () => globalThis.__outageRadarE2E);
  report.channels = [...ipcMain.handlers.keys()].sort();
  report.trayCount = recorded.trays.length;
  const tray = recorded.trays[0];
  report.trayImage = tray?.initialImage?.path ?? null;
  report.trayImageExists = report.trayImage !== null && existsSync(report.trayImage);
  report.trayMenuIds = (tray?.menus.at(-1)?.template ?? []).map((item) => item.id ?? item.type);
  report.windowsBeforeClick = recorded.windows.length;

  const appHandler = recorded.protocolHandlers.get('app');
  const index = await appHandler(new Request(APP_URL));
  report.indexStatus = index.status;
  report.indexCsp = index.headers.get('content-security-policy');
  const traversal = await appHandler(new Request('app://renderer/..%2f..%2fpackage.json'));
  report.traversalStatus = traversal.status;

  hooks.openWindow();
  const win = recorded.windows[0];
  report.windowUrl = win?.loadedUrls[0] ?? null;
  report.webPreferences = win?.options.webPreferences ?? null;
  report.preloadExists = existsSync(report.webPreferences?.preload ?? '/nonexistent');
  report.windowOpenDenied = win?.webContents.windowOpenHandler?.({ url: 'https://evil.example' }) ?? null;

  const trusted = { id: win.webContents.id, url: APP_URL };
  const stranger = { id: 9999, url: APP_URL };
  report.stateFromWindow = (await invoke(trusted, 'state:get')).value ?? null;
  report.stateFromStranger = await invoke(stranger, 'state:get');
  report.badMute = await invoke(trusted, 'notifications:mute', 'forever');
  const update = await invoke(trusted, 'settings:update', { pollIntervalSeconds: 600 });
  report.updateOk = update.value?.ok ?? update.error;
  report.settingsPath = hooks.settingsPath;
  report.settingsOnDisk = existsSync(hooks.settingsPath) ? JSON.parse(readFileSync(hooks.settingsPath, 'utf8')) : null;
  report.copy = await invoke(trusted, 'report:copy');
  report.clipboard = recorded.clipboard;

  // Wait for the outcome, not for "something": on a loaded machine the first state shown can be
  // the not-yet-checked one, and the window's first push can come a little later.
  report.trayState = await waitFor('the recorded outage in the tray', () => {
    const state = hooks.trayState();
    return (state === 'outage' || state === 'degraded') && recorded.userAgentFetches.length > 0 ? state : null;
  }).catch(() => hooks.trayState());
  report.trayTooltip = hooks.trayTooltip();
  report.userAgents = [...new Set(recorded.userAgentFetches)];
  report.windowStateSent = await waitFor('a state push to the window', () =>
    win.webContents.sent.some((message) => message.channel === 'state:changed') || null,
  ).catch(() => false);

  await invoke(trusted, 'window:hide');
  report.visibleAfterHide = hooks.windowVisible();

  app.quit();
  await waitFor('the second quit after cleanup', () => recorded.quitCalls >= 2, 5_000);
  report.quitCalls = recorded.quitCalls;
  report.trayDestroyed = tray?.destroyed ?? null;
  report.exitCode = recorded.exitCode;
} catch (error) {
  report.failure = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
}
process.stdout.write(`DRIVE-RESULT ${JSON.stringify(report)}\n`);
process.exit(0);
