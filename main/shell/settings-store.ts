/**
 * The window's settings on disk, over electron-store, layered over the config file.
 *
 * The file holds the window's layer of the one settings model (`schema/config.schema.json`):
 * only the keys the person changed, plus `version`. What is in force is that layer over the
 * config file's over the schema's defaults (`core/settings-layers.ts`).
 *
 * electron-store only stores the file (atomic writes, in `userData`). Everything else is ours:
 * migrations are the pure, versioned functions of `core/settings.ts` (electron-store's own
 * migrations are documented by its author as unsupported), and a file that is not valid JSON is
 * MOVED ASIDE with a timestamp and reported as a notice, never a crash and never silently lost:
 * someone may want to recover a hand-edited file. Settings that could not be read are repaired to
 * the safe values of the migrator (start at login and notifications OFF), and a repaired file is
 * written at once, so the next start does not read an empty file as a fresh install with
 * everything on. The file handling runs before electron-store
 * is constructed and takes an fs-like object, so it is tested in plain Node against a temp dir.
 */
import { readFile as fsReadFile, rename as fsRename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Settings } from '../core/contract.js';
import type { ConfigDocument } from '../core/generated/config-document.js';
import { NO_POLICY_LAYERS, settingsWithPolicy, storedLayerUnderPolicy, type PolicyLayers } from '../core/policy/policy-settings.js';
import { layerAfterChange } from '../core/settings/settings-layers.js';
import { phrase, renderPhrase, type Phrase } from '../core/i18n/phrase.js';

/** The part of `node:fs/promises` the file check uses. */
export interface SettingsFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  rename(from: string, to: string): Promise<void>;
}

export type FileCheck =
  | { readonly state: 'missing' }
  | { readonly state: 'ok' }
  /** The file was not a JSON object; it now lives at `movedTo`. */
  | { readonly state: 'moved'; readonly movedTo: string; readonly notice: Phrase }
  /** The file could not be read or moved; the app runs on defaults without touching it. */
  | { readonly state: 'unusable'; readonly notice: Phrase };

const NODE_FS: SettingsFs = { readFile: (path, encoding) => fsReadFile(path, encoding), rename: fsRename };

/** Where a corrupt file goes: beside it, named with the time it was found. */
export function quarantinePath(path: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const name = basename(path).replace(/\.json$/i, '');
  return join(dirname(path), `${name}.corrupt-${stamp}.json`);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * Checks the settings file before anything parses it. A file that is not a JSON object (a
 * truncated write, a bad hand edit, an empty file) is renamed aside and reported.
 */
export async function checkSettingsFile(path: string, fs: SettingsFs = NODE_FS, now: () => Date = () => new Date()): Promise<FileCheck> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { state: 'missing' };
    return { state: 'unusable', notice: phrase('settings.file.unreadable', { path, code: errorCode(error) ?? 'error' }) };
  }
  if (isJsonObject(text)) return { state: 'ok' };
  const movedTo = quarantinePath(path, now());
  try {
    await fs.rename(path, movedTo);
  } catch (error) {
    return { state: 'unusable', notice: phrase('settings.file.stuck', { path, code: errorCode(error) ?? 'error' }) };
  }
  return { state: 'moved', movedTo, notice: phrase('settings.file.moved', { file: basename(movedTo) }) };
}

/** The raw key-value file (electron-store in the app, a plain JSON file or memory in tests). */
export interface SettingsBackend {
  read(): Record<string, unknown>;
  write(value: object): void;
}

/** The pure half from `core/settings-repair.ts` (`migrateSettings`, `toStoredSettings`). */
export interface SettingsMigrator {
  /**
   * Turns whatever the file held into the current window layer; `migrated` asks for a write-back.
   * `damaged`: the file was moved aside or could not be read, so `raw` is not what the person
   * saved and the result must be the safe repair, not the first-run defaults.
   */
  migrate(
    raw: unknown,
    context: { readonly damaged: boolean; readonly meaning: { readonly serviceIds: readonly string[] } },
  ): { readonly layer: ConfigDocument; readonly notices: readonly Phrase[]; readonly migrated?: boolean };
  /** What goes into the file (the layer's keys plus `version`). */
  toStored(layer: ConfigDocument): object;
}

export interface SettingsStoreOptions {
  /** The folder of the file (`app.getPath('userData')`). */
  readonly dir: string;
  /** File name without `.json`. */
  readonly name?: string;
  readonly migrator: SettingsMigrator;
  /** The config file's document, under the window's layer; none by default. */
  readonly below?: ConfigDocument;
  /** Policy: recommended values under the config file, mandatory ones over the window's layer. */
  readonly policy?: PolicyLayers;
  /** Opens the backend for the checked file; electron-store by default. */
  readonly openBackend?: (dir: string, name: string) => Promise<SettingsBackend>;
  readonly fs?: SettingsFs;
  readonly now?: () => Date;
  readonly log?: { warn(message: string, ...details: unknown[]): void };
}

export interface SettingsStore {
  /** The full path of the settings file. */
  readonly path: string;
  /** True when there was no settings file (first run, or a damaged one was moved aside). */
  readonly fresh: boolean;
  /** The settings in force: the window's layer over the config file over the defaults. */
  current(): Settings;
  /** Only what the person set in the window. */
  layer(): ConfigDocument;
  /** What the user should be told about loading (damaged file moved aside, values reset by migration), in no language yet. */
  notices(): readonly Phrase[];
  /** Persists the keys `settings` changes from `current()`; false when they could not be written (the app keeps them in memory). */
  save(settings: Settings): boolean;
  /** Policy changed (re-read): the settings in force follow; nothing is written. */
  setPolicy(policy: PolicyLayers): void;
}

export const SETTINGS_FILE_NAME = 'settings';

/** electron-store, loaded on demand: it is ESM-only and imports `electron`, which only exists in the app. */
export async function openElectronStoreBackend(dir: string, name: string): Promise<SettingsBackend> {
  const { default: ElectronStore } = await import('electron-store');
  const store = new ElectronStore<Record<string, unknown>>({
    name,
    cwd: dir,
    // Our own check above already moved a damaged file aside; anything else is a real error.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
  return {
    read: () => ({ ...store.store }),
    write: (value) => {
      store.store = { ...value };
    },
  };
}

function memoryBackend(): SettingsBackend {
  let value: Record<string, unknown> = {};
  return { read: () => value, write: (next) => void (value = { ...next }) };
}

/** Opens the settings: checks the file, opens the backend, migrates, and writes back a migrated file. */
export async function openSettingsStore(options: SettingsStoreOptions): Promise<SettingsStore> {
  const name = options.name ?? SETTINGS_FILE_NAME;
  const path = join(options.dir, `${name}.json`);
  const log = options.log ?? console;
  const { migrator } = options;
  const notices: Phrase[] = [];

  const check = await checkSettingsFile(path, options.fs ?? NODE_FS, options.now);
  if (check.state === 'moved' || check.state === 'unusable') {
    notices.push(check.notice);
    log.warn(`settings: ${renderPhrase(check.notice)}`);
  }

  let backend: SettingsBackend;
  let writable = check.state !== 'unusable';
  let damaged = check.state === 'moved' || check.state === 'unusable';
  if (check.state === 'unusable') backend = memoryBackend();
  else {
    try {
      backend = await (options.openBackend ?? openElectronStoreBackend)(options.dir, name);
    } catch (error) {
      log.warn('settings: the settings file could not be opened', error);
      notices.push(phrase('settings.file.notOpened'));
      backend = memoryBackend();
      writable = false;
      damaged = true;
    }
  }

  let raw: Record<string, unknown> = {};
  try {
    raw = backend.read();
  } catch (error) {
    log.warn('settings: the settings file could not be read', error);
    damaged = true;
  }
  const below = options.below ?? {};
  const migrated = migrator.migrate(raw, { damaged, meaning: { serviceIds: (below.services ?? []).map((s) => s.id) } });
  notices.push(...migrated.notices);
  let layer = migrated.layer;
  let policy = options.policy ?? NO_POLICY_LAYERS;
  let settings = settingsWithPolicy(policy, below, layer);

  const write = (next: ConfigDocument): boolean => {
    if (!writable) return false;
    try {
      backend.write(migrator.toStored(next));
      return true;
    } catch (error) {
      log.warn('settings: the settings could not be saved', error);
      return false;
    }
  };

  // Persist a migration or repair at once, so the file on disk always has the current version
  // and a repaired file reads back as repaired (an empty file would read as a fresh install).
  const needsWrite = migrated.migrated ?? JSON.stringify(raw) !== JSON.stringify(migrator.toStored(layer));
  if (damaged || (needsWrite && Object.keys(raw).length > 0)) write(layer);

  return {
    path,
    fresh: check.state === 'missing' || check.state === 'moved',
    current: () => settings,
    layer: () => layer,
    notices: () => [...notices],
    save(next) {
      // What policy forced is never stored as the person's choice (policy is an overlay).
      const unforced = settingsWithPolicy({ ...policy, mandatory: {} }, below, layer);
      layer = storedLayerUnderPolicy(layerAfterChange(layer, settings, next), layer, policy.mandatory, unforced);
      settings = settingsWithPolicy(policy, below, layer);
      return write(layer);
    },
    setPolicy(next) {
      policy = next;
      settings = settingsWithPolicy(policy, below, layer);
    },
  };
}
