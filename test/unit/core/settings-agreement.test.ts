import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WATCH } from '../../../main/core/sources/catalog.js';
import { checkConfig } from '../../../main/core/settings/config.js';
import type { SettingKey } from '../../../main/core/contract.js';
import { checkSettingsPatch } from '../../../main/core/guards.js';
import { POLL_SECONDS } from '../../../main/core/engine/schedule.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings-layers.js';
import { applySettingsPatch } from '../../../main/core/settings/settings-patch.js';
import { migrateSettings, toStoredSettings } from '../../../main/core/settings/settings-repair.js';
import { PATTERN_WORDS, schemaProblems, SETTING_KEYS } from '../../../main/core/settings/settings-schema.js';
import { ROOT } from '../../helpers/cli.js';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { SETTINGS_TABLE_HEADING, settingKeyPaths, settingsSchema, settingsTable } from '../../helpers/settings-table.js';

/** For every window key: a good value and a bad one. Every key of the schema must be here. */
const SAMPLES: Record<SettingKey, { readonly good: unknown; readonly bad: readonly unknown[] }> = {
  watch: { good: ['teams', 'zoom'], bad: ['teams', ['myspace'], [''], ['teams', 'teams']] },
  customSources: {
    good: [{ id: 'acme', name: 'ACME', url: 'https://status.acme.example' }],
    bad: [{}, [{ id: 'github', name: 'GitHub', url: 'https://www.githubstatus.com' }], [{ id: 'a', name: 'A', url: 'http://a.example' }], [{ id: 'A', name: 'A', url: 'https://a.example' }]],
  },
  pollIntervalSeconds: { good: 120, bad: [30, 7200, 90.5, '60'] },
  orgFeedUrl: { good: 'https://feeds.contoso.example/feed.json', bad: ['ftp://feeds.contoso.example/feed.json', 'https://u:p@x.example/', 42] },
  tenantName: { good: 'contoso', bad: ['contoso.sharepoint.com', 'contoso-', 7] },
  notifications: { good: { enabled: false, onLocal: true }, bad: [true, { enabled: 'yes' }, { onSomething: true }] },
  quietHours: { good: { enabled: true, start: '23:00', end: '06:00' }, bad: [{ start: '7:00' }, { end: '24:00' }, 'nights', { enabled: true, start: '07:00', end: '07:00' }] },
  startAtLogin: { good: false, bad: ['yes', 1, null] },
  language: { good: 'de', bad: ['fr', 'DE', 1] },
};

const messages = (problems: readonly string[]): string[] => [...problems];
/**
 * What the store says when it reads the value. A stored file always holds every notification
 * field (a missing one is damage, repaired off on its own), so a group is stored whole here.
 */
const repairNotices = (key: string, value: unknown): string[] => {
  const whole = key === 'notifications' && typeof value === 'object' && value !== null ? { ...DEFAULT_SETTINGS.notifications, ...value } : value;
  return migrateSettings({ ...toStoredSettings({ startAtLogin: true, notifications: DEFAULT_SETTINGS.notifications }), [key]: whole }).notices.map((notice) => renderPhrase(notice));
};

describe('one settings schema: the store, the IPC guard, the window patch, the config loader and the README agree on every key', () => {
  it('every window key of the schema has samples here, and nothing else does', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...SETTING_KEYS].sort());
  });

  for (const key of Object.keys(SAMPLES) as SettingKey[]) {
    const { good, bad } = SAMPLES[key];
    it(`${key}: a good value passes everywhere`, () => {
      expect(checkConfig({ [key]: good })).toEqual({ ok: true, config: { [key]: good } });
      expect(checkSettingsPatch({ [key]: good }).ok).toBe(true);
      expect(applySettingsPatch(DEFAULT_SETTINGS, { [key]: good }, []).ok).toBe(true);
      expect(repairNotices(key, good)).toEqual([]);
    });

    for (const value of bad) {
      it(`${key}: ${JSON.stringify(value)} is refused with the same sentence by the loader, the guard or patch, and the store's repair`, () => {
        const loader = checkConfig({ [key]: value });
        expect(loader.ok).toBe(false);
        const said = loader.ok ? [] : messages(loader.problems.map((p) => p.message));
        expect(said.length).toBeGreaterThan(0);
        for (const sentence of said) expect(sentence.startsWith(key)).toBe(true);
        // The guard refuses what the form cannot produce; the rest is answered next to the field.
        const guard = checkSettingsPatch({ [key]: value });
        const patch = applySettingsPatch(DEFAULT_SETTINGS, { [key]: value }, []);
        if (!guard.ok) expect(said).toContain(guard.reason);
        else expect(patch.ok ? [] : patch.problems.map((p) => p.message)).toEqual(said);
        expect(patch.ok).toBe(false);
        // The store repairs it: each notice is one of the loader's sentences plus what was done.
        const notices = repairNotices(key, value);
        expect(notices.length).toBeGreaterThan(0);
        for (const notice of notices) expect(said.some((sentence) => notice.startsWith(sentence)), notice).toBe(true);
      });
    }
  }

  it('the defaults are the schema\'s, pass its validator, and agree with the catalog and the poll bounds', () => {
    expect(schemaProblems(DEFAULT_SETTINGS)).toEqual([]);
    expect(DEFAULT_SETTINGS.watch).toEqual([...DEFAULT_WATCH]);
    const poll = settingsSchema().properties['pollIntervalSeconds'] as { minimum: number; maximum: number; default: number };
    expect({ min: poll.minimum, default: poll.default, max: poll.maximum }).toEqual(POLL_SECONDS.statuspage);
  });

  it('every pattern of the schema has plain words for its messages', () => {
    const text = readFileSync(join(ROOT, 'schema', 'config.schema.json'), 'utf8');
    const patterns = [...text.matchAll(/"pattern": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1] ?? '""') as string);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(Object.keys(PATTERN_WORDS), pattern).toContain(pattern);
  });

  it(`README.md lists every key of the schema, exactly as generated, under "${SETTINGS_TABLE_HEADING}"`, () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf(`\n${SETTINGS_TABLE_HEADING}\n`);
    expect(at, `README.md needs the heading "${SETTINGS_TABLE_HEADING}" followed by this table:\n\n${settingsTable()}\n`).toBeGreaterThanOrEqual(0);
    const section = readme.slice(at).split(/\n#{2,3} /)[1] ?? '';
    expect(section, `the table under "${SETTINGS_TABLE_HEADING}" must be:\n\n${settingsTable()}\n`).toContain(settingsTable());
    for (const path of settingKeyPaths()) expect(section).toContain(`| \`${path}\` |`);
  });
});
