/**
 * Message catalogs and the translator. Each language's catalog is a flat JSON file of ICU
 * MessageFormat messages (`catalogs/<language>.json`); English is complete by definition and
 * every other catalog is proved complete by test/unit/core/i18n-catalogs.test.ts. Keys are typed
 * from `en.json`, so a misspelt key fails the typecheck. Formatting goes through
 * intl-messageformat, each message compiled once per locale; a message missing from a
 * catalog, or one that cannot be formatted, falls back to English, and formatting never throws.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './catalogs/en.json' with { type: 'json' };
import de from './catalogs/de.json' with { type: 'json' };
import { formatAgo, formatClockTime, formatDateTime, formatDuration, formatIn, formatMoment, formatRelative } from './dates.js';
import { cliLanguage, FALLBACK_LANGUAGE, languageOfLocale, posixLocale, type Language, type LanguageSetting } from './languages.js';

/** Every key of the catalogs; the compiler checks each literal key against `en.json`. */
export type MessageKey = keyof typeof en;

/** What an ICU argument may be: words, or numbers for `plural` and `number`. */
export type MessageValue = string | number;
export type MessageValues = Readonly<Record<string, MessageValue>>;

const CATALOGS: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en, de };

/** The catalog of one language (read-only), for the catalog test and tooling. */
export function catalogOf(language: Language): Readonly<Record<string, string>> {
  return CATALOGS[language];
}

export interface TranslatorOptions {
  /**
   * The BCP 47 locale for numbers and dates (`de-AT`, `en-GB`); default the language itself.
   * A locale of another language is ignored, so German words never get US dates.
   */
  readonly locale?: string;
  /** The IANA time zone for dates and times; default the runtime's own. */
  readonly timeZone?: string;
}

/** Words and moments in one language, locale and time zone. Every method returns plain text. */
export interface Translator {
  readonly language: Language;
  /** The BCP 47 locale for `Intl` (`de-DE`, `en`). */
  readonly locale: string;
  readonly timeZone: string | undefined;
  /** The message for a key known at compile time. */
  t(key: MessageKey, values?: MessageValues): string;
  /**
   * The message for a key built at run time (`kb.<id>.title`): this language's, else English,
   * else `fallback` (the data's own English), else the key itself.
   */
  dynamic(key: string, values?: MessageValues, fallback?: string): string;
  /** Whether this language's catalog has the key (without falling back). */
  has(key: string): boolean;
  /** "13:02" / "1:02 PM" in the time zone. */
  time(at: Date | number | string): string;
  /** "seit 13:02" / "since 1:02 PM". */
  since(at: Date | number | string): string;
  /** Day, time and zone: "2. Dez. 2025, 13:02 MEZ". */
  dateTime(at: Date | number | string): string;
  /** The time of day, with the day in front unless it is today. */
  moment(at: Date | number | string, now: number): string;
  /** "vor 3 Minuten" / "3 minutes ago". */
  ago(elapsedMs: number): string;
  /** "in 3 Minuten" / "in 3 minutes". */
  in(aheadMs: number): string;
  /** Ahead or ago, from a moment and now. */
  relative(at: Date | number | string, now: number): string;
  /** "3 Minuten" / "3 minutes". */
  duration(ms: number): string;
}

// Compiled messages, shared by every translator: the same message in the same locale is parsed once.
const compiled = new Map<string, IntlMessageFormat | null>();

function compile(message: string, locale: string): IntlMessageFormat | null {
  const cacheKey = `${locale}\u0000${message}`;
  let format = compiled.get(cacheKey);
  if (format === undefined) {
    try {
      // Tags stay text: our messages are plain words, never markup.
      format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    } catch {
      format = null;
    }
    compiled.set(cacheKey, format);
  }
  return format;
}

/** `{name}` placeholders only, and no apostrophe (ICU's quoting): most of our messages. */
const PLAIN_ARGUMENTS = /^(?:[^{}']|\{[A-Za-z0-9_]+\})*$/;

/**
 * Messages with nothing but plain `{name}` arguments are filled directly: the same result as
 * intl-messageformat (a missing value is a failure), without parsing and keeping a compiled
 * message. A one-shot CLI run says hundreds of them, and their ASTs were most of its memory.
 */
function fillPlain(message: string, values: MessageValues | undefined): string | null {
  let missing = false;
  const text = message.replace(/\{([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
    const value = values?.[name];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return String(value);
  });
  return missing ? null : text;
}

function format(message: string, locale: string, values: MessageValues | undefined): string | null {
  if (PLAIN_ARGUMENTS.test(message)) return fillPlain(message, values);
  const compiledMessage = compile(message, locale);
  if (compiledMessage === null) return null;
  try {
    const result = compiledMessage.format(values);
    return typeof result === 'string' ? result : Array.isArray(result) ? result.join('') : String(result);
  } catch {
    return null;
  }
}

/** The locale to format with: the caller's when it is of this language, else the language. */
function localeFor(language: Language, locale: string | undefined): string {
  if (locale === undefined) return language;
  const bcp = locale.replace(/[.@].*$/, '').replace(/_/g, '-');
  if (languageOfLocale(bcp) !== language) return language;
  try {
    return Intl.getCanonicalLocales(bcp)[0] ?? language;
  } catch {
    return language;
  }
}

/** A translator for one language. */
export function createTranslator(language: Language, options: TranslatorOptions = {}): Translator {
  const locale = localeFor(language, options.locale);
  const englishLocale = language === FALLBACK_LANGUAGE ? locale : FALLBACK_LANGUAGE;
  const own = CATALOGS[language];
  const english = CATALOGS[FALLBACK_LANGUAGE];
  const { timeZone } = options;
  const dynamic = (key: string, values?: MessageValues, fallback?: string): string => {
    const mine = Object.hasOwn(own, key) ? own[key] : undefined;
    if (mine !== undefined) {
      const text = format(mine, locale, values);
      if (text !== null) return text;
    }
    const theirs = Object.hasOwn(english, key) ? english[key] : fallback;
    if (theirs === undefined) return key;
    return format(theirs, englishLocale, values) ?? theirs;
  };
  const translator: Translator = {
    language,
    locale,
    timeZone,
    t: (key, values) => dynamic(key, values),
    dynamic,
    has: (key) => Object.hasOwn(own, key),
    time: (at) => formatClockTime(at, locale, timeZone),
    since: (at) => dynamic('time.since', { time: formatClockTime(at, locale, timeZone) }),
    dateTime: (at) => formatDateTime(at, locale, timeZone),
    moment: (at, now) => formatMoment(at, now, locale, timeZone),
    ago: (ms) => formatAgo(ms, locale),
    in: (ms) => formatIn(ms, locale),
    relative: (at, now) => formatRelative(at, now, locale),
    duration: (ms) => formatDuration(ms, locale),
  };
  return translator;
}

const translators = new Map<string, Translator>();

/** The shared translator of a language with default locale and zone (what JSON and logs use for English). */
export function translatorFor(language: Language): Translator {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = createTranslator(language);
    translators.set(language, translator);
  }
  return translator;
}

/** English, for everything machines read: JSON output, logs, the report's machine part. */
export const ENGLISH: Translator = translatorFor(FALLBACK_LANGUAGE);

/**
 * One message in the language of a locale (`de-DE`, `de_DE.UTF-8`, `en`); a locale without a
 * catalog reads English.
 */
export function translate(locale: string, key: MessageKey, values?: MessageValues): string {
  const language = languageOfLocale(locale) ?? FALLBACK_LANGUAGE;
  return createTranslator(language, { locale }).t(key, values);
}

/**
 * The CLI's translator: the language from the setting or the POSIX locale (`cliLanguage`), the
 * locale's region for numbers and dates (`de_AT.UTF-8` → `de-AT`), the runtime's time zone (`TZ`).
 */
export function cliTranslator(env: Readonly<Record<string, string | undefined>>, setting: LanguageSetting = 'auto'): Translator {
  const language = cliLanguage(env, setting);
  const locale = posixLocale(env);
  return createTranslator(language, locale !== null ? { locale } : {});
}
