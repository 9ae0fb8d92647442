/**
 * Which language a person reads: from the OS locale (the CLI's POSIX variables, Electron's
 * preferred system languages), overridden by the `language` setting (and by policy through the
 * settings layers), falling back to English. Pure: callers pass the environment in.
 */

/** The languages with a complete catalog, English first (the fallback). */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The `language` setting: `auto` follows the OS. */
export type LanguageSetting = 'auto' | Language;

/** The language every missing word falls back to, and the one JSON output and logs use. */
export const FALLBACK_LANGUAGE: Language = 'en';

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of one locale name, or null when we have no catalog for it. Accepts BCP 47
 * (`de-AT`, `en-US`) and POSIX (`de_DE.UTF-8`, `de_CH@euro`) spellings; `C` and `POSIX` are English.
 */
export function languageOfLocale(locale: string): Language | null {
  const trimmed = locale.trim();
  if (trimmed === 'C' || trimmed === 'POSIX' || /^C\./.test(trimmed)) return 'en';
  const primary = /^([A-Za-z]{2,3})(?=$|[-_.@])/.exec(trimmed)?.[1]?.toLowerCase();
  return primary !== undefined && isLanguage(primary) ? primary : null;
}

/** The setting as read from a config or policy; anything but a known language means `auto`. */
export function languageSetting(value: unknown): LanguageSetting {
  return typeof value === 'string' && isLanguage(value) ? value : 'auto';
}

/**
 * The app's language: the setting when it names one, else the first of the OS's preferred
 * languages (Electron's `app.getPreferredSystemLanguages()`, best first) that we have, else English.
 */
export function pickLanguage(preferred: readonly string[], setting: LanguageSetting = 'auto'): Language {
  if (setting !== 'auto') return setting;
  for (const locale of preferred) {
    const language = languageOfLocale(locale);
    if (language !== null) return language;
  }
  return FALLBACK_LANGUAGE;
}

/** The POSIX variables that name the messages' locale, in the order the C library reads them. */
export const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The locale the POSIX environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that
 * is set and not empty (as the C library does), or null when none is.
 */
export function posixLocale(env: Readonly<Record<string, string | undefined>>): string | null {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return null;
}

/**
 * The CLI's language: the setting (config file or policy) when it names one, else the POSIX
 * locale's language (`C`/`POSIX` and anything without a catalog are English).
 */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>, setting: LanguageSetting = 'auto'): Language {
  const locale = posixLocale(env);
  return pickLanguage(locale === null ? [] : [locale], setting);
}
