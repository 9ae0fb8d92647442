/**
 * Pages added in the window (`customSources`) carry the format detection found (`type`) and the
 * components the person picked (`components`): each becomes a source of that type and a service
 * narrowed to those components, exactly as a config file's `services[].sources[].components`.
 * Settings saved before either field existed keep working unchanged.
 */
import { describe, expect, it } from 'vitest';
import { renderPhrase } from '../../../main/core/i18n/phrase.js';
import { applySettingsPatch } from '../../../main/core/settings/settings-patch.js';
import { checkConfig, resolveWatchPlan } from '../../../main/core/settings/config.js';
import { migrateSettings, SETTINGS_VERSION } from '../../../main/core/settings/settings-repair.js';
import { DEFAULT_SETTINGS } from '../../../main/core/settings/settings-layers.js';

const problemsOf = (raw: unknown): readonly string[] => {
  const result = checkConfig(raw);
  return result.ok ? [] : result.problems.map((p) => p.message);
};

describe('a custom source with its type and components', () => {
  it('becomes a source of the detected type and a service narrowed to the picked components', () => {
    const plan = resolveWatchPlan({
      watch: [],
      customSources: [
        { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage', components: ['g2dt752kwqs0', 'Verify'] },
        { id: 'custom-acme', name: 'Acme', url: 'https://acme.example/1.0/status/5a1b', type: 'statusio' },
      ],
    });
    expect(plan.sources).toEqual([
      { id: 'custom-twilio', type: 'statuspage', name: 'Twilio', url: 'https://status.twilio.com', pollIntervalSeconds: null },
      { id: 'custom-acme', type: 'statusio', name: 'Acme', url: 'https://acme.example/1.0/status/5a1b', pollIntervalSeconds: null },
    ]);
    expect(plan.services).toEqual([
      { id: 'custom-twilio', name: 'Twilio', sources: [{ source: 'custom-twilio', components: ['g2dt752kwqs0', 'Verify'] }], fallback: null },
      { id: 'custom-acme', name: 'Acme', sources: [{ source: 'custom-acme' }], fallback: null },
    ]);
  });

  it('narrows exactly as a config file service with components does', () => {
    const fromWindow = resolveWatchPlan({ watch: [], customSources: [{ id: 'acme', name: 'Acme', url: 'https://status.acme.example', type: 'statuspage', components: ['Chat'] }] });
    const fromFile = resolveWatchPlan({
      sources: [{ id: 'acme', type: 'statuspage', name: 'Acme', url: 'https://status.acme.example' }],
      services: [{ id: 'acme', name: 'Acme', sources: [{ source: 'acme', components: ['Chat'] }] }],
    });
    expect(fromWindow.services).toEqual(fromFile.services);
    expect(fromWindow.sources).toEqual(fromFile.sources);
  });

  it('watches the whole page when components are absent or empty, and reads a page without a type as Statuspage', () => {
    const plan = resolveWatchPlan({
      watch: [],
      customSources: [
        { id: 'custom-old', name: 'Saved long ago', url: 'https://status.old.example' },
        { id: 'custom-all', name: 'Everything', url: 'https://status.all.example', type: 'instatus', components: [] },
      ],
    });
    expect(plan.sources.map((s) => [s.id, s.type])).toEqual([
      ['custom-old', 'statuspage'],
      ['custom-all', 'instatus'],
    ]);
    expect(plan.services.map((s) => s.sources)).toEqual([[{ source: 'custom-old' }], [{ source: 'custom-all' }]]);
  });

  it('is watched besides the default watch list, never instead of it', () => {
    const plan = resolveWatchPlan({ customSources: [{ id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage', components: ['Verify'] }] });
    expect(plan.services.map((s) => s.id)).toEqual(['outlook', 'teams', 'sharepoint', 'm365', 'custom-twilio']);
  });
});

describe('the settings schema for custom sources', () => {
  const page = { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com' };

  it('accepts every source type word and up to 100 components, ids or names', () => {
    for (const type of ['statuspage', 'statusio', 'rss', 'slack', 'google-workspace', 'incidentio', 'instatus']) {
      expect(problemsOf({ customSources: [{ ...page, type }] }), type).toEqual([]);
    }
    const hundred = Array.from({ length: 100 }, (_, i) => `component ${i}`);
    expect(problemsOf({ customSources: [{ ...page, type: 'statuspage', components: hundred }] })).toEqual([]);
  });

  it('names the key and what was expected for an unknown type, too many, empty or repeated components', () => {
    expect(problemsOf({ customSources: [{ ...page, type: 'statuspage-v3' }] })[0]).toMatch(/^customSources\[0\]\.type: /);
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`);
    expect(problemsOf({ customSources: [{ ...page, components: many }] })[0]).toMatch(/^customSources\[0\]\.components: .*100/);
    expect(problemsOf({ customSources: [{ ...page, components: [''] }] })[0]).toMatch(/^customSources\[0\]\.components\[0\]: /);
    expect(problemsOf({ customSources: [{ ...page, components: ['Verify', 'Verify'] }] })[0]).toMatch(/^customSources\[0\]\.components: /);
  });

  it('is what the window may save: a patch with type and components is applied as sent', () => {
    const patch = { customSources: [{ ...page, type: 'statuspage' as const, components: ['g2dt752kwqs0', 'Verify'] }] };
    const result = applySettingsPatch(DEFAULT_SETTINGS, patch, []);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.settings.customSources).toEqual(patch.customSources);
  });
});

describe('stored settings with custom sources', () => {
  it('keeps pages saved before type and components existed, with no notice', () => {
    const stored = { version: SETTINGS_VERSION, startAtLogin: false, notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: false }, customSources: [{ id: 'custom-acme', name: 'Acme', url: 'https://status.acme.example' }] };
    const migrated = migrateSettings(stored);
    expect(migrated.notices).toEqual([]);
    expect(migrated.settings.customSources).toEqual([{ id: 'custom-acme', name: 'Acme', url: 'https://status.acme.example' }]);
  });

  it('keeps the type and components of a page added by detection', () => {
    const twilio = { id: 'custom-twilio', name: 'Twilio', url: 'https://status.twilio.com', type: 'statuspage', components: ['g2dt752kwqs0', 'Verify'] };
    const stored = { version: SETTINGS_VERSION, startAtLogin: false, notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: false }, customSources: [twilio] };
    const migrated = migrateSettings(stored);
    expect(migrated.notices).toEqual([]);
    expect(migrated.settings.customSources).toEqual([twilio]);
  });

  it('leaves out, with a notice, a stored page whose type this version does not know, and keeps the others', () => {
    const good = { id: 'custom-acme', name: 'Acme', url: 'https://status.acme.example' };
    const stored = { version: SETTINGS_VERSION, startAtLogin: false, notifications: { enabled: true, onWorse: true, onResolved: true, onLocal: false }, customSources: [{ ...good, id: 'custom-future', type: 'carrier-pigeon' }, good] };
    const migrated = migrateSettings(stored);
    expect(migrated.settings.customSources).toEqual([good]);
    expect(migrated.notices).toHaveLength(1);
    expect(renderPhrase(migrated.notices[0] ?? { clauses: [] })).toMatch(/^customSources\[0\]\.type: .*; left out$/);
  });
});
