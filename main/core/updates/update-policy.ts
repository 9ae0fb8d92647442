/**
 * Whether and when the desktop app may look for an update. The organization decides through
 * `updates.mode` (none/manual/auto) and `updates.feedUrl` (its own electron-updater generic feed);
 * nothing is looked for without a feed, since the build publishes no channel of its own
 * (electron-builder.yml `publish: null`). Installs that IT deploys (the per-machine MSI, the pkg,
 * deb and rpm) never update themselves whatever the settings say: electron-updater cannot update
 * an MSI, and a self-update would fight the MDM that pins the version (enterprise.md A4).
 */

import { ENGLISH, type Translator } from '../i18n/translate.js';

/** How this copy was installed; `development` is an unpackaged run. */
export type InstallKind = 'msi' | 'nsis-per-user' | 'pkg' | 'dmg' | 'deb-rpm' | 'appimage' | 'development';

export type UpdateMode = 'none' | 'manual' | 'auto';

export type NoUpdateReason =
  /** `updates.mode` is `none`. */
  | 'mode-none'
  /** No `updates.feedUrl`: no channel to look in. */
  | 'no-feed'
  /** The feed is not https. */
  | 'insecure-feed'
  /** IT deploys this copy (MSI, pkg, deb/rpm, or an install under a machine-wide folder). */
  | 'managed-install'
  /** An unpackaged development run. */
  | 'development';

export type UpdatePlan =
  | { readonly check: 'never'; readonly reason: NoUpdateReason }
  /** Only when the person asks from the tray menu; installs only when they agree. */
  | { readonly check: 'when-asked'; readonly feedUrl: string }
  /** Daily, starting a little after launch; the download installs on quit. */
  | { readonly check: 'daily'; readonly feedUrl: string };

export interface UpdateInputs {
  readonly mode: UpdateMode;
  readonly feedUrl: string | null;
  readonly install: InstallKind;
  /**
   * The install was made for the whole machine by an admin, whatever its kind (e.g. a dmg copy
   * moved into a root-owned /Applications, an NSIS install under Program Files).
   */
  readonly machineWide: boolean;
}

const MANAGED_KINDS: ReadonlySet<InstallKind> = new Set(['msi', 'pkg', 'deb-rpm']);

/** The update plan for these settings and this install. */
export function updatePlan(inputs: UpdateInputs): UpdatePlan {
  if (inputs.install === 'development') return { check: 'never', reason: 'development' };
  if (MANAGED_KINDS.has(inputs.install) || inputs.machineWide) return { check: 'never', reason: 'managed-install' };
  if (inputs.mode === 'none') return { check: 'never', reason: 'mode-none' };
  if (inputs.feedUrl === null || inputs.feedUrl.trim() === '') return { check: 'never', reason: 'no-feed' };
  if (!isHttps(inputs.feedUrl)) return { check: 'never', reason: 'insecure-feed' };
  return inputs.mode === 'auto' ? { check: 'daily', feedUrl: inputs.feedUrl } : { check: 'when-asked', feedUrl: inputs.feedUrl };
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** A scheduled check waits this long after launch, so that signing in is not slowed down. */
export const FIRST_CHECK_DELAY_MS = 10 * 60_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60_000;

/**
 * When the next scheduled check is due (epoch ms), or null when none is: a plan other than
 * `daily` never checks on its own. `lastCheckedAt` is the last check's time, null for never.
 */
export function nextScheduledCheckAt(plan: UpdatePlan, startedAt: number, lastCheckedAt: number | null): number | null {
  if (plan.check !== 'daily') return null;
  const afterLaunch = startedAt + FIRST_CHECK_DELAY_MS;
  return lastCheckedAt === null ? afterLaunch : Math.max(afterLaunch, lastCheckedAt + CHECK_INTERVAL_MS);
}

/** Whether the tray menu offers "Check for updates…". */
export function offersCheckInMenu(plan: UpdatePlan): boolean {
  return plan.check !== 'never';
}

/** The line the About view shows, in plain words. */
export function updateStatusWords(plan: UpdatePlan, t: Translator = ENGLISH): string {
  switch (plan.check) {
    case 'daily':
      return t.t('main.update.status.daily');
    case 'when-asked':
      return t.t('main.update.status.whenAsked');
    case 'never':
      switch (plan.reason) {
        case 'managed-install':
        case 'mode-none':
          return t.t('main.update.status.managed');
        case 'no-feed':
          return t.t('main.update.status.noFeed');
        case 'insecure-feed':
          return t.t('main.update.status.insecureFeed');
        case 'development':
          return t.t('main.update.status.development');
      }
  }
}

export interface InstallFacts {
  readonly platform: string;
  readonly isPackaged: boolean;
  /** `process.execPath`. */
  readonly execPath: string;
  /** `$APPIMAGE` (set by the AppImage runtime), `%ProgramFiles%`, `%ProgramFiles(x86)%`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** macOS: the app bundle is owned by root (a pkg install; a dragged dmg copy belongs to the user). */
  readonly ownedByRoot: boolean;
}

/**
 * How this copy was installed, from where it runs. A heuristic (enterprise.md A4 "verify"): the
 * per-machine MSI installs under Program Files, the per-user NSIS under %LOCALAPPDATA%\Programs;
 * a pkg leaves a root-owned bundle, a dmg copy the user's; deb and rpm install under /opt.
 */
export function installKindOf(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'development';
  switch (facts.platform) {
    case 'win32': {
      const exe = facts.execPath.toLowerCase();
      const machine = [facts.env['ProgramFiles'], facts.env['ProgramFiles(x86)'], facts.env['ProgramW6432']]
        .filter((dir): dir is string => typeof dir === 'string' && dir !== '')
        .some((dir) => exe.startsWith(`${dir.toLowerCase().replace(/\\+$/, '')}\\`));
      return machine ? 'msi' : 'nsis-per-user';
    }
    case 'darwin':
      return facts.ownedByRoot ? 'pkg' : 'dmg';
    default:
      return facts.env['APPIMAGE'] ? 'appimage' : 'deb-rpm';
  }
}
