/**
 * The settings form as data, against main's real rules: every problem the window can get from
 * `applySettingsPatch` (the one check, from the settings schema) is said in the words of the field
 * the person typed in, with the schema's bounds as main sends them, never a second copy.
 */
import { describe, expect, it } from 'vitest';
import { POLL_INTERVAL_BOUNDS } from '../../main/core/settings/settings-schema.js';
import { applySettingsPatch } from '../../main/core/settings/settings-patch.js';
import {
  customSourceId,
  fieldProblems,
  fieldWords,
  groupCatalog,
  intervalMinuteBounds,
  problemKey,
  problemText,
  settingsPatch,
  type FieldWordsContext,
} from '../../renderer/model/settings.js';
import { catalogEntries, settingsView } from './scenarios.js';

const current = settingsView().values;

/** What main says about a patch (the same call the window's Save reaches through the bridge). */
function mainSays(patch: Record<string, unknown>): readonly string[] {
  const result = applySettingsPatch(current, patch, []);
  return result.ok ? [] : result.problems;
}

function windowSays(patch: Record<string, unknown>): Map<string | null, string[]> {
  const customSources = (patch['customSources'] as FieldWordsContext['customSources'] | undefined) ?? current.customSources;
  return fieldProblems(mainSays(patch), { pollIntervalSeconds: settingsView().bounds.pollIntervalSeconds, customSources });
}

describe('problems in the words of their field', () => {
  it('says the poll interval in minutes, from the bounds main sends (the schema’s)', () => {
    expect(settingsView().bounds.pollIntervalSeconds).toEqual(POLL_INTERVAL_BOUNDS);
    const minutes = `Choose between ${POLL_INTERVAL_BOUNDS.min / 60} and ${POLL_INTERVAL_BOUNDS.max / 60} minutes`;
    for (const value of [POLL_INTERVAL_BOUNDS.max * 10, 1, 90.5]) {
      expect(mainSays({ pollIntervalSeconds: value })).toHaveLength(1);
      expect(windowSays({ pollIntervalSeconds: value }).get('pollIntervalSeconds')).toEqual([minutes]);
    }
    expect(fieldWords('pollIntervalSeconds: expected a number of at most 900, got 36000', { pollIntervalSeconds: { min: 120, max: 900 }, customSources: [] })).toBe(
      'Choose between 2 and 15 minutes',
    );
  });

  it('gives advice about an address main refused, and lets a loopback http address through as main does', () => {
    const orgFeed = (url: string): string[] | undefined => windowSays({ orgFeedUrl: url }).get('orgFeedUrl');
    expect(orgFeed('http://status.contoso.com/feed.json')).toEqual(['The address must start with https://']);
    expect(orgFeed('ftp://status.contoso.com/feed.json')).toEqual(['The address must start with https://']);
    expect(orgFeed('status.contoso.com')).toEqual(['Enter the full address, starting with https://']);
    expect(orgFeed('https://me:secret@status.contoso.com/feed.json')).toEqual(['Leave the user name and password out of the address']);
    expect(orgFeed(`https://status.contoso.com/${'x'.repeat(3000)}`)).toEqual(['This address is too long']);
    expect(mainSays({ orgFeedUrl: 'http://127.0.0.1:8080/feed.json' })).toEqual([]);
  });

  it('names the status page a problem is about', () => {
    const pages = [
      { id: 'custom-acme', name: 'Acme', url: 'http://status.acme.example' },
      { id: 'custom-beta', name: 'Beta', url: 'https://status.beta.example' },
    ];
    expect(windowSays({ customSources: pages }).get('customSources')).toEqual(['Acme: the address must start with https://']);
    expect(windowSays({ customSources: [{ id: 'custom-x', name: '', url: 'https://x.example' }] }).get('customSources')).toEqual(['Give the status page a name']);
  });

  it('words tenant names and quiet hours for a person, and keeps "Managed by your organization"', () => {
    expect(windowSays({ tenantName: 'contoso.sharepoint.com' }).get('tenantName')).toEqual(['Enter only the short name, like “contoso” from contoso.sharepoint.com']);
    expect(windowSays({ quietHours: { enabled: true, start: '22:00', end: '22:00' } }).get('quietHours')).toEqual(['Quiet hours need a start and an end that differ']);
    expect(windowSays({ quietHours: { start: '25:00' } }).get('quietHours')).toEqual(['Enter a time like 22:00 (24-hour clock)']);
    const locked = applySettingsPatch(current, { pollIntervalSeconds: 600 }, ['pollIntervalSeconds']);
    expect(locked.ok ? [] : fieldProblems(locked.problems, { pollIntervalSeconds: POLL_INTERVAL_BOUNDS, customSources: [] }).get('pollIntervalSeconds')).toEqual([
      'Managed by your organization',
    ]);
  });

  it('keeps main’s own sentence for what it has no words for, and problems that name no field for the form', () => {
    const byKey = fieldProblems(['watch[0]: unknown service "nope"', 'the settings file is read-only'], { pollIntervalSeconds: POLL_INTERVAL_BOUNDS, customSources: [] });
    expect(byKey.get('watch')).toEqual(['Unknown service "nope"']);
    expect(byKey.get(null)).toEqual(['the settings file is read-only']);
  });
});

describe('settings form model', () => {
  it('groups the catalog under its headings in order', () => {
    const groups = groupCatalog(catalogEntries());
    expect(groups.map((g) => g.group)).toEqual(['Microsoft 365', 'Other services']);
    expect(groups[0]?.entries.map((e) => e.id)).toContain('outlook');
  });

  it('sends only changed keys, never locked ones', () => {
    const draft = { ...current, pollIntervalSeconds: 600, watch: ['outlook'] };
    expect(settingsPatch(current, draft, [])).toEqual({ pollIntervalSeconds: 600, watch: ['outlook'] });
    expect(settingsPatch(current, draft, ['watch'])).toEqual({ pollIntervalSeconds: 600 });
    expect(settingsPatch(current, { ...current }, [])).toEqual({});
  });

  it('routes problems to their field', () => {
    expect(problemKey('orgFeedUrl: the address must start with https://')).toBe('orgFeedUrl');
    expect(problemKey('customSources[1].url: not https')).toBe('customSources');
    expect(problemKey('the settings file is read-only')).toBeNull();
    expect(problemKey('__proto__: nope')).toBeNull();
    expect(problemText('customSources[1].url: the address must start with https://')).toBe('The address must start with https://');
  });

  it('makes unique ids for custom sources', () => {
    expect(customSourceId('Acme Status!', [])).toBe('custom-acme-status');
    expect(customSourceId('Acme Status', ['custom-acme-status'])).toBe('custom-acme-status-2');
    expect(customSourceId('???', [])).toBe('custom-source');
  });

  it('converts the poll bounds to whole minutes', () => {
    expect(intervalMinuteBounds({ min: 60, max: 3600 })).toEqual({ min: 1, max: 60 });
    expect(intervalMinuteBounds({ min: 30, max: 90 })).toEqual({ min: 1, max: 1 });
  });
});
