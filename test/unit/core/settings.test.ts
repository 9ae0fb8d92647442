import { describe, expect, it } from 'vitest';
import { resolveWatchPlan } from '../../../main/core/config.js';
import type { Settings } from '../../../main/core/contract.js';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  inQuietHours,
  migrateSettings,
  muteUntil,
  SETTINGS_VERSION,
  settingsToAppConfig,
  settingsView,
  toStoredSettings,
} from '../../../main/core/settings.js';

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
    });
    // Written back, the result reads again as itself with nothing to migrate.
    const again = migrateSettings(JSON.parse(JSON.stringify(toStoredSettings(result.settings))));
    expect(again).toEqual({ settings: result.settings, notices: [], migrated: false });
    expect(toStoredSettings(result.settings).version).toBe(SETTINGS_VERSION);
  });

  it('in a v0 file, an unknown service is left out with a notice and an interval out of bounds is clamped', () => {
    const result = migrateSettings({ services: ['outlook', 'myspace'], interval: 5, notify: true });
    expect(result.settings.watch).toEqual(['outlook']);
    expect(result.settings.pollIntervalSeconds).toBe(60);
    expect(result.notices.join('\n')).toMatch(/watch\[1\]: unknown service "myspace".*left out/);
    expect(result.notices.join('\n')).toMatch(/pollIntervalSeconds: 5 is outside 60-3600 seconds; using 60/);
  });

  it('one bad key falls back to its default alone; the rest is kept', () => {
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
      customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example/' }],
      pollIntervalSeconds: 600,
      orgFeedUrl: null,
      tenantName: 'contoso',
      notifications: { enabled: true, onWorse: true, onResolved: false, onLocal: true },
      quietHours: { enabled: true, start: '22:00', end: '06:30' },
      startAtLogin: false,
    });
    const notices = result.notices.join('\n');
    expect(notices).toMatch(/watch: expected a list/);
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
      expect(result.settings).toEqual(DEFAULT_SETTINGS);
      expect(result.notices[0]).toMatch(/could not be read.*reset to the defaults/);
    }
    const hostile = JSON.parse('{"version":1,"__proto__":{"startAtLogin":false},"tenantName":"contoso","constructor":{"x":1}}') as unknown;
    const result = migrateSettings(hostile);
    expect(result.settings.startAtLogin).toBe(true);
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
        colour: 'red',
      },
      [],
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    expect(problems).toMatch(/watch\[1\]: unknown service "myspace"/);
    expect(problems).toMatch(/pollIntervalSeconds: must be between 60 and 3600 seconds, got 30/);
    expect(problems).toMatch(/quietHours\.start: expected a time like "22:00"/);
    expect(problems).toMatch(/orgFeedUrl: URLs with embedded credentials are not allowed/);
    expect(problems).toMatch(/tenantName: expected your tenant's short name/);
    expect(problems).toMatch(/startAtLogin: expected true or false/);
    expect(problems).toMatch(/colour: not a setting/);
  });

  it('checks custom sources: allowed URL, unique id, no clash with built-in services', () => {
    const good = applySettingsPatch(DEFAULT_SETTINGS, { customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }] }, []);
    expect(good.ok).toBe(true);
    const bad = applySettingsPatch(
      DEFAULT_SETTINGS,
      {
        customSources: [
          { id: 'acme', name: 'ACME', url: 'https://status.acme.example' },
          { id: 'ACME', name: 'Again', url: 'https://status.acme.example' },
          { id: 'github', name: 'My GitHub', url: 'https://www.githubstatus.com' },
          { id: 'plain', name: 'Plain', url: 'http://status.plain.example' },
          { id: 'local', name: 'Local test', url: 'http://127.0.0.1:8080/status.json' },
        ],
      },
      [],
    );
    const problems = bad.ok ? [] : bad.problems;
    expect(problems).toEqual([
      'customSources[1].id: duplicate id "ACME"',
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
    expect(applySettingsPatch(DEFAULT_SETTINGS, null, [])).toEqual({ ok: false, problems: ['expected an object of settings to change, got null'] });
  });
});

describe('settingsToAppConfig and settingsView', () => {
  it('turns custom sources into statuspage sources that are watched on their own', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      watch: ['outlook'],
      customSources: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example/' }],
      orgFeedUrl: 'https://feeds.contoso.example/feed.json',
    };
    const plan = resolveWatchPlan(settingsToAppConfig(settings));
    expect(plan.services.map((s) => s.id)).toEqual(['outlook', 'acme']);
    expect(plan.sources.find((s) => s.id === 'acme')).toMatchObject({ type: 'statuspage', name: 'ACME', url: 'https://status.acme.example/' });
    expect(plan.sources.map((s) => s.id)).toContain('org-feed');
  });

  it('groups the catalog into Microsoft 365 and other services, with locks, notices and bounds', () => {
    const view = settingsView(DEFAULT_SETTINGS, ['orgFeedUrl'], ['reset']);
    const group = (id: string): string | undefined => view.catalog.find((e) => e.id === id)?.group;
    expect(group('outlook')).toBe('Microsoft 365');
    expect(group('teams')).toBe('Microsoft 365');
    expect(group('zoom')).toBe('Other services');
    expect(view.catalog.findIndex((e) => e.group === 'Other services')).toBeGreaterThan(view.catalog.findLastIndex((e) => e.group === 'Microsoft 365'));
    expect(view.locked).toEqual(['orgFeedUrl']);
    expect(view.notices).toEqual(['reset']);
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
