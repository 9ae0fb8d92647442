/**
 * The app's language through the shell's port over `app.getPreferredSystemLanguages()`, faked
 * here: the OS's first language we have a catalog for, overridden by the `language` setting.
 */
import { describe, expect, it } from 'vitest';
import { appLanguage, appLocale, appTranslator, electronLanguagePort, type SystemLanguagePort } from '../../main/shell/language.js';

const os = (...languages: string[]): SystemLanguagePort => electronLanguagePort({ getPreferredSystemLanguages: () => languages });

describe('the app language from the OS and the setting', () => {
  it('a German OS reads German, a French one English, the first language we have wins', () => {
    expect(appLanguage(os('de-DE'), 'auto')).toBe('de');
    expect(appLanguage(os('fr-FR'), 'auto')).toBe('en');
    expect(appLanguage(os('fr-FR', 'de-CH'), 'auto')).toBe('de');
    expect(appLanguage(os(), 'auto')).toBe('en');
  });

  it('the setting wins over the OS; an unknown setting means auto', () => {
    expect(appLanguage(os('en-US'), 'de')).toBe('de');
    expect(appLanguage(os('de-DE'), 'en')).toBe('en');
    expect(appLanguage(os('de-DE'), 'klingon')).toBe('de');
  });

  it('dates follow the OS locale of that language (de-AT), else the language', () => {
    expect(appLocale(os('fr-FR', 'de-AT'), 'de')).toBe('de-AT');
    expect(appLocale(os('fr-FR'), 'en')).toBe('en');
    const t = appTranslator(os('de-AT'), 'auto', 'Europe/Vienna');
    expect(t.language).toBe('de');
    expect(t.t('tray.menu.open')).toBe('Outage Radar öffnen');
    expect(t.time(Date.UTC(2025, 0, 6, 12, 2))).toBe('13:02');
  });

  it('an OS that cannot say (the call throws) reads English', () => {
    const broken = electronLanguagePort({
      getPreferredSystemLanguages: () => {
        throw new Error('not supported');
      },
    });
    expect(appLanguage(broken, 'auto')).toBe('en');
  });
});
