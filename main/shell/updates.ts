/**
 * Self-updates, as `core/updates/update-policy.ts` plans them from `updates.mode`,
 * `updates.feedUrl` (policy, config file) and how this copy was installed.
 *
 * electron-updater is loaded only when a plan allows updates: a managed install, `none` or no feed
 * never loads it, so nothing of it runs (and no request leaves) where IT deploys the versions.
 * It is reached through `UpdaterLike`, the slice of its `autoUpdater` used here, so tests drive
 * a fake. Nothing here throws into the app: failures are logged, and told when the person asked.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfigDocument } from '../core/generated/config-document.js';
import {
  installKindOf,
  nextScheduledCheckAt,
  offersCheckInMenu,
  updatePlan,
  updateStatusWords,
  type InstallFacts,
  type InstallKind,
  type UpdateMode,
  type UpdatePlan,
} from '../core/updates/update-policy.js';
import { ENGLISH, type MessageKey, type Translator } from '../core/i18n/translate.js';

/** What `autoUpdater.checkForUpdates()` resolves to (a slice of electron-updater's UpdateCheckResult). */
export interface UpdateCheckResultLike {
  readonly isUpdateAvailable: boolean;
  readonly updateInfo: { readonly version: string };
  /** Present when `autoDownload` started the download. */
  readonly downloadPromise?: Promise<unknown> | null;
}

/** The slice of electron-updater's `autoUpdater` this module drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** Null when the updater is inactive (an unpackaged run). */
  checkForUpdates(): Promise<UpdateCheckResultLike | null>;
  downloadUpdate(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { readonly version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** How this copy was installed, as the plan needs it. */
export interface InstallInfo {
  readonly kind: InstallKind;
  readonly machineWide: boolean;
}

/** A message for the person (a dialog: they asked and are waiting for the answer). */
export interface UpdateMessage {
  readonly kind: 'info' | 'error';
  readonly message: string;
  readonly detail?: string;
}

export interface UpdatesDeps {
  readonly install: InstallInfo;
  /** Loads electron-updater and hands out its `autoUpdater`; called at most once, and only for a plan that checks. */
  readonly loadUpdater: () => Promise<UpdaterLike>;
  /** Answers a check the person asked for (a message box). */
  readonly tell: (message: UpdateMessage) => Promise<unknown> | void;
  /** Asks before a download the person did not agree to yet; true for yes. */
  readonly confirm: (question: { readonly message: string; readonly detail: string; readonly yes: string; readonly no: string }) => Promise<boolean>;
  /** Says that a download made in the background is ready (a notification). */
  readonly notify: (message: string) => void;
  /** Called after the plan changed, so the tray shows or hides "Check for updates…". */
  readonly onPlanChanged?: (plan: UpdatePlan) => void;
  readonly now?: () => number;
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
  /** The person's language for every dialog and notification (main.ts: `appTranslator`); default English. */
  readonly words?: () => Translator;
}

export interface UpdatesController {
  /** Plans again from the effective config document (policy merged); a plan that did not change changes nothing. */
  apply(config: ConfigDocument): void;
  /** The plan in force. */
  plan(): UpdatePlan;
  /** Whether the tray menu offers "Check for updates…". */
  offersCheck(): boolean;
  /** The tray's "Check for updates…": checks, tells the result; never rejects. */
  checkNow(): Promise<void>;
  /** Stops the daily timer. */
  stop(): void;
}

/** `updates.mode` when no layer sets it (the schema's default). */
const DEFAULT_MODE: UpdateMode = 'manual';

/** The words that say an update waits for the app to quit. */
export function readyWords(version: string, t: Translator = ENGLISH): string {
  return t.t('main.update.ready', { version });
}

/** The plan for this config document and install. */
export function planFor(config: ConfigDocument, install: InstallInfo): UpdatePlan {
  return updatePlan({ mode: config.updates?.mode ?? DEFAULT_MODE, feedUrl: config.updates?.feedUrl ?? null, install: install.kind, machineWide: install.machineWide });
}

const ERROR_WORDS: Readonly<Record<string, MessageKey>> = {
  ERR_UPDATER_CHANNEL_FILE_NOT_FOUND: 'main.update.error.noChannelFile',
  ERR_UPDATER_INVALID_UPDATE_INFO: 'main.update.error.invalidInfo',
  ERR_UPDATER_LATEST_VERSION_NOT_FOUND: 'main.update.error.noVersion',
  ERR_UPDATER_NO_PUBLISHED_VERSIONS: 'main.update.error.noVersion',
  ERR_UPDATER_INVALID_VERSION: 'main.update.error.invalidVersion',
  ERR_UPDATER_ASSET_NOT_FOUND: 'main.update.error.noInstaller',
  ERR_UPDATER_ZIP_FILE_NOT_FOUND: 'main.update.error.noInstaller',
  ERR_UPDATER_INVALID_SIGNATURE: 'main.update.error.badSignature',
  ERR_CHECKSUM_MISMATCH: 'main.update.error.checksum',
};

/** An updater failure in plain words (the translator's language), for the person who asked. */
export function updateErrorWords(error: unknown, t: Translator = ENGLISH): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && Object.hasOwn(ERROR_WORDS, code)) return t.t(ERROR_WORDS[code] as MessageKey);
  const message = error instanceof Error ? error.message : String(error);
  if (/ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ERR_CONNECTION_|ETIMEDOUT|ERR_TIMED_OUT/.test(message)) {
    return t.t('main.update.error.unreachable');
  }
  if (/ERR_CERT_|certificate/i.test(message)) return t.t('main.update.error.certificate');
  const status = /HttpError: (\d{3})/.exec(message)?.[1];
  if (status !== undefined) return t.t('main.update.error.http', { status });
  // The updater's own message, first line only (as the updater said it): the rest is a stack or a whole HTTP response.
  const first = message.split('\n', 1)[0]?.trim() ?? '';
  return first === '' ? t.t('main.update.error.unknown') : first.slice(0, 300);
}

/** Creates the controller; call `apply` with the effective config to start. */
export function createUpdates(deps: UpdatesDeps): UpdatesController {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? console;
  const words = deps.words ?? (() => ENGLISH);
  const setTimer =
    deps.setTimeout ??
    ((callback: () => void, ms: number): unknown => {
      const timer = setTimeout(callback, ms);
      // A pending check must not keep a quitting app alive.
      timer.unref();
      return timer;
    });
  const clearTimer = deps.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const startedAt = now();

  let plan: UpdatePlan | null = null;
  let planKey = '';
  let loading: Promise<UpdaterLike> | null = null;
  let updater: UpdaterLike | null = null;
  let timer: unknown = null;
  let lastCheckedAt: number | null = null;
  let configured: Promise<void> = Promise.resolve();
  let asking: Promise<void> | null = null;
  let readyVersion: string | null = null;
  let stopped = false;

  const load = (): Promise<UpdaterLike> => {
    loading ??= deps.loadUpdater().then(
      (loaded) => {
        loaded.on('error', (error) => log.warn('updates: the updater reported an error', error));
        loaded.on('update-downloaded', (info) => {
          readyVersion = info.version;
          // A check the person asked for tells them itself; a background download says so here.
          if (asking === null) deps.notify(readyWords(info.version, words()));
        });
        updater = loaded;
        return loaded;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  const cancelTimer = (): void => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const schedule = (): void => {
    cancelTimer();
    if (stopped || plan === null) return;
    const at = nextScheduledCheckAt(plan, startedAt, lastCheckedAt);
    if (at === null) return;
    timer = setTimer(() => {
      timer = null;
      void backgroundCheck().finally(schedule);
    }, Math.max(0, at - now()));
  };

  const backgroundCheck = async (): Promise<void> => {
    lastCheckedAt = now();
    try {
      await configured;
      const loaded = await load();
      const result = await loaded.checkForUpdates();
      // autoDownload started the download; its failure is logged like the check's.
      result?.downloadPromise?.catch((error: unknown) => log.warn('updates: the download failed', error));
    } catch (error) {
      // Nobody asked: a laptop offline at check time is not worth a notification; the next
      // check, or one asked from the menu, says what is wrong.
      log.warn('updates: the scheduled check failed', error);
    }
  };

  const configure = async (target: UpdatePlan): Promise<void> => {
    if (target !== plan) return;
    if (target.check === 'never') {
      // Loaded under an earlier plan: nothing downloaded may install on quit any more.
      if (updater !== null) {
        updater.autoDownload = false;
        updater.autoInstallOnAppQuit = false;
      }
      return;
    }
    const loaded = await load();
    if (target !== plan) return;
    loaded.setFeedURL({ provider: 'generic', url: target.feedUrl });
    loaded.autoDownload = target.check === 'daily';
    // `when-asked` installs only after the person agreed to the download (see `ask`).
    loaded.autoInstallOnAppQuit = target.check === 'daily';
    schedule();
  };

  const tell = async (message: UpdateMessage): Promise<void> => {
    try {
      await deps.tell(message);
    } catch (error) {
      log.warn(`updates: could not show "${message.message}"`, error);
    }
  };

  const ask = async (): Promise<void> => {
    const target = plan;
    const t = words();
    if (target === null || target.check === 'never') {
      await tell({ kind: 'info', message: target === null ? t.t('main.update.notSetUp') : updateStatusWords(target, t) });
      return;
    }
    try {
      await configured;
      const loaded = await load();
      lastCheckedAt = now();
      const result = await loaded.checkForUpdates();
      if (result === null) {
        await tell({ kind: 'info', message: t.t('main.update.cannotUpdate') });
        return;
      }
      if (!result.isUpdateAvailable) {
        await tell({ kind: 'info', message: t.t('main.update.latest') });
        return;
      }
      const version = result.updateInfo.version;
      if (readyVersion !== version) {
        if (target.check === 'when-asked') {
          const yes = await deps.confirm({
            message: t.t('main.update.available', { version }),
            detail: t.t('main.update.downloadNow'),
            yes: t.t('main.update.download'),
            no: t.t('main.update.notNow'),
          });
          if (!yes) return;
          // The person agreed: this download may install on quit.
          loaded.autoInstallOnAppQuit = true;
          await loaded.downloadUpdate();
        } else {
          await (result.downloadPromise ?? loaded.downloadUpdate());
        }
        readyVersion = version;
      }
      await tell({ kind: 'info', message: readyWords(version, t) });
    } catch (error) {
      log.warn('updates: the check failed', error);
      await tell({ kind: 'error', message: t.t('main.update.checkFailed'), detail: updateErrorWords(error, t) });
    }
  };

  return {
    apply(config) {
      const next = planFor(config, deps.install);
      const key = JSON.stringify(next);
      if (key === planKey) return;
      plan = next;
      planKey = key;
      cancelTimer();
      configured = configured.then(() => configure(next)).catch((error: unknown) => log.warn('updates: could not set up the updater', error));
      try {
        deps.onPlanChanged?.(next);
      } catch (error) {
        log.warn('updates: onPlanChanged failed', error);
      }
    },
    plan: () => plan ?? { check: 'never', reason: 'mode-none' },
    offersCheck: () => plan !== null && offersCheckInMenu(plan),
    checkNow() {
      asking ??= ask().finally(() => {
        asking = null;
      });
      return asking;
    },
    stop() {
      stopped = true;
      cancelTimer();
    },
  };
}

/** The pieces of the file system `detectInstall` looks at. */
export interface InstallProbe {
  /** The owner's uid, or null when it cannot be read. */
  readonly ownerUid: (path: string) => number | null;
  /** Whether this user may write into the folder. */
  readonly canWrite: (dir: string) => boolean;
}

const realProbe: InstallProbe = {
  ownerUid: (path) => {
    try {
      return statSync(path).uid;
    } catch {
      return null;
    }
  },
  canWrite: (dir) => {
    try {
      accessSync(dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * How this copy was installed. Besides the kind (`installKindOf`), a copy counts as machine-wide
 * when this user cannot write where it lives: an admin put it there, and the updater could not
 * replace it without asking for an admin's password.
 */
export function detectInstall(facts: Omit<InstallFacts, 'ownedByRoot'>, probe: InstallProbe = realProbe): InstallInfo {
  // The .app bundle on macOS, the AppImage file, else the executable.
  const bundle = facts.platform === 'darwin' ? (/^(.*?\.app)(\/|$)/.exec(facts.execPath)?.[1] ?? facts.execPath) : (facts.env['APPIMAGE'] ?? facts.execPath);
  const kind = installKindOf({ ...facts, ownedByRoot: facts.platform === 'darwin' && probe.ownerUid(bundle) === 0 });
  const selfUpdating = kind === 'dmg' || kind === 'nsis-per-user' || kind === 'appimage';
  return { kind, machineWide: selfUpdating && !probe.canWrite(dirname(bundle)) };
}

/**
 * electron-updater's `autoUpdater`, loaded on first use. `publish: null` leaves no
 * app-update.yml in the package, which the updater still reads for its cache folder's name:
 * `updateConfigPath` points it at one written beside the settings (the feed itself is set by
 * `setFeedURL`).
 */
export async function loadElectronUpdater(updateConfigPath: string, writeFile: (path: string, text: string) => Promise<void>): Promise<UpdaterLike> {
  await writeFile(updateConfigPath, 'updaterCacheDirName: outage-radar-updater\n');
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.updateConfigPath = updateConfigPath;
  return autoUpdater;
}
