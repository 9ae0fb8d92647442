/**
 * Keeps the desktop app's policy current: read on start, again every 15 minutes, when the shell
 * says the machine resumed, and when a watched folder changes (the Linux policy folder, macOS
 * managed preferences) where the OS can tell. Only a change in what policy says reaches
 * `onChange`, so a re-read that finds the same policy costs the app nothing.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { ConfigDocument } from '../../core/generated/config-document.js';
import { resolvePolicy, type PolicyOutcome } from '../../core/policy/policy-effective.js';
import type { PolicySource } from '../../core/policy/policy-types.js';
import { LINUX_POLICY_DIR, MAC_MANAGED_PREFERENCES, POLICY_DIR_ENV } from './policy-sources.js';

/** How often policy is read again without a sign that it changed. */
export const POLICY_REREAD_MS = 15 * 60_000;
/** Editors and MDM agents write in several steps; one read after they settle. */
const SETTLE_MS = 300;

export interface PolicyMonitorOptions {
  readonly source: PolicySource;
  /** The config file's document: the layer the policy's values are checked over. */
  readonly configFile: () => ConfigDocument;
  /** A folder whose changes mean "read again"; null where the OS cannot tell (the registry). */
  readonly watch?: { readonly dir: string; readonly recursive: boolean } | null;
  readonly intervalMs?: number;
  readonly onChange: (outcome: PolicyOutcome) => void;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface PolicyMonitor {
  /** The policy as last read (none before the first read). */
  current(): PolicyOutcome;
  /** Reads now; after start(), `onChange` runs if the policy changed. Never rejects. */
  refresh(): Promise<void>;
  /** First read, then the timer and the folder watch. */
  start(): Promise<void>;
  stop(): void;
}

/**
 * The folder to watch on this OS, or null (Windows: registry changes come with the 15-minute
 * re-read and resume). On macOS the user's file is in a subfolder, so the watch is recursive there.
 */
export function policyWatchDir(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): { readonly dir: string; readonly recursive: boolean } | null {
  const moved = env[POLICY_DIR_ENV];
  const dir = moved !== undefined && moved !== '' ? moved : null;
  if (platform === 'linux') return { dir: dir ?? LINUX_POLICY_DIR, recursive: false };
  if (platform === 'darwin') return { dir: dir ?? MAC_MANAGED_PREFERENCES, recursive: true };
  return null;
}

function fingerprint(outcome: PolicyOutcome): string {
  return JSON.stringify([outcome.mandatory, outcome.recommended, outcome.lockedKeys, outcome.errors]);
}

export function createPolicyMonitor(options: PolicyMonitorOptions): PolicyMonitor {
  const log = options.log ?? console;
  let outcome: PolicyOutcome = resolvePolicy({ sets: [], configFile: options.configFile() });
  let shown = fingerprint(outcome);
  let timer: NodeJS.Timeout | null = null;
  let settle: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  let reading: Promise<void> | null = null;
  let again = false;
  let started = false;

  async function readOnce(): Promise<void> {
    try {
      const sets = await options.source.read();
      outcome = resolvePolicy({ sets, configFile: options.configFile() });
    } catch (error) {
      // A reader never rejects by contract; if one does, keep the last policy rather than drop locks.
      log.warn('policy: could not be read; the last policy stays', error);
      return;
    }
    for (const error of outcome.errors) log.warn(`policy: ${error.source}: ${error.message}`);
    const next = fingerprint(outcome);
    if (next === shown) return;
    shown = next;
    // Before start() the caller reads current() itself (it builds the settings from it).
    if (started) options.onChange(outcome);
  }

  async function refresh(): Promise<void> {
    // One read at a time; a request during a read asks for one more after it.
    if (reading !== null) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        await readOnce();
      } while (again);
    })().finally(() => (reading = null));
    return reading;
  }

  function watchFolder(dir: string, recursive: boolean): void {
    try {
      watcher = watch(dir, { persistent: false, recursive }, () => {
        if (settle !== null) clearTimeout(settle);
        settle = setTimeout(() => void refresh(), SETTLE_MS);
        settle.unref();
      });
      watcher.on('error', (error) => {
        log.warn(`policy: stopped watching ${dir}; it is still read every 15 minutes`, error);
        watcher?.close();
        watcher = null;
      });
    } catch {
      // No such folder (no policy here) or no watch support: the timer and resume still re-read.
      watcher = null;
    }
  }

  return {
    current: () => outcome,
    refresh,
    async start() {
      started = true;
      await refresh();
      timer = setInterval(() => void refresh(), options.intervalMs ?? POLICY_REREAD_MS);
      timer.unref();
      if (options.watch) watchFolder(options.watch.dir, options.watch.recursive);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      if (settle !== null) clearTimeout(settle);
      watcher?.close();
      timer = null;
      settle = null;
      watcher = null;
    },
  };
}
