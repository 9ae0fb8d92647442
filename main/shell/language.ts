/**
 * The app's language, decided in main and told to the window: the `language` setting (the window,
 * the config file or the `Language` policy, already merged by the settings layers) when it names
 * one, else the OS's preferred languages through a small port over Electron's
 * `app.getPreferredSystemLanguages()` (tests pass a fake), else English.
 */
import { createTranslator, type Translator } from '../core/i18n/translate.js';
import { languageOfLocale, languageSetting, pickLanguage, type Language } from '../core/i18n/languages.js';

/** The OS's language preferences, best first (BCP 47: `de-DE`, `en-US`). */
export interface SystemLanguagePort {
  preferredLanguages(): readonly string[];
}

/** The port over Electron's `app` (only the one method is used). */
export function electronLanguagePort(app: { getPreferredSystemLanguages(): string[] }): SystemLanguagePort {
  return {
    preferredLanguages: () => {
      try {
        return app.getPreferredSystemLanguages();
      } catch {
        // An OS that cannot say is an OS that reads English.
        return [];
      }
    },
  };
}

/** The app's language for the setting in force (`auto`, `en`, `de`; anything else is `auto`). */
export function appLanguage(port: SystemLanguagePort, setting: unknown): Language {
  return pickLanguage(port.preferredLanguages(), languageSetting(setting));
}

/**
 * The locale for dates and numbers: the first OS locale of the chosen language (`de-AT` keeps
 * Austrian dates), else the language itself.
 */
export function appLocale(port: SystemLanguagePort, language: Language): string {
  return port.preferredLanguages().find((locale) => languageOfLocale(locale) === language) ?? language;
}

/** The translator for the tray and the notifications, in the runtime's own time zone. */
export function appTranslator(port: SystemLanguagePort, setting: unknown, timeZone?: string): Translator {
  const language = appLanguage(port, setting);
  return createTranslator(language, { locale: appLocale(port, language), ...(timeZone !== undefined ? { timeZone } : {}) });
}
