import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../main/core/contract.js';
import { DEFAULT_SETTINGS, migrateSettings, REPAIRED_SETTINGS, toStoredSettings } from '../../main/core/settings/settings.js';
import { REPAIRED_LAYER } from '../../main/core/settings/settings-repair.js';
import { checkSettingsFile, openSettingsStore, quarantinePath, type SettingsMigrator } from '../../main/shell/settings-store.js';
import { openJsonFileBackend } from '../fakes/json-file-backend.js';
import { MemoryLog } from '../fakes/log.js';
import { renderPhrase, type Phrase } from '../../main/core/i18n/phrase.js';
import { createTranslator, ENGLISH, type Translator } from '../../main/core/i18n/translate.js';

const GERMAN = createTranslator('de', { locale: 'de-DE' });

/** The store's notices as the settings page says them. */
const said = (store: { notices(): readonly Phrase[] }, t: Translator = ENGLISH): string[] => store.notices().map((notice) => renderPhrase(notice, t));

const FIXED_NOW = new Date('2025-03-04T05:06:07.089Z');
const migrator: SettingsMigrator = { migrate: migrateSettings, toStored: toStoredSettings };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'or-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (log = new MemoryLog()) => openSettingsStore({ dir, migrator, openBackend: openJsonFileBackend, now: () => FIXED_NOW, log });
const settingsFile = () => join(dir, 'settings.json');

describe('settings store', () => {
  it('starts from the defaults when there is no file, and saves changes that a restart reads back', async () => {
    const first = await open();
    expect(first.fresh).toBe(true);
    expect(first.current()).toEqual(DEFAULT_SETTINGS);
    expect(first.notices()).toEqual([]);
    const changed: Settings = { ...DEFAULT_SETTINGS, pollIntervalSeconds: 600, startAtLogin: false };
    expect(first.save(changed)).toBe(true);

    const second = await open();
    expect(second.fresh).toBe(false);
    expect(second.current()).toEqual(changed);
    // Only what the person changed is stored (start at login and notifications always are), so a config file shows through the rest.
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual(
      toStoredSettings({ pollIntervalSeconds: 600, startAtLogin: false, notifications: DEFAULT_SETTINGS.notifications }),
    );
  });

  it('moves a file that is not valid JSON aside with a timestamp, reports it, and starts from the safe repair', async () => {
    await writeFile(settingsFile(), '{"pollIntervalSeconds": 600,');
    const log = new MemoryLog();
    const store = await open(log);
    expect(store.current()).toEqual(REPAIRED_SETTINGS);
    const kept = quarantinePath(settingsFile(), FIXED_NOW);
    expect(kept).toBe(join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json'));
    expect(await readFile(kept, 'utf8')).toBe('{"pollIntervalSeconds": 600,');
    expect(said(store)).toEqual([
      'Your settings file was damaged and has been reset. The old file was kept as settings.corrupt-2025-03-04T05-06-07-089Z.json.',
      'Start at login and notifications are turned off until you turn them on again in Settings.',
    ]);
    expect(said(store, GERMAN)).toEqual([
      'Ihre Einstellungsdatei war beschädigt und wurde zurückgesetzt. Die alte Datei wurde als settings.corrupt-2025-03-04T05-06-07-089Z.json aufbewahrt.',
      'Der Start bei der Anmeldung und die Benachrichtigungen sind ausgeschaltet, bis Sie sie in den Einstellungen wieder einschalten.',
    ]);
    expect(log.has('damaged')).toBe(true);
    // The app keeps working and saving.
    expect(store.save({ ...DEFAULT_SETTINGS, startAtLogin: false })).toBe(true);
    expect((await open()).current().startAtLogin).toBe(false);
  });

  it('treats an empty file and JSON that is not an object as damaged too', async () => {
    for (const text of ['', '   ', '[1, 2]', '42', 'null', '\uFEFF{}']) {
      await writeFile(settingsFile(), text);
      const check = await checkSettingsFile(settingsFile(), undefined, () => FIXED_NOW);
      expect(check.state, JSON.stringify(text)).toBe('moved');
      await rm(join(dir, 'settings.corrupt-2025-03-04T05-06-07-089Z.json'));
    }
  });

  it('keeps good keys and reports bad ones through the core migration, writing the repaired file back', async () => {
    await writeFile(settingsFile(), JSON.stringify({ version: 1, ...DEFAULT_SETTINGS, pollIntervalSeconds: 'often', startAtLogin: false }));
    const store = await open();
    expect(store.current().startAtLogin).toBe(false);
    expect(store.current().pollIntervalSeconds).toBe(DEFAULT_SETTINGS.pollIntervalSeconds);
    expect(said(store).some((notice) => notice.includes('pollIntervalSeconds'))).toBe(true);
    const onDisk = JSON.parse(await readFile(settingsFile(), 'utf8')) as Record<string, unknown>;
    // The bad key is left out of the file: the config file or the default applies to it.
    expect(onDisk['pollIntervalSeconds']).toBeUndefined();
    expect(onDisk['startAtLogin']).toBe(false);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('runs on defaults in memory, with a notice, when the file can be neither read nor moved', async () => {
    const log = new MemoryLog();
    const store = await openSettingsStore({
      dir,
      migrator,
      openBackend: openJsonFileBackend,
      fs: {
        readFile: async () => 'not json',
        rename: async () => {
          throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
        },
      },
      log,
    });
    expect(store.current()).toEqual(REPAIRED_SETTINGS);
    expect(said(store)[0]).toContain('could not be moved aside (EROFS)');
    expect(store.save({ ...DEFAULT_SETTINGS, startAtLogin: false })).toBe(false);
    expect(store.current().startAtLogin).toBe(false);
  });

  it('runs on defaults, with a notice, when the store itself cannot be opened', async () => {
    const store = await openSettingsStore({
      dir,
      migrator,
      openBackend: async () => {
        throw new Error('EACCES');
      },
      log: new MemoryLog(),
    });
    expect(store.current()).toEqual(REPAIRED_SETTINGS);
    expect(said(store)).toEqual([
      'Your settings could not be opened; defaults are used and changes are not saved this time.',
      'Start at login and notifications are turned off until you turn them on again in Settings.',
    ]);
  });
});

describe('settings repair never switches start at login or notifications on', () => {
  const OFF = { enabled: false, onWorse: false, onResolved: false, onLocal: false };
  const savedByPerson = { ...toStoredSettings(DEFAULT_SETTINGS), pollIntervalSeconds: 600, tenantName: 'contoso' };
  const onDisk = async (): Promise<Record<string, unknown>> => JSON.parse(await readFile(settingsFile(), 'utf8')) as Record<string, unknown>;

  it('a corrupt file is kept aside and the repair stays off after a restart (it is written, not read as a fresh install)', async () => {
    await writeFile(settingsFile(), '{"startAtLogin": false, "notifications": {"enabled": fal');
    const first = await open();
    expect(first.current().startAtLogin).toBe(false);
    expect(first.current().notifications).toEqual(OFF);
    expect(await readFile(quarantinePath(settingsFile(), FIXED_NOW), 'utf8')).toBe('{"startAtLogin": false, "notifications": {"enabled": fal');
    expect(await onDisk()).toEqual(toStoredSettings(REPAIRED_LAYER));

    const second = await open();
    expect(second.fresh).toBe(false);
    expect(second.current().startAtLogin).toBe(false);
    expect(second.current().notifications).toEqual(OFF);
    expect(second.notices()).toEqual([]);
  });

  it('a bad value, a wrong type or a missing key for start at login or notifications ends off, and is written back off', async () => {
    const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(savedByPerson).filter(([k]) => k !== key));
    const ON = DEFAULT_SETTINGS.notifications;
    const cases: [string, Record<string, unknown>, { startAtLogin: boolean; notifications: Settings['notifications'] }][] = [
      ['startAtLogin "yes"', { ...savedByPerson, startAtLogin: 'yes' }, { startAtLogin: false, notifications: ON }],
      ['startAtLogin 1', { ...savedByPerson, startAtLogin: 1 }, { startAtLogin: false, notifications: ON }],
      ['startAtLogin null', { ...savedByPerson, startAtLogin: null }, { startAtLogin: false, notifications: ON }],
      ['startAtLogin missing', without('startAtLogin'), { startAtLogin: false, notifications: ON }],
      ['notifications "on"', { ...savedByPerson, notifications: 'on' }, { startAtLogin: true, notifications: OFF }],
      ['notifications missing', without('notifications'), { startAtLogin: true, notifications: OFF }],
      ['notifications.enabled "true"', { ...savedByPerson, notifications: { ...ON, enabled: 'true' } }, { startAtLogin: true, notifications: { ...ON, enabled: false } }],
      ['notifications.onLocal missing', { ...savedByPerson, notifications: { enabled: true, onWorse: true, onResolved: true } }, { startAtLogin: true, notifications: { ...ON, onLocal: false } }],
    ];
    for (const [label, stored, expected] of cases) {
      await writeFile(settingsFile(), JSON.stringify(stored));
      const store = await open();
      expect(store.current().startAtLogin, label).toBe(expected.startAtLogin);
      expect(store.current().notifications, label).toEqual(expected.notifications);
      // The good keys are kept.
      expect(store.current().pollIntervalSeconds, label).toBe(600);
      expect(store.current().tenantName, label).toBe('contoso');
      expect(said(store).join('\n'), label).toMatch(/turned off until you turn (it|them) on again in Settings/);
      const written = await onDisk();
      expect(written['startAtLogin'], label).toBe(expected.startAtLogin);
      expect(written['notifications'], label).toEqual(expected.notifications);
      expect(await readdir(dir), label).toEqual(['settings.json']);
    }
  });

  it('start at login is off after any damaged value, whatever the default says', async () => {
    await writeFile(settingsFile(), JSON.stringify({ ...savedByPerson, startAtLogin: 'on', notifications: 'all' }));
    const store = await open();
    expect(DEFAULT_SETTINGS.startAtLogin).toBe(true);
    expect(store.current().startAtLogin).toBe(false);
    expect(store.current().notifications).toEqual(OFF);
  });

  it('a file that cannot be read at all runs on the safe repair in memory and leaves the file alone', async () => {
    await writeFile(settingsFile(), JSON.stringify(savedByPerson));
    const store = await openSettingsStore({
      dir,
      migrator,
      openBackend: openJsonFileBackend,
      fs: {
        readFile: async () => {
          throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        },
        rename: async () => undefined,
      },
      log: new MemoryLog(),
    });
    expect(store.current()).toEqual(REPAIRED_SETTINGS);
    expect(await onDisk()).toEqual(savedByPerson);
  });

  it('keeps the values the person saved when they are good, on or off', async () => {
    await writeFile(settingsFile(), JSON.stringify(savedByPerson));
    expect((await open()).current().startAtLogin).toBe(true);
    await writeFile(settingsFile(), JSON.stringify({ ...savedByPerson, startAtLogin: false, notifications: OFF }));
    const store = await open();
    expect(store.current().startAtLogin).toBe(false);
    expect(store.current().notifications).toEqual(OFF);
    expect(said(store)).toEqual([]);
  });
});
