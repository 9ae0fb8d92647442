/**
 * The settings form as data, against main's real rules: every problem the window can get from
 * `applySettingsPatch` (the one check, from the settings schema) is said in the words of the field
 * the person typed in, with the schema's bounds as main sends them, never a second copy.
 */
import { describe, expect, it } from 'vitest';
import { POLL_INTERVAL_BOUNDS } from '../../main/core/settings/settings-schema.js';
import { applySettingsPatch, pollBoundsProblem, sayProblem } from '../../main/core/settings/settings-patch.js';
import { createTranslator, ENGLISH, type Translator } from '../../main/core/i18n/translate.js';
import type { CatalogGroupId, SettingsProblem } from '../../main/core/contract.js';
import {
  customSourceId,
  fieldProblems,
  fieldWords,
  groupLabel,
  intervalMinuteBounds,
  problemKey,
  settingsPatch,
  type FieldWordsContext,
} from '../../renderer/model/settings.js';
import { catalogEntries, settingsView } from './scenarios.js';

const current = settingsView().values;
const GERMAN = createTranslator('de', { locale: 'de-DE' });

/** What main says about a patch (the same calls the window's Save reaches through the bridge). */
function mainSays(patch: Record<string, unknown>, t: Translator = ENGLISH): readonly SettingsProblem[] {
  const result = applySettingsPatch(current, patch, []);
  return result.ok ? [] : result.problems.map((problem) => sayProblem(problem, t));
}

function windowSays(patch: Record<string, unknown>, t: Translator = ENGLISH): Map<string | null, string[]> {
  const customSources = (patch['customSources'] as FieldWordsContext['customSources'] | undefined) ?? current.customSources;
  return fieldProblems(mainSays(patch, t), { pollIntervalSeconds: settingsView().bounds.pollIntervalSeconds, customSources });
}

describe('problems in the words of their field', () => {
  it('says the poll interval in minutes, from the bounds main sends (the schema’s)', () => {
    expect(settingsView().bounds.pollIntervalSeconds).toEqual(POLL_INTERVAL_BOUNDS);
    const minutes = `Choose between ${POLL_INTERVAL_BOUNDS.min / 60} and ${POLL_INTERVAL_BOUNDS.max / 60} minutes`;
    for (const value of [POLL_INTERVAL_BOUNDS.max * 10, 1, 90.5]) {
      expect(mainSays({ pollIntervalSeconds: value })).toHaveLength(1);
      expect(windowSays({ pollIntervalSeconds: value }).get('pollIntervalSeconds')).toEqual([minutes]);
    }
    expect(fieldWords(sayProblem(pollBoundsProblem({ min: 120, max: 900 }), ENGLISH), { pollIntervalSeconds: { min: 120, max: 900 }, customSources: [] })).toBe(
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
    expect(locked.ok ? [] : fieldProblems(locked.problems.map((p) => sayProblem(p, ENGLISH)), { pollIntervalSeconds: POLL_INTERVAL_BOUNDS, customSources: [] }).get('pollIntervalSeconds')).toEqual([
      'Managed by your organization',
    ]);
  });

  it('keeps main’s own words for what it has no words for (without the key path), and the whole sentence for problems that name no field', () => {
    const byKey = windowSays({ watch: ['nope'], fontSize: 12 });
    expect(byKey.get('watch')).toEqual([expect.stringMatching(/^Unknown service "nope"/)]);
    expect(byKey.get(null)).toEqual(['fontSize: not a setting the window can change']);
  });

  it('says what it has no words for in the language main said it in, classified by where and what, not by the English', () => {
    const german = mainSays({ watch: ['nope'], orgFeedUrl: 'http://status.contoso.com/feed.json', fontSize: 12 }, GERMAN);
    expect(german.map((p) => [p.at, p.reason])).toEqual([
      [['watch', 0], 'problem.meaning.unknownWatched'],
      [['orgFeedUrl'], 'problem.url.plainHttp'],
      [['fontSize'], 'problem.settings.notWindow'],
    ]);
    const english = mainSays({ watch: ['nope'], orgFeedUrl: 'http://status.contoso.com/feed.json', fontSize: 12 });
    for (const [i, problem] of german.entries()) {
      expect(problem.text).not.toBe(english[i]?.text);
      expect(problem.text.endsWith(problem.what)).toBe(true);
    }
    const byKey = fieldProblems(german, { pollIntervalSeconds: POLL_INTERVAL_BOUNDS, customSources: [] });
    expect(byKey.get('watch')).toEqual([expect.stringMatching(/^Unbekannter Dienst/)]);
    expect(byKey.get(null)).toEqual(['fontSize: keine Einstellung, die das Fenster ändern kann']);
  });
});

describe('settings form model', () => {
  it('names the catalog\'s groups in the window\'s language', () => {
    expect((['Microsoft 365', 'Other services'] as const satisfies readonly CatalogGroupId[]).map(groupLabel)).toEqual(['Microsoft 365', 'Other services']);
    expect(catalogEntries().find((e) => e.id === 'outlook')?.group).toBe('Microsoft 365');
  });

  it('sends only changed keys, never locked ones', () => {
    const draft = { ...current, pollIntervalSeconds: 600, watch: ['outlook'] };
    expect(settingsPatch(current, draft, [])).toEqual({ pollIntervalSeconds: 600, watch: ['outlook'] });
    expect(settingsPatch(current, draft, ['watch'])).toEqual({ pollIntervalSeconds: 600 });
    expect(settingsPatch(current, { ...current }, [])).toEqual({});
  });

  it('routes problems to their field by where main says they are', () => {
    const at = (...path: (string | number)[]): SettingsProblem => ({ at: path, reason: 'problem.schema.invalid', text: 'x: invalid', what: 'invalid' });
    expect(problemKey(at('orgFeedUrl'))).toBe('orgFeedUrl');
    expect(problemKey(at('customSources', 1, 'url'))).toBe('customSources');
    expect(problemKey(at())).toBeNull();
    expect(problemKey(at('__proto__'))).toBeNull();
    expect(problemKey(at('toString'))).toBeNull();
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
