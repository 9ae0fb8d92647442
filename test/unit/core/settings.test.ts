import { describe, expect, it } from 'vitest';
import { resolveWatchPlan } from '../../../main/core/settings/config.js';
import type { Settings } from '../../../main/core/contract.js';
import {
  applySettingsPatch as applyPatch,
  DEFAULT_SETTINGS,
  inQuietHours,
  migrateSettings as migrateToPhrases,
  muteUntil,
  REPAIRED_SETTINGS,
  settingsToAppConfig,
  settingsView,
  toStoredSettings,
} from '../../../main/core/settings/settings.js';
import { SETTINGS_VERSION } from '../../../main/core/settings/settings-repair.js';
import { CATEGORY_LABELS } from '../../../main/core/sources/catalog.js';
import { phrase, renderPhrase } from '../../../main/core/i18n/phrase.js';
import { createTranslator, type Translator } from '../../../main/core/i18n/translate.js';

const GERMAN = createTranslator('de', { locale: 'de-DE' });

/** The patch with its problems as their English sentences (`SettingProblem.message`). */
function applySettingsPatch(...args: Parameters<typeof applyPatch>) {
  const result = applyPatch(...args);
  return result.ok ? result : { ok: false as const, problems: result.problems.map((p) => p.message) };
}

/** The migration with its notices said as the settings page says them (English unless told). */
function migrateSettings(raw: unknown, context?: Parameters<typeof migrateToPhrases>[1], t?: Translator) {
  const result = migrateToPhrases(raw, context);
  return { ...result, notices: result.notices.map((notice) => renderPhrase(notice, t)) };
}

const withQuiet = (start: string, end: string, enabled = true): Settings => ({ ...DEFAULT_SETTINGS, quietHours: { enabled, start, end } });
const at = (h: number, m: number, day = 4): Date => new Date(2025, 2, day, h, m, 0, 0);

describe('default settings', () => {
  it('watch the Microsoft 365 defaults, poll every 5 min, notify about everything, quiet hours off, start at login', () => {
    expect(DEFAULT_SETTINGS.watch).toEqual(['outlook', 'teams', 'sharepoint', 'm365']);
    expect(DEFAULT_SETTINGS.pollIntervalSeconds).toBe(300);
    expect(DEFAULT_SETTINGS.notifications).toEqual({ enabled: true, onWorse: true, onResolved: true, onLocal: true });
    expect(DEFAULT_SETTINGS.quietHours).toEqual({ enabled: false, start: '22:00', end: '07:00' });
    expect(DEFAULT_SETTINGS.startAtLogin).toBe(true);
    expect(DEFAULT_SETTINGS.orgFeedUrl).toBeNull();
  });
});

describe('migrateSettings', () => {
  it('a fresh install (nothing stored) gets the defaults without notices', () => {
    const result = migrateSettings(undefined);
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.notices).toEqual([]);
  });

  it('migrates the unversioned prototype shape (v0) to the current version', () => {
    const result = migrateSettings({ services: ['outlook', 'zoom'], interval: 120, notify: false });
    expect(result.migrated).toBe(true);
    expect(result.notices).toEqual([]);
    expect(result.settings).toEqual({
      ...DEFAULT_SETTINGS,
      watch: ['outlook', 'zoom'],
      pollIntervalSeconds: 120,
      notifications: { enabled: false, onWorse: false, onResolved: false, onLocal: false },
      // The prototype could not start at login, so nobody chose it.
      startAtLogin: false,
    });
    // Written back, the result reads again as itself with nothing to migrate.
    const again = migrateSettings(JSON.parse(JSON.stringify(toStoredSettings(result.layer))));
    expect(again).toEqual({ layer: result.layer, settings: result.settings, notices: [], migrated: false });
    // Only what the prototype set is stored, so a config file shows through everything else.
    expect(result.layer).toEqual({ watch: ['outlook', 'zoom'], pollIntervalSeconds: 120, notifications: result.settings.notifications, startAtLogin: false });
    expect(toStoredSettings(result.layer)['version']).toBe(SETTINGS_VERSION);
  });

  it('in a v0 file, an unknown service is left out with a notice and an interval out of bounds is clamped', () => {
    const result = migrateSettings({ services: ['outlook', 'myspace'], interval: 5, notify: true });
    expect(result.settings.watch).toEqual(['outlook']);
    expect(result.settings.pollIntervalSeconds).toBe(60);
    expect(result.notices.join('\n')).toMatch(/watch\[1\]: unknown service "myspace".*left out/);
    expect(result.notices.join('\n')).toMatch(/pollIntervalSeconds: expected a number of at least 60, got 5; using 60/);
  });

  it('one bad key falls back to its default alone (notifications: off); the rest is kept', () => {
    const stored = {
      version: 1,
      watch: 'outlook',
      customSources: [
        { id: 'acme', name: 'ACME', url: 'https://status.acme.example' },
        { id: 'bad', name: 'Bad', url: 'http://status.bad.example' },
      ],
      pollIntervalSeconds: 600,
      orgFeedUrl: 'ftp://feeds.contoso.example/feed.json',
      tenantName: 'contoso',
      notifications: { enabled: true, onWorse: 'yes', onResolved: false, onLocal: true },
      quietHours: { enabled: true, start: '25:00', end: '06:30' },
      startAtLogin: false,
    };
    const result = migrateSettings(stored);
    expect(result.settings).toEqual({
      watch: DEFAULT_SETTINGS.watch,
      customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }],
      pollIntervalSeconds: 600,
      orgFeedUrl: null,
      tenantName: 'contoso',
      notifications: { enabled: true, onWorse: false, onResolved: false, onLocal: true },
      quietHours: { enabled: true, start: '22:00', end: '06:30' },
      startAtLogin: false,
      // A file from before the language setting reads as "follow the system".
      language: 'auto',
    });
    const notices = result.notices.join('\n');
    expect(notices).toMatch(/watch: expected an array, got "outlook"; using the default/);
    expect(notices).toMatch(/customSources\[1\]\.url: plain http is only allowed for loopback/);
    expect(notices).toMatch(/orgFeedUrl: unsupported scheme ftp:/);
    expect(notices).toMatch(/notifications\.onWorse: expected true or false/);
    expect(notices).toMatch(/quietHours\.start: expected a time like "22:00"/);
    expect(result.notices).toHaveLength(5);
    expect(result.migrated).toBe(true);
  });

  it('never throws on hostile or broken input and never lets __proto__ through', () => {
    for (const raw of ['garbage', 42, [1, 2], true]) {
      const result = migrateSettings(raw);
      expect(result.settings).toEqual(REPAIRED_SETTINGS);
      expect(result.notices[0]).toMatch(/could not be read.*reset\. Start at login and notifications are turned off/);
    }
    const hostile = JSON.parse('{"version":1,"__proto__":{"startAtLogin":true},"tenantName":"contoso","constructor":{"x":1}}') as unknown;
    const result = migrateSettings(hostile);
    // Missing from the file and not read through __proto__: off.
    expect(result.settings.startAtLogin).toBe(false);
    expect(result.settings.tenantName).toBe('contoso');
    expect(({} as Record<string, unknown>)['startAtLogin']).toBeUndefined();
  });

  it('settings from a newer app version keep what this version understands and are not rewritten', () => {
    const result = migrateSettings({ version: SETTINGS_VERSION + 1, watch: ['zoom'], futureKey: { a: 1 } });
    expect(result.settings.watch).toEqual(['zoom']);
    expect(result.migrated).toBe(false);
    expect(result.notices[0]).toMatch(/newer version/);
  });
});

describe('repairing never switches start at login or notifications on', () => {
  const ALL_ON = { enabled: true, onWorse: true, onResolved: true, onLocal: true };
  const ALL_OFF = { enabled: false, onWorse: false, onResolved: false, onLocal: false };
  const stored = (overrides: Record<string, unknown>): Record<string, unknown> => ({ ...toStoredSettings(DEFAULT_SETTINGS), ...overrides });
  const without = (key: string): Record<string, unknown> => {
    const copy = stored({});
    delete copy[key];
    return copy;
  };

  it('the repair values are the defaults with start at login and every notification off', () => {
    expect(REPAIRED_SETTINGS).toEqual({ ...DEFAULT_SETTINGS, startAtLogin: false, notifications: ALL_OFF });
  });

  it('a bad or wrongly typed startAtLogin ends off, never on, with a notice that names it', () => {
    for (const value of ['yes', 'true', 1, 0, null, {}, [true]]) {
      const result = migrateSettings(stored({ startAtLogin: value }));
      expect(result.settings.startAtLogin, JSON.stringify(value)).toBe(false);
      expect(result.notices.join('\n')).toMatch(/startAtLogin: expected true or false.*turned off until you turn it on again in Settings/);
      expect(result.migrated).toBe(true);
    }
  });

  it('a startAtLogin missing from a saved file ends off', () => {
    const result = migrateSettings(without('startAtLogin'));
    expect(result.settings.startAtLogin).toBe(false);
    expect(result.notices).toEqual(['startAtLogin: missing; turned off until you turn it on again in Settings']);
  });

  it('notifications that are missing, not an object, or with a bad or missing field end off', () => {
    for (const value of ['on', true, null, 1, [ALL_ON]]) {
      const result = migrateSettings(stored({ notifications: value }));
      expect(result.settings.notifications, JSON.stringify(value)).toEqual(ALL_OFF);
      expect(result.notices.join('\n')).toMatch(/notifications: expected an object.*notifications are turned off/);
    }
    expect(migrateSettings(without('notifications')).settings.notifications).toEqual(ALL_OFF);
    expect(migrateSettings(stored({ notifications: { ...ALL_ON, enabled: 'yes' } })).settings.notifications).toEqual({ ...ALL_ON, enabled: false });
    expect(migrateSettings(stored({ notifications: { enabled: true, onWorse: true, onResolved: true } })).settings.notifications).toEqual({ ...ALL_ON, onLocal: false });
    const partial = migrateSettings(stored({ notifications: { enabled: true, onWorse: 1, onResolved: true } }));
    expect(partial.settings.notifications).toEqual({ enabled: true, onWorse: false, onResolved: true, onLocal: false });
    expect(partial.notices).toEqual([
      'notifications.onLocal: missing; turned off until you turn it on again in Settings',
      'notifications.onWorse: expected true or false, got 1; turned off until you turn it on again in Settings',
    ]);
  });

  it('in a v0 file, a bad notify ends with notifications off', () => {
    const result = migrateSettings({ services: ['outlook'], notify: 'always' });
    expect(result.settings.notifications).toEqual(ALL_OFF);
    expect(result.settings.startAtLogin).toBe(false);
  });

  it('a file written by a newer version that lacks them keeps them off', () => {
    const result = migrateSettings({ version: SETTINGS_VERSION + 1, watch: ['zoom'] });
    expect(result.settings.startAtLogin).toBe(false);
    expect(result.settings.notifications).toEqual(ALL_OFF);
  });

  it('says every repair in German for a German-speaking person, with the keys and values as stored', () => {
    const repairs: [unknown, Parameters<typeof migrateToPhrases>[1]?][] = [
      [{}, { damaged: true }],
      [['not', 'an', 'object']],
      [{ version: SETTINGS_VERSION + 1, watch: ['zoom'] }],
      [{ version: 'two', watch: ['outlook'] }],
      [{ services: ['outlook', 'myspace'], interval: 5, notify: 'always' }],
      [{ version: SETTINGS_VERSION, fontSize: 12, startAtLogin: 'yes', pollIntervalSeconds: 99999, watch: 'outlook', notifications: { enabled: true, onWorse: 1, onResolved: true } }],
    ];
    const german = repairs.flatMap(([raw, context]) => migrateSettings(raw, context, GERMAN).notices);
    const english = repairs.flatMap(([raw, context]) => migrateSettings(raw, context).notices);
    expect(german).toHaveLength(english.length);
    expect(german.length).toBeGreaterThanOrEqual(12);
    for (const [i, notice] of german.entries()) expect(notice, english[i]).not.toBe(english[i]);
    expect(german.join('\n')).not.toMatch(/turned off|using the default|left out|missing|expected|not a setting|could not|newer version|read as/);
    expect(german).toEqual(
      expect.arrayContaining([
        'Der Start bei der Anmeldung und die Benachrichtigungen sind ausgeschaltet, bis Sie sie in den Einstellungen wieder einschalten.',
        'startAtLogin: erwartet: true oder false, gefunden: "yes"; ausgeschaltet, bis Sie es in den Einstellungen wieder einschalten',
        'notifications.onLocal: fehlt; ausgeschaltet, bis Sie es in den Einstellungen wieder einschalten',
        '"fontSize": keine Einstellung dieser App; weggelassen',
      ]),
    );
  });

  it('settings that were lost (damaged file) repair to the safe values with a notice', () => {
    const result = migrateSettings({}, { damaged: true });
    expect(result.settings).toEqual(REPAIRED_SETTINGS);
    expect(result.migrated).toBe(true);
    expect(result.notices).toEqual(['Start at login and notifications are turned off until you turn them on again in Settings.']);
  });

  it('good values are kept as the person saved them, on or off, and a fresh install still gets the defaults', () => {
    const on = migrateSettings(stored({}));
    expect(on).toMatchObject({ settings: DEFAULT_SETTINGS, notices: [], migrated: false });
    const off = migrateSettings(stored({ startAtLogin: false, notifications: ALL_OFF }));
    expect(off.settings).toEqual(REPAIRED_SETTINGS);
    expect(off.notices).toEqual([]);
    expect(migrateSettings(undefined).settings).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings({}).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('applySettingsPatch', () => {
  it('applies a valid change and keeps everything else', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, { watch: ['teams', 'zoom'], pollIntervalSeconds: 120, tenantName: 'Contoso' }, []);
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, watch: ['teams', 'zoom'], pollIntervalSeconds: 120, tenantName: 'contoso' } });
  });

  it('accepts part of a nested group and merges it', () => {
    const result = applySettingsPatch(DEFAULT_SETTINGS, { notifications: { onResolved: false }, quietHours: { enabled: true } }, []);
    expect(result.ok && result.settings.notifications).toEqual({ enabled: true, onWorse: true, onResolved: false, onLocal: true });
    expect(result.ok && result.settings.quietHours).toEqual({ enabled: true, start: '22:00', end: '07:00' });
  });

  it('refuses the whole change when any value is bad, naming each problem', () => {
    const result = applySettingsPatch(
      DEFAULT_SETTINGS,
      {
        watch: ['outlook', 'myspace'],
        pollIntervalSeconds: 30,
        quietHours: { start: '7:00' },
        orgFeedUrl: 'https://user:secret@feeds.contoso.example/feed.json',
        tenantName: 'contoso.sharepoint.com',
        startAtLogin: 'yes',
        color: 'red',
      },
      [],
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toMatch(/watch\[1\]: unknown service "myspace"/);
    expect(problems).toMatch(/pollIntervalSeconds: expected a number of at least 60, got 30/);
    expect(problems).toMatch(/quietHours\.start: expected a time like "22:00"/);
    expect(problems).toMatch(/orgFeedUrl: URLs with embedded credentials are not allowed/);
    expect(problems).toMatch(/tenantName: expected your tenant's short name/);
    expect(problems).toMatch(/startAtLogin: expected true or false/);
    expect(problems).toMatch(/color: not a setting the window can change/);
  });

  it('checks custom sources: allowed URL, unique id, no clash with built-in services', () => {
    const good = applySettingsPatch(DEFAULT_SETTINGS, { customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }] }, []);
    expect(good.ok).toBe(true);
    const bad = applySettingsPatch(
      DEFAULT_SETTINGS,
      {
        customSources: [
          { id: 'acme', name: 'ACME', url: 'https://status.acme.example' },
          { id: 'acme', name: 'Again', url: 'https://status.acme.example' },
          { id: 'github', name: 'My GitHub', url: 'https://www.githubstatus.com' },
          { id: 'plain', name: 'Plain', url: 'http://status.plain.example' },
          { id: 'local', name: 'Local test', url: 'http://127.0.0.1:8080/status.json' },
        ],
      },
      [],
    );
    const problems = bad.ok ? [] : bad.problems;
    // Ids are one spelling, lower case (the window makes them so); the shape is checked before the meaning.
    const upper = applySettingsPatch(DEFAULT_SETTINGS, { customSources: [{ id: 'ACME', name: 'ACME', url: 'https://status.acme.example' }] }, []);
    expect(upper.ok ? [] : upper.problems).toEqual([expect.stringMatching(/^customSources\[0\]\.id: expected lower-case letters/)]);
    expect(problems).toEqual([
      'customSources[1].id: duplicate id "acme"',
      'customSources[2].id: "github" is a built-in service; pick another id',
      expect.stringMatching(/customSources\[3\]\.url: plain http is only allowed for loopback hosts/),
    ]);
  });

  it('refuses to change a key set by policy, but accepts its current value unchanged', () => {
    const refused = applySettingsPatch(DEFAULT_SETTINGS, { orgFeedUrl: 'https://feeds.contoso.example/feed.json', startAtLogin: false }, ['orgFeedUrl']);
    expect(refused).toEqual({ ok: false, problems: ['orgFeedUrl: Managed by your organization'] });
    const same = applySettingsPatch(DEFAULT_SETTINGS, { orgFeedUrl: null, startAtLogin: false }, ['orgFeedUrl']);
    expect(same.ok && same.settings.startAtLogin).toBe(false);
  });

  it('refuses start and end of quiet hours being the same, and a patch that is not an object', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { quietHours: { enabled: true, start: '07:00', end: '07:00' } }, []).ok).toBe(false);
    expect(applySettingsPatch(DEFAULT_SETTINGS, null, [])).toEqual({ ok: false, problems: ['(top level): expected an object, got null'] });
  });
});

describe('settingsToAppConfig and settingsView', () => {
  it('turns custom sources into statuspage sources that are watched on their own', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      watch: ['outlook'],
      customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }],
      orgFeedUrl: 'https://feeds.contoso.example/feed.json',
    };
    const plan = resolveWatchPlan(settingsToAppConfig(settings));
    expect(plan.services.map((s) => s.id)).toEqual(['outlook', 'acme']);
    expect(plan.sources.find((s) => s.id === 'acme')).toMatchObject({ type: 'statuspage', name: 'ACME', url: 'https://status.acme.example' });
    expect(plan.sources.map((s) => s.id)).toContain('org-feed');
  });

  it('lists the catalog by category, marks Microsoft 365 services, with locks, notices and bounds', () => {
    const view = settingsView(DEFAULT_SETTINGS, ['orgFeedUrl'], [phrase('settings.repair.newer', { version: '9' })]);
    const entry = (id: string) => view.catalog.find((e) => e.id === id);
    expect(entry('outlook')).toMatchObject({ group: 'Microsoft 365', category: 'Mail' });
    expect(entry('teams')).toMatchObject({ group: 'Microsoft 365', category: 'Communication' });
    expect(entry('defender')).toMatchObject({ group: 'Microsoft 365', category: 'Security' });
    expect(entry('zoom')).toMatchObject({ group: 'Other services', category: 'Meetings' });
    // One run per category, in the categories' order: the window groups without sorting again.
    const runs = view.catalog.map((e) => e.category).filter((c, i, all) => c !== all[i - 1]);
    expect(runs).toEqual(Object.values(CATEGORY_LABELS));
    expect(view.locked).toEqual(['orgFeedUrl']);
    expect(view.notices).toEqual(['Your settings were saved by a newer version of Outage Radar (format 9); settings this version does not know were ignored.']);
    expect(settingsView(DEFAULT_SETTINGS, [], [phrase('settings.repair.newer', { version: '9' })], GERMAN).notices).toEqual([
      'Ihre Einstellungen wurden von einer neueren Version von Outage Radar gespeichert (Format 9); Einstellungen, die diese Version nicht kennt, wurden ignoriert.',
    ]);
    expect(view.bounds.pollIntervalSeconds).toEqual({ min: 60, max: 3600 });
  });
});

describe('inQuietHours', () => {
  it('handles a range across midnight: start included, end excluded', () => {
    const s = withQuiet('22:00', '07:00');
    expect(inQuietHours(s, at(21, 59))).toBe(false);
    expect(inQuietHours(s, at(22, 0))).toBe(true);
    expect(inQuietHours(s, at(23, 30))).toBe(true);
    expect(inQuietHours(s, at(0, 0))).toBe(true);
    expect(inQuietHours(s, at(6, 59))).toBe(true);
    expect(inQuietHours(s, at(7, 0))).toBe(false);
    expect(inQuietHours(s, at(12, 0))).toBe(false);
  });

  it('handles a range within one day, and is never quiet when disabled', () => {
    const lunch = withQuiet('12:00', '13:30');
    expect(inQuietHours(lunch, at(12, 45))).toBe(true);
    expect(inQuietHours(lunch, at(13, 30))).toBe(false);
    expect(inQuietHours(lunch, at(23, 0))).toBe(false);
    expect(inQuietHours(withQuiet('22:00', '07:00', false), at(23, 0))).toBe(false);
  });
});

describe('muteUntil', () => {
  it('adds one or four hours, and "off" unmutes', () => {
    const now = at(14, 10);
    expect(muteUntil('1h', now)?.getTime()).toBe(now.getTime() + 3_600_000);
    expect(muteUntil('4h', now)?.getTime()).toBe(now.getTime() + 4 * 3_600_000);
    expect(muteUntil('off', now)).toBeNull();
  });

  it('"tomorrow" is the next local 08:00', () => {
    expect(muteUntil('tomorrow', at(14, 10))).toEqual(at(8, 0, 5));
    expect(muteUntil('tomorrow', at(23, 59))).toEqual(at(8, 0, 5));
    // Muting at 3 in the morning lasts until the start of this working day.
    expect(muteUntil('tomorrow', at(3, 0))).toEqual(at(8, 0, 4));
    expect(muteUntil('tomorrow', at(8, 0))).toEqual(at(8, 0, 5));
  });
});
